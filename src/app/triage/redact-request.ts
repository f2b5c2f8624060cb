/**
 * A triage request's free text, redacted before the action is applied: the note or reason (stored
 * in history and audit, and sent to every reporter in the cluster), and the free values of a
 * reclassify (unit, system). An assignee is a colleague's name and stays as typed, but one that
 * carries any other identifier (a record number, a phone, a date of birth) is refused.
 */
import { totalRedactions } from "../../domain/redacted-text";
import type { Redactor } from "../../ports/redactor";
import { redactFreeText, redactedValue } from "../pipeline/redact-free-text";
import { refused, type TriageOutcome, type TriageRequest } from "./triage-action-types";

export function redactTriageRequest(redactor: Redactor, request: TriageRequest): TriageRequest | TriageOutcome {
  const next: TriageRequest = { ...request, note: redactedValue(redactor, request.note) };
  if (request.changes) {
    const changes = { ...request.changes };
    if (changes.unit !== undefined) changes.unit = redactedValue(redactor, changes.unit);
    if (changes.system !== undefined) changes.system = redactFreeText(redactor, changes.system).text;
    next.changes = changes;
  }
  if (request.assignee) {
    const { NAME: _names, ...other } = redactFreeText(redactor, request.assignee).counts;
    if (totalRedactions(other) > 0)
      return refused(
        `Assign ${request.reportId} to a colleague by name or @mention; that looked like patient details, so nothing changed.`,
      );
  }
  return next;
}
