/** Queues a message to a reporter's own conversation (sent by the outbox dispatcher, retried if it fails). */
import type { BotMessage } from "../../domain/message";
import { pendingOutbox } from "../../domain/outbox";
import type { Report } from "../../domain/report";
import type { Store } from "../../ports/store";

/**
 * `replaceIntakeMessage`: update the reporter's acknowledgement in place (where the channel can),
 * so a nurse sees one message that evolves rather than three.
 */
export async function queueToReporter(
  store: Store,
  report: Report,
  key: string,
  message: BotMessage,
  now: Date,
  options: { replaceIntakeMessage: boolean },
): Promise<boolean> {
  if (report.channel === "cli" || !report.conversationKey) return false;
  const outbox = pendingOutbox(
    {
      key,
      target: { channel: report.channel, conversationKey: report.conversationKey, destination: null },
      message,
      recordRefOn: options.replaceIntakeMessage ? { reportId: report.id, field: "intakeMessageRef" } : null,
    },
    now,
  );
  return store.outbox.enqueue(outbox);
}
