/**
 * The summary once a follow-up answer has changed the classification. A vague report gets the
 * generic sentence ("An unidentified system is down…"); when the reporter then names the system or
 * the unit, that sentence is rebuilt from the answered fields. A summary in the reporter's own words
 * (or an LLM's) is kept; it only gains the answered unit in brackets when it names none. Pure.
 */
import type { Catalogue } from "../../domain/catalogue";
import type { ClassificationResult } from "../../domain/classification";
import { buildSummary } from "./summary";

export type SummaryFields = Pick<ClassificationResult, "summary" | "kind" | "system" | "location">;

/** " (4 West)" or " (4 West)." at the end of a summary. */
function bracketedAtEnd(summary: string, location: string): RegExpExecArray | null {
  const escaped = location.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\s\\(${escaped}\\)(\\.?)$`, "iu").exec(summary);
}

/**
 * `before` is the classification the question was asked about, `after` the same once the answer
 * is applied (applyAnswer in domain/intake-questions.ts); returns the summary `after` should carry.
 */
export function summaryAfterAnswer(before: SummaryFields, after: SummaryFields, catalogue: Catalogue): string {
  const summary = before.summary;
  if (summary === buildSummary(catalogue, before.kind, before.system, before.location))
    return buildSummary(catalogue, after.kind, after.system, after.location);
  const location = after.location?.trim() ?? "";
  if (location === "" || location === before.location) return summary;
  const old = before.location ? bracketedAtEnd(summary, before.location) : null;
  if (old) return `${summary.slice(0, old.index)} (${location})${old[1]}`;
  if (summary.toLowerCase().includes(location.toLowerCase())) return summary;
  const period = /\.$/u.test(summary) && !/\.\.\.$|…$/u.test(summary);
  return period ? `${summary.slice(0, -1)} (${location}).` : `${summary} (${location})`;
}
