/**
 * The ITSM connector: a ticket per report cluster in the hospital's service-management tool, found
 * again by its correlation id (the head report's id) so retries and crashes never create two, and
 * the tool's state changes read back from its webhook as report statuses.
 */
import type { Status } from "../domain/status";
import type { ItsmKind, TicketRef } from "../domain/ticket";
import type { Severity } from "../domain/taxonomy";

/** A ticket as the tool names it (TicketRef without our bookkeeping). */
export type TicketHandle = Omit<TicketRef, "createdAt">;

export interface TicketRequest {
  /** The cluster head's report id (R-1042): ServiceNow correlation_id, a Jira label. */
  correlationId: string;
  summary: string;
  /** Redacted report text and facts; never raw text. */
  description: string;
  category: string | null;
  severity: Severity;
  patientSafety: boolean;
  /** From the routing rule that chose the report's triage channel (or the default). */
  assignmentGroup: string | null;
}

/** What a tool's webhook says about one of its tickets. */
export interface TicketEvent {
  ticketId: string;
  number: string;
  /** The report id the ticket carries, when it carries one. */
  correlationId: string | null;
  /** The tool's state in its own words ("6", "Resolved"). */
  state: string;
  /** The report status that state maps to; null when it maps to none (e.g. New). */
  status: Status | null;
  /** What the tool says was done (close notes, resolution); redacted before anyone sees it. */
  note: string | null;
}

export type ParsedWebhook = { ok: true; event: TicketEvent } | { ok: false; problem: string };

export interface ItsmConnector {
  readonly kind: ItsmKind;
  /** The ticket carrying this correlation id, or null. Throws AppError ITSM_UNAVAILABLE / ITSM_REJECTED. */
  findByCorrelationId(correlationId: string): Promise<TicketHandle | null>;
  /** Creates the ticket (the caller looked for an existing one first). */
  createTicket(request: TicketRequest): Promise<TicketHandle>;
  /**
   * Sets the ticket to the state matching the report's status (chat triage as the master: IT
   * resolved in chat, so the ticket is resolved too). A status with no matching state is left alone.
   */
  updateStatus(ticket: TicketHandle, status: Status, note: string | null): Promise<void>;
  /** Validates an inbound webhook body and maps the ticket's state to a report status. */
  parseWebhook(body: unknown): ParsedWebhook;
}
