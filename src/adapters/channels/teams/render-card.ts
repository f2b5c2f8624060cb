/**
 * Pure rendering of the channel-neutral BotMessage as an Adaptive Card (schema 1.5), used by Teams
 * and the web chat. Every text from the message is escaped (it may carry reporter text); button
 * titles are plain text in Adaptive Cards and need no escaping.
 */
import type { Attachment } from "botbuilder";
import { isWebLink, plainText, type BotMessage, type MessageAction } from "../../../domain/message";
import { escapeCardText } from "./escape-card-text";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/** Buttons as Action.Submit (Teams and Web Chat) or Action.Execute (Teams universal actions). */
export type CardActionKind = "submit" | "execute";

export interface RenderOptions {
  actionKind?: CardActionKind;
}

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard"; version: string };

const TONE_STYLE = { normal: "default", good: "good", warning: "warning", attention: "attention" } as const;
/** Adaptive Card button titles are short; longer labels are cut so the card stays legible. */
const MAX_BUTTON_TITLE = 40;

function cutTitle(title: string): string {
  return title.length > MAX_BUTTON_TITLE ? `${title.slice(0, MAX_BUTTON_TITLE - 1)}…` : title;
}

function button(kind: CardActionKind, verb: string, title: string, data: Record<string, string>, style?: string) {
  const cut = cutTitle(title);
  const common = { title: cut, ...(style ? { style } : {}) };
  return kind === "execute"
    ? { type: "Action.Execute", verb, data: { action: verb, ...data }, ...common }
    : { type: "Action.Submit", data: { action: verb, ...data }, ...common };
}

function actionStyle(action: MessageAction): string | undefined {
  if (action.style === "primary") return "positive";
  if (action.style === "danger") return "destructive";
  return undefined;
}

export function renderCard(message: BotMessage, options: RenderOptions = {}): AdaptiveCard {
  if (message.rendered?.adaptiveCard) return message.rendered.adaptiveCard as AdaptiveCard;
  const kind = options.actionKind ?? "submit";
  const items: Record<string, unknown>[] = [];
  if (message.title)
    items.push({
      type: "TextBlock",
      text: escapeCardText(message.title),
      weight: "Bolder",
      size: "Medium",
      wrap: true,
    });
  if (message.text) items.push({ type: "TextBlock", text: escapeCardText(message.text), wrap: true });
  if (message.facts && message.facts.length > 0)
    items.push({
      type: "FactSet",
      facts: message.facts.map((f) => ({ title: escapeCardText(f.label), value: escapeCardText(f.value) })),
    });
  if (message.question)
    items.push({ type: "TextBlock", text: escapeCardText(message.question.text), wrap: true, weight: "Bolder" });
  if (message.note)
    items.push({ type: "TextBlock", text: escapeCardText(message.note), wrap: true, isSubtle: true, size: "Small" });

  const body: Record<string, unknown>[] = [
    { type: "Container", style: TONE_STYLE[message.tone ?? "normal"], items: items.length > 0 ? items : [] },
  ];
  if (message.question && message.question.choices.length > 0) {
    const { reportId, field } = message.question;
    body.push({
      type: "ActionSet",
      actions: message.question.choices.map((c) =>
        button(kind, "answer", c.label, { reportId, field, value: c.value }),
      ),
    });
  }
  const actions: Record<string, unknown>[] = (message.actions ?? []).map((a) =>
    button(kind, a.action, a.label, a.data, actionStyle(a)),
  );
  // Links (the ITSM ticket) open in the browser: Action.OpenUrl, http(s) only.
  for (const link of message.links ?? [])
    if (isWebLink(link.url)) actions.push({ type: "Action.OpenUrl", title: cutTitle(link.label), url: link.url });
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    fallbackText: plainText(message),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function cardAttachment(card: Record<string, unknown>): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/**
 * A message activity carrying the card. The plain-text fallback travels as the card's fallbackText
 * and as the activity summary (notifications, previews), not as `text`: clients would show both.
 */
export function renderActivity(message: BotMessage, options: RenderOptions = {}) {
  return {
    type: "message" as const,
    summary: plainText(message).slice(0, 200),
    attachments: [cardAttachment(renderCard(message, options))],
  };
}
