/**
 * Retention: what is left of a report once its text and reporter references are erased. Pure.
 * Erased: the text, the summary and tags derived from it, the reporter (reference, name), the
 * conversation key to reach them, and notes the reporter wrote in the history. Kept: the id, dates,
 * channel, kind, system, severity, unit, patient-safety flag, status and the history's actions (the
 * digest's counts and the audit trail, which lives apart and is never touched).
 * Only closed reports are erased; an open one waits until IT closes it.
 */
import { asRedacted } from "./redacted-text";
import type { Report } from "./report";
import { isOpen } from "./status";

export const ERASED_TEXT = "[erased: past the retention period]";
export const ERASED_REPORTER = "erased";

export function isErased(report: Report): boolean {
  return report.text === ERASED_TEXT;
}

/** Reports created before this instant are past a retention of `days` days at `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export function isErasable(report: Report, cutoff: Date): boolean {
  return report.createdAt < cutoff && !isOpen(report.status) && !isErased(report);
}

export function eraseReport(report: Report, now: Date): Report {
  const reporterRef = report.reporter.ref;
  return {
    ...report,
    updatedAt: now,
    text: asRedacted(ERASED_TEXT),
    reporter: { ref: ERASED_REPORTER, anonymous: report.reporter.anonymous, displayName: null },
    conversationKey: null,
    classification: report.classification ? { ...report.classification, summary: ERASED_TEXT, tags: [] } : null,
    intake: { ...report.intake, questions: [], messageRef: null },
    history: report.history.map((entry) =>
      entry.actor === reporterRef ? { ...entry, actor: ERASED_REPORTER, note: null } : entry,
    ),
  };
}
