/**
 * BotMessage → Block Kit. Pure. Every string from the core is escaped (it may carry reporter text)
 * and fitted to Slack's limits; every mrkdwn object is `verbatim` (no auto-linking of URLs, channel
 * names or mentions); the fallback `text` is always set so notifications read well.
 */
import type { types } from "@slack/bolt";
import { isWebLink, plainText, type BotMessage, type MessageAction } from "../../../domain/message";
import { safeText } from "./mrkdwn";

type Block = types.KnownBlock;
type Button = types.Button;

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  elementsPerActions: 25,
  fallbackText: 3000,
} as const;

export interface SlackPayload {
  text: string;
  blocks: Block[];
}

const TONE_EMOJI: Record<NonNullable<BotMessage["tone"]>, string> = {
  normal: "",
  good: ":white_check_mark: ",
  warning: ":warning: ",
  attention: ":rotating_light: ",
};

/** Separator between the verb and the per-block index in an action_id: `answer#0`. */
const ACTION_ID_SEPARATOR = "#";

export function actionIdFor(verb: string, index: number): string {
  return `${verb}${ACTION_ID_SEPARATOR}${index}`.slice(-SLACK_LIMITS.actionId);
}

/** The core verb of a rendered button's action_id. */
export function verbOf(actionId: string): string {
  const at = actionId.lastIndexOf(ACTION_ID_SEPARATOR);
  return at < 0 ? actionId : actionId.slice(0, at);
}

interface ButtonSpec {
  verb: string;
  label: string;
  data: Record<string, string>;
  style?: "primary" | "danger";
}

function button(spec: ButtonSpec, index: number): Button | null {
  const value = JSON.stringify(spec.data);
  if (value.length > SLACK_LIMITS.buttonValue) return null;
  const result: Button = {
    type: "button",
    action_id: actionIdFor(spec.verb, index),
    text: { type: "plain_text", text: safeText(spec.label || spec.verb, SLACK_LIMITS.buttonText), emoji: true },
    value,
  };
  if (spec.style) result.style = spec.style;
  return result;
}

function actionBlocks(specs: ButtonSpec[]): Block[] {
  const buttons = specs.map((spec, index) => button(spec, index)).filter((b): b is Button => b !== null);
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.elementsPerActions) {
    blocks.push({ type: "actions", elements: buttons.slice(i, i + SLACK_LIMITS.elementsPerActions) });
  }
  return blocks;
}

function section(text: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: safeText(text, SLACK_LIMITS.sectionText), verbatim: true } };
}

function bodyBlocks(message: BotMessage): Block[] {
  const blocks: Block[] = [];
  const emoji = TONE_EMOJI[message.tone ?? "normal"];
  if (message.title) {
    blocks.push({
      type: "header",
      text: { type: "plain_text", text: safeText(`${emoji}${message.title}`, SLACK_LIMITS.headerText), emoji: true },
    });
  }
  const text = message.title ? message.text : `${emoji}${message.text}`;
  if (text.trim()) blocks.push(section(text));
  const facts = message.facts ?? [];
  for (let i = 0; i < facts.length; i += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({
      type: "section",
      fields: facts.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((fact) => ({
        type: "mrkdwn" as const,
        text: `*${safeText(fact.label, 200)}*\n${safeText(fact.value, SLACK_LIMITS.fieldText - 210)}`,
        verbatim: true,
      })),
    });
  }
  if (message.question?.text.trim()) blocks.push(section(message.question.text));
  const links = linkText(message);
  if (links) blocks.push({ type: "section", text: { type: "mrkdwn", text: links, verbatim: true } });
  return blocks;
}

/**
 * `<url|label>` per http(s) link: the label escaped like any text; in the URL the characters that
 * would end or split the link (`|`, `<`, `>`, spaces) are percent-encoded and `&` is `&amp;`.
 */
function linkText(message: BotMessage): string {
  return (message.links ?? [])
    .filter((link) => isWebLink(link.url) && link.url.length <= 1500)
    .map((link) => {
      const url = link.url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, "&amp;");
      return `<${url}|${safeText(link.label, 200).replace(/[|]/g, "¦")}>`;
    })
    .join("   ");
}

function buttonSpecs(message: BotMessage): ButtonSpec[] {
  const specs: ButtonSpec[] = [];
  const question = message.question;
  for (const choice of question?.choices ?? []) {
    specs.push({
      verb: "answer",
      label: choice.label,
      data: { reportId: question?.reportId ?? "", field: question?.field ?? "", value: choice.value },
    });
  }
  for (const action of message.actions ?? []) specs.push(fromAction(action));
  return specs;
}

function fromAction(action: MessageAction): ButtonSpec {
  return {
    verb: action.action,
    label: action.label,
    data: action.data,
    ...(action.style ? { style: action.style } : {}),
  };
}

/** The notification / accessibility text of a message. */
export function fallbackText(message: BotMessage): string {
  const text = plainText(message).trim() || "Message from IT support";
  return safeText(text, SLACK_LIMITS.fallbackText);
}

export function renderBlocks(message: BotMessage): SlackPayload {
  const text = fallbackText(message);
  if (message.rendered?.slackBlocks?.length) {
    return { text, blocks: message.rendered.slackBlocks.slice(0, SLACK_LIMITS.blocks) as unknown as Block[] };
  }
  const body = bodyBlocks(message);
  const tail = actionBlocks(buttonSpecs(message));
  if (message.note?.trim()) {
    tail.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: safeText(message.note, SLACK_LIMITS.sectionText), verbatim: true }],
    });
  }
  const room = SLACK_LIMITS.blocks - tail.length;
  if (body.length > room) {
    const kept = body.slice(0, Math.max(0, room - 1));
    kept.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: "_Some details were left out (message too long)._" }],
    });
    return { text, blocks: [...kept, ...tail].slice(0, SLACK_LIMITS.blocks) };
  }
  return { text, blocks: [...body, ...tail] };
}
