/** Applying a CoreResponse inside a turn: replies as cards, tracked refs, in-place updates, forms. */
import { TurnContext } from "botbuilder";
import type { BotCore, CoreReply, CoreResponse } from "../../../app/core-types";
import type { Logger } from "../../../ports/logger";
import { renderDetailForm, renderTriageForm } from "./forms";
import { messageRef } from "./inbound";
import { cardAttachment, renderActivity, type RenderOptions } from "./render-card";

export interface ResponderDeps {
  core: BotCore;
  logger: Logger;
  render: RenderOptions;
}

/** Sends each reply (Teams has no ephemeral messages: those are posted normally) and reports tracked refs. */
export async function sendReplies(context: TurnContext, replies: readonly CoreReply[], deps: ResponderDeps) {
  const conversationId = context.activity.conversation.id;
  for (const reply of replies) {
    const sent = await context.sendActivity(renderActivity(reply.message, deps.render));
    if (reply.trackForReport && sent?.id)
      await deps.core.recordIntakeMessage(reply.trackForReport, messageRef(conversationId, sent.id));
  }
}

/** Replaces the card whose button was pressed, when the core asks for it and the platform gave its id. */
export async function applyUpdate(
  context: TurnContext,
  response: CoreResponse,
  replyToId: string | undefined,
  deps: ResponderDeps,
) {
  if (!response.update || !replyToId) return;
  try {
    await context.updateActivity({ ...renderActivity(response.update, deps.render), id: replyToId });
  } catch (err) {
    // The card may be gone or too old to edit; the replies still go out.
    deps.logger.warn({ err: (err as Error).message }, "could not update card in place");
  }
}

/** The core's form as an inline card (a task module would not render in Web Chat). */
export async function sendForm(context: TurnContext, response: CoreResponse) {
  const form = response.openForm;
  if (!form) return;
  const card =
    form.kind === "triage"
      ? renderTriageForm(form)
      : renderDetailForm({ reportId: form.reportId, title: form.title, prompt: form.prompt });
  await context.sendActivity({ type: "message", summary: form.title, attachments: [cardAttachment(card)] });
}

export async function applyResponse(
  context: TurnContext,
  response: CoreResponse,
  deps: ResponderDeps,
  replyToId?: string,
): Promise<void> {
  await applyUpdate(context, response, replyToId, deps);
  await sendReplies(context, response.replies, deps);
  await sendForm(context, response);
}
