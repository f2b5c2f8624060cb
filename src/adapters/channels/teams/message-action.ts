/**
 * The "Report to IT" message action: fetchTask opens a form prefilled with the message's text
 * (redacted: the form is sent back to Teams);
 * submitAction files it through the core as an explicit report. The original author is recorded
 * as the reporter only when the person filing ticks the toggle confirming they agreed.
 */
import { TurnContext, type MessagingExtensionAction, type MessagingExtensionActionResponse } from "botbuilder";
import type { BotCore, Sender } from "../../../app/intake/core-types";
import { plainText } from "../../../domain/message";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { Redactor } from "../../../ports/redactor";
import { redactFreeText } from "../../../app/pipeline/redact-free-text";
import type { ConversationStore } from "../../../ports/side-stores";
import { renderReportForm } from "./forms";
import { htmlToText, ReportFormSubmission, senderOf, type ChannelIdentity } from "./inbound";
import { sendReplies, type ResponderDeps } from "./respond";

/** Must match composeExtensions[0].commands[0].id in manifests/teams/manifest.json. */
export const REPORT_COMMAND_ID = "reportToIt";

export interface MessageActionDeps {
  identity: ChannelIdentity;
  core: BotCore;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  responder: ResponderDeps;
}

function payloadText(action: MessagingExtensionAction): string {
  const body = action.messagePayload?.body;
  if (!body?.content) return "";
  return body.contentType === "html" ? htmlToText(body.content) : body.content.trim();
}

/** The form, prefilled with the message as the bot would store it (redacted), never the raw text. */
export function renderReportTask(
  action: MessagingExtensionAction,
  redactor: Redactor | null,
): MessagingExtensionActionResponse {
  const authorName = action.messagePayload?.from?.user?.displayName ?? null;
  const text = redactor ? redactFreeText(redactor, payloadText(action)).text : "";
  const card = renderReportForm({ text, authorName });
  return {
    task: {
      type: "continue",
      value: {
        title: "Report to IT",
        width: "medium",
        height: "medium",
        card: { contentType: "application/vnd.microsoft.card.adaptive", content: card },
      },
    },
  };
}

function reporterOf(
  context: TurnContext,
  action: MessagingExtensionAction,
  deps: MessageActionDeps,
  author: boolean,
): Sender {
  const invoker = senderOf(deps.identity, context.activity);
  const user = action.messagePayload?.from?.user;
  if (!author || !user) return invoker;
  return { ...invoker, userId: user.id ?? invoker.userId, userName: user.displayName ?? null };
}

export async function handleReportSubmit(
  context: TurnContext,
  action: MessagingExtensionAction,
  deps: MessageActionDeps,
): Promise<MessagingExtensionActionResponse> {
  const parsed = ReportFormSubmission.safeParse(action.data);
  if (!parsed.success) return { task: { type: "message", value: "Please describe the problem before sending." } };
  const form = parsed.data;
  const response = await deps.core.onMessage({
    sender: reporterOf(context, action, deps, form.reporterIsAuthor === "true"),
    text: form.text,
    attachments: 0,
    anonymous: form.anonymous === "true",
    deliveryId: `${deps.identity.keyPrefix}:${context.activity.id ?? ""}`,
    explicit: true,
  });
  // Confirmations go to the conversation the action came from when the bot can post there (its 1:1
  // chat, a team it is in); elsewhere (a chat without the bot) the task reply below is all there is.
  try {
    await sendReplies(context, response.replies, deps.responder);
  } catch (err) {
    deps.logger.info({ err: (err as Error).message }, "message action: could not post replies in the conversation");
  }
  const first = response.replies[0]?.message;
  const summary = first ? plainText(first).split("\n").slice(0, 2).join(" — ") : "Thank you, your report was sent.";
  return { task: { type: "message", value: summary.slice(0, 300) } };
}
