/**
 * Queues the ITSM ticket of a new incident (a report that heads its own cluster) in the outbox,
 * under one key per report: however often triage takes the report in again (answers, a re-driven
 * pipeline, a second instance), one entry exists and the dispatcher delivers it until it succeeds.
 */
import { pendingOutbox } from "../../domain/outbox";
import type { Report } from "../../domain/report";
import type { TriageDeps } from "../triage/triage-deps";

export const TICKET_OUTBOX_PREFIX = "itsm-ticket:";

export function ticketOutboxKey(reportId: string): string {
  return `${TICKET_OUTBOX_PREFIX}${reportId}`;
}

/** True when queued now; false when no ITSM is configured, the report is not a head, or it was queued before. */
export async function queueTicket(deps: TriageDeps, report: Report): Promise<boolean> {
  if (!deps.itsm || report.ticket || (report.clusterId ?? report.id) !== report.id) return false;
  return deps.store.outbox.enqueue(
    pendingOutbox(
      {
        key: ticketOutboxKey(report.id),
        target: { channel: "itsm", conversationKey: null, destination: deps.itsm },
        message: { reportId: report.id },
      },
      deps.clock.now(),
    ),
  );
}

/**
 * After a status change made in chat (not by the tool's own webhook), queues bringing the ticket of
 * each changed cluster head to the same state. The delivery reads the report's status when it runs,
 * so entries delivered late or out of order still leave the ticket where the report is now.
 */
export async function queueTicketSync(
  deps: TriageDeps,
  reportIds: readonly string[],
  eventKey: string,
): Promise<number> {
  if (!deps.itsm) return 0;
  let queued = 0;
  for (const id of new Set(reportIds)) {
    const report = await deps.store.reports.get(id);
    if (!report?.ticket) continue;
    const entry = pendingOutbox(
      {
        key: `itsm-sync:${report.id}:${eventKey}`,
        target: { channel: "itsm", conversationKey: null, destination: deps.itsm },
        message: { reportId: report.id, sync: true },
      },
      deps.clock.now(),
    );
    if (await deps.store.outbox.enqueue(entry)) queued += 1;
  }
  return queued;
}
