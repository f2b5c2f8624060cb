/**
 * A ticket's state change from the ITSM tool (its webhook), applied as the report status it maps to
 * through the same triage path as a chat button (applyTriage): on the cluster head, every open
 * member follows, every reporter of the cluster hears, and the triage card is updated. A ticket we
 * did not create (unknown correlation id, or another ticket than the one recorded) changes nothing.
 */
import { REPORT_ID_PATTERN, type Report } from "../../domain/report";
import { isOpen, type Status } from "../../domain/status";
import { ITSM_NAMES, expectedEchoes, itsmActor, type ItsmKind } from "../../domain/ticket";
import type { TriageVerb } from "../../domain/triage-rules";
import type { TicketEvent } from "../../ports/itsm";
import { applyTriage } from "../triage/triage-actions";
import type { TriageDeps } from "../triage/triage-deps";
import { updateReport } from "../pipeline/update-report";

export type TicketEventOutcome =
  | { result: "applied"; reportId: string; status: Status }
  | { result: "unchanged" | "ignored"; reportId: string; detail: string }
  | { result: "unknown_ticket"; detail: string };

/** The triage verb that takes a report in `current` status to `target`, or null when nothing is to do. */
export function verbFor(target: Status, current: Status): TriageVerb | null {
  if (target === current) return null;
  if (target === "resolved") return isOpen(current) ? "resolve" : null;
  if (target === "wont_fix") return isOpen(current) ? "wontfix" : null;
  if (target === "acknowledged" || target === "in_progress") {
    if (!isOpen(current)) return "reopen";
    if (target === "in_progress") return "progress";
    return current === "new" ? "ack" : null;
  }
  return null;
}

const MAX_NOTE = 1000;

/** True when `status` is the echo of a push from chat still expected: it is consumed, not applied. */
async function consumedEcho(deps: TriageDeps, reportId: string, status: Status): Promise<boolean> {
  const now = deps.clock.now();
  let consumed = false;
  await updateReport(deps.store.reports, reportId, (current) => {
    consumed = false;
    if (!current.ticket) return null;
    const echoes = expectedEchoes(current.ticket, now);
    const at = echoes.findIndex((e) => e.status === status);
    if (at < 0) return null;
    consumed = true;
    return { ...current, ticket: { ...current.ticket, echoes: echoes.filter((_, i) => i !== at) } };
  });
  return consumed;
}

export async function applyTicketEvent(
  deps: TriageDeps,
  kind: ItsmKind,
  event: TicketEvent,
): Promise<TicketEventOutcome> {
  const reportId = event.correlationId;
  const report: Report | null =
    reportId && REPORT_ID_PATTERN.test(reportId) ? await deps.store.reports.get(reportId) : null;
  const ticket = report?.ticket;
  if (!report || !ticket || ticket.kind !== kind || ticket.id !== event.ticketId)
    return { result: "unknown_ticket", detail: `${event.number} is not a ticket this bot created` };
  if (event.status === null)
    return { result: "ignored", reportId: report.id, detail: `state "${event.state}" maps to no report status` };
  if (await consumedEcho(deps, report.id, event.status))
    return { result: "unchanged", reportId: report.id, detail: "echo of a change made in chat" };
  const verb = verbFor(event.status, report.status);
  if (!verb) return { result: "unchanged", reportId: report.id, detail: `already ${report.status}` };
  const name = ITSM_NAMES[kind];
  const closing = verb === "resolve" || verb === "wontfix";
  const note =
    event.note?.slice(0, MAX_NOTE) ??
    (closing ? `${event.number} ${verb === "resolve" ? "resolved" : "closed"} in ${name}` : null);
  const outcome = await applyTriage(deps, itsmActor(kind), { verb, reportId: report.id, note });
  if (!outcome.ok) return { result: "unchanged", reportId: report.id, detail: outcome.message.text };
  const after = await deps.store.reports.get(report.id);
  // A reopen lands on acknowledged; a ticket back "in progress" then moves on to that.
  if (after && verb === "reopen" && event.status === "in_progress")
    await applyTriage(deps, itsmActor(kind), { verb: "progress", reportId: report.id, note: null });
  return {
    result: "applied",
    reportId: report.id,
    status: (await deps.store.reports.get(report.id))?.status ?? event.status,
  };
}
