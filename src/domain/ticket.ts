/**
 * A ticket in the hospital's ITSM tool (ServiceNow incident, Jira Service Management request) that
 * stands for a report's cluster. Its correlation id is the report id of the cluster head, so the
 * ticket is found again after a retry or a crash instead of being created twice. Pure.
 */
import { z } from "zod";
import { StatusSchema, type Status } from "./status";
import type { Severity } from "./taxonomy";

export const ITSM_KINDS = ["servicenow", "jira"] as const;
export type ItsmKind = (typeof ITSM_KINDS)[number];

export const ITSM_NAMES: Record<ItsmKind, string> = { servicenow: "ServiceNow", jira: "Jira Service Management" };

export const TicketRefSchema = z.object({
  kind: z.enum(ITSM_KINDS),
  /** The tool's own id (ServiceNow sys_id, Jira issue id). */
  id: z.string().min(1),
  /** What people say: INC0010001, SD-42. */
  number: z.string().min(1),
  /** Where IT opens it. */
  url: z.string().nullable(),
  createdAt: z.coerce.date(),
  /**
   * Statuses chat pushed to the ticket whose webhook echo has not come back yet: an echo is
   * recognised (and consumed) instead of being applied, so a late echo of an older push cannot undo
   * a newer change (an "in progress" echo arriving after IT resolved would otherwise reopen).
   */
  echoes: z.array(z.object({ status: StatusSchema, at: z.coerce.date() })).optional(),
});
export type TicketRef = z.infer<typeof TicketRefSchema>;

/** How the ITSM tool appears as the actor of what its webhook did: "ServiceNow (itsm:servicenow)". */
export function itsmActor(kind: ItsmKind): string {
  return `${ITSM_NAMES[kind]} (itsm:${kind})`;
}

export function isItsmActor(actor: string): boolean {
  return /\(itsm:[a-z]+\)$/.test(actor);
}

/** ServiceNow urgency and impact (1 high … 3 low) from the report's severity; priority follows from both. */
export function urgencyImpact(severity: Severity): { urgency: 1 | 2 | 3; impact: 1 | 2 | 3 } {
  switch (severity) {
    case "critical":
      return { urgency: 1, impact: 1 };
    case "high":
      return { urgency: 1, impact: 2 };
    case "medium":
      return { urgency: 2, impact: 2 };
    default:
      return { urgency: 3, impact: 3 };
  }
}

/** An echo not back within this is no longer expected (the tool had nothing to change, or lost it). */
export const ECHO_TTL_MS = 10 * 60_000;

/** The echoes still expected at `now`, plus `status` when given (at most 10 kept). */
export function expectedEchoes(ticket: TicketRef, now: Date, add?: Status): NonNullable<TicketRef["echoes"]> {
  const fresh = (ticket.echoes ?? []).filter((e) => now.getTime() - e.at.getTime() < ECHO_TTL_MS);
  return [...fresh, ...(add ? [{ status: add, at: now }] : [])].slice(-10);
}
