/**
 * The outbox's ITSM handler: creates the incident's ticket exactly once. The tool is asked first
 * for a ticket carrying the report id as its correlation id (a try that created it and then timed
 * out, or an instance that died before recording it), and only then asked to create one. The
 * ticket is recorded on the report (compare-and-swap, audited) and the triage card updated to show
 * it. A failure throws: the dispatcher retries with backoff, and while the tool is down
 * (ITSM_UNAVAILABLE) the ticket waits without ever being given up.
 */
import { AppError } from "../../domain/errors";
import type { OutboxMessage } from "../../domain/outbox";
import { REPORT_ID_PATTERN, type Report } from "../../domain/report";
import { expectedEchoes, itsmActor, type TicketRef } from "../../domain/ticket";
import type { ItsmConnector } from "../../ports/itsm";
import { clusterSizeOf, refreshCard } from "../pipeline/route-report";
import { appendAudit, type TriageDeps } from "../triage/triage-deps";
import { updateReport } from "../pipeline/update-report";
import { ticketRequest } from "./ticket-request";

export const TICKET_CREATED = "ticket_created";

/** The note of the step that gave the report its status (a resolution note, a won't-fix reason). */
function lastNote(report: Report): string | null {
  for (let i = report.history.length - 1; i >= 0; i--) {
    const entry = report.history[i];
    if (entry?.to === report.status) return entry.note?.replace(/^\[with R-\d+\]\s*/, "") || null;
  }
  return null;
}

export interface TicketDeliveryOptions {
  connector: ItsmConnector;
  /** Report kind or system id → the tool's category (ITSM_CATEGORY_MAP). */
  categoryMap?: Record<string, string>;
}

export function createTicketDelivery(deps: TriageDeps, options: TicketDeliveryOptions) {
  const { connector } = options;
  const actor = itsmActor(connector.kind);
  return {
    async deliver(message: OutboxMessage): Promise<void> {
      const reportId = message.message.reportId;
      if (typeof reportId !== "string" || !REPORT_ID_PATTERN.test(reportId))
        throw new AppError("BAD_REQUEST", `ITSM outbox entry ${message.key} names no report`);
      const report = await deps.store.reports.get(reportId);
      if (message.message.sync === true) {
        if (!report?.ticket) return;
        // The echo is expected before the push: the tool may post its webhook before it answers us.
        const now = deps.clock.now();
        await updateReport(deps.store.reports, report.id, (current) =>
          current.ticket
            ? { ...current, ticket: { ...current.ticket, echoes: expectedEchoes(current.ticket, now, report.status) } }
            : null,
        );
        await connector.updateStatus(report.ticket, report.status, lastNote(report));
        return;
      }
      if (!report || report.ticket) return;
      const found = await connector.findByCorrelationId(report.id);
      const size = await clusterSizeOf(deps, report.id);
      const handle =
        found ??
        (await connector.createTicket(
          ticketRequest(report, deps.config, {
            catalogue: deps.catalogue,
            categoryMap: options.categoryMap,
            clusterSize: size,
          }),
        ));
      const ticket: TicketRef = { ...handle, createdAt: deps.clock.now() };
      const seen: { before: Report | null } = { before: null };
      const after = await updateReport(deps.store.reports, report.id, (current) => {
        if (current.ticket) return null;
        seen.before = current;
        return {
          ...current,
          ticket,
          updatedAt: ticket.createdAt,
          history: [
            ...current.history,
            {
              at: ticket.createdAt,
              actor,
              action: TICKET_CREATED,
              from: null,
              to: ticket.number,
              note: found ? "found by its correlation id" : null,
            },
          ],
        };
      });
      if (!after || !seen.before) return;
      await appendAudit(deps, actor, TICKET_CREATED, seen.before, after, ticket.number);
      deps.logger.info(
        { reportId: report.id, ticket: ticket.number, itsm: connector.kind, found: found !== null },
        found ? "ITSM ticket found again and recorded" : "ITSM ticket created",
      );
      await refreshCard(deps, report.id);
      deps.wakeOutbox?.();
    },
  };
}
