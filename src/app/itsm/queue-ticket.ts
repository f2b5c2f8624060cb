/**
 * Queues the ITSM ticket of a new incident (a report that heads its own cluster) in the outbox,
 * under one key per report: however often triage takes the report in again (answers, a re-driven
 * pipeline, a second instance), one entry exists and the dispatcher delivers it until it succeeds.
 */
import { pendingOutbox } from "../../domain/outbox";
import type { Report } from "../../domain/report";
import type { TriageDeps } from "../triage-deps";

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
