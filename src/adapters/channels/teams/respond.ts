/** Applying a CoreResponse inside a turn: replies as cards, tracked refs, in-place updates, forms. */
import { TurnContext } from "botbuilder";
import type { BotCore, CoreReply, CoreResponse } from "../../../app/intake/core-types";
import type { Logger } from "../../../ports/logger";
import { renderDetailForm, renderTriageForm } from "./forms";
import { messageRef } from "./inbound";
import { cardAttachment, renderActivity, type RenderOptions } from "./render-card";
import { ReplyDeferredError } from "./reply-deferred-error";

export interface ResponderDeps {
  core: BotCore;
  logger: Logger;
  render: RenderOptions;
}

/**
 * A tracked reply that could not be sent is handed back to the core to go out through the outbox;
 * true when it was. Untracked replies (help, refusals) stay best-effort.
 */
async function deferTracked(reply: CoreReply, err: unknown, deps: ResponderDeps): Promise<boolean> {
  if (!reply.trackForReport || !deps.core.deferReply) return false;
  try {
    const deferred = await deps.core.deferReply(reply.trackForReport, reply.message);
    deps.logger.warn(
      { reportId: reply.trackForReport, deferred, err: (err as Error).message },
      "could not send the acknowledgement in the turn",
    );
    return deferred;
  } catch (deferErr) {
    deps.logger.error(
      { reportId: reply.trackForReport, err: (deferErr as Error).message },
      "could not queue the unsent acknowledgement",
    );
    return false;
  }
}

/**
 * Sends each reply (Teams has no ephemeral messages: those are posted normally) and reports tracked
 * refs. When a tracked reply cannot be sent, the core queues it and the turn ends with a
 * ReplyDeferredError (logged, no apology; the HTTP answer is still 200); other failures propagate.
 */
export async function sendReplies(context: TurnContext, replies: readonly CoreReply[], deps: ResponderDeps) {
  const conversationId = context.activity.conversation.id;
  for (const reply of replies) {
    let sent: Awaited<ReturnType<TurnContext["sendActivity"]>>;
    try {
      sent = await context.sendActivity(renderActivity(reply.message, deps.render));
    } catch (err) {
      if (reply.trackForReport && (await deferTracked(reply, err, deps)))
        throw new ReplyDeferredError(reply.trackForReport, err);
      throw err;
    }
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
