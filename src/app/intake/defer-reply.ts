/**
 * A tracked reply (the acknowledgement of a new report) that the channel could not send inside the
 * turn goes out later through the outbox instead, so a stored report is never left unacknowledged.
 * It is queued once per report (`ack@<id>`), to the report's own conversation. It only fills the
 * intake slot: sent late, it becomes the message the confirmation replaces in place; overtaken by
 * the confirmation (which names the report too), it is dropped rather than replacing it.
 */
import type { BotMessage } from "../../domain/message";
import { pendingOutbox } from "../../domain/outbox";
import type { IntakeDeps } from "./intake-deps";

export function deferredReplyKey(reportId: string): string {
  return `ack@${reportId}`;
}

/** True when the message is in the outbox (queued now or by an earlier try). */
export async function deferReply(
  deps: Pick<IntakeDeps, "store" | "clock" | "logger" | "wakeOutbox">,
  reportId: string,
  message: BotMessage,
): Promise<boolean> {
  const report = await deps.store.reports.get(reportId);
  if (!report || report.channel === "cli" || !report.conversationKey) return false;
  const now = deps.clock.now();
  const entry = pendingOutbox(
    {
      key: deferredReplyKey(report.id),
      target: { channel: report.channel, conversationKey: report.conversationKey, destination: null },
      message,
      recordRefOn: { reportId: report.id, field: "intakeMessageRef", onlyIfEmpty: true },
    },
    now,
  );
  const queued = await deps.store.outbox.enqueue(entry);
  deps.logger.warn({ reportId: report.id, key: entry.key, queued }, "reply not sent in the turn; queued in the outbox");
  deps.wakeOutbox();
  return true;
}
