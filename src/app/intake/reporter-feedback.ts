/**
 * A reporter's own word about their report: "withdraw R-1042" (or "cancel" right after filing, also
 * while a question is pending), "still broken R-1042" and "fixed R-1042" after a resolution — typed
 * or pressed as a button. Only the reporter may do it; everything is in the history and audit.
 */
import { isOpen, STATUS_LABELS } from "../../domain/status";
import type { Report } from "../../domain/report";
import { latestReportOf } from "./answer-question";
import type { CoreResponse, Sender } from "./core-types";
import type { IntakeDeps } from "./intake-deps";
import { ownReport } from "./reporter-actions";
import { normaliseReportId } from "../triage/triage-command-parse";
import { updateReport } from "../pipeline/update-report";

export type FeedbackVerb = "withdraw" | "still_broken" | "fixed";

/** "cancel"/"withdraw" without an id reach back only this far (a report just filed, or being asked about). */
const RECENT_MS = 30 * 60_000;

const VERBS: [FeedbackVerb, RegExp][] = [
  [
    "withdraw",
    /^(?:withdraw|cancel|retract|delete|zurückziehen|stornieren|retirar|cancelar|annuler|retirer|anuluj|wycofaj)(?:\s+(?:my\s+)?(?:report|it|that|this))?$/iu,
  ],
  [
    "still_broken",
    /^(?:still\s+(?:broken|not\s+(?:fixed|working)|down|happening)|not\s+fixed|(?:it'?s\s+)?broken\s+again)$/iu,
  ],
  ["fixed", /^(?:fixed|(?:it'?s\s+)?(?:fixed|working)\s+(?:now|again)|works\s+now)$/iu],
];

/** The verb and the report id typed after it (or null), or null when the text is not such a command. */
export function parseFeedbackCommand(text: string): { verb: FeedbackVerb; reportId: string | null } | null {
  const match = /^\s*(.+?)(?:\s*[:,-]?\s*(R-?\d{1,9}))?\s*[.!]*\s*$/iu.exec(text);
  if (!match?.[1] || text.length > 80) return null;
  const words = match[1].trim();
  const id = match[2] ? normaliseReportId(match[2]) : null;
  for (const [verb, pattern] of VERBS) {
    // "fixed" and "still broken" alone are too common in reports; they count only with an id.
    if (pattern.test(words) && (id !== null || verb === "withdraw")) return { verb, reportId: id };
  }
  return null;
}

const say = (text: string): CoreResponse => ({ replies: [{ message: { text } }] });

/**
 * Typed feedback on a report the sender filed ("fixed R-1042" from its reporter is not IT resolving
 * it): answered here before the triage commands look at the text. Null for anything else.
 */
export async function ownReportFeedback(deps: IntakeDeps, sender: Sender, text: string): Promise<CoreResponse | null> {
  const command = parseFeedbackCommand(text);
  if (!command?.reportId) return null;
  const own = await ownReport(deps, sender, command.reportId);
  return typeof own === "string" ? null : reporterFeedback(deps, sender, command.verb, own.id);
}

export async function reporterFeedback(
  deps: IntakeDeps,
  sender: Sender,
  verb: FeedbackVerb,
  reportId: string | null,
): Promise<CoreResponse> {
  const id = reportId ?? (await recentOpenReport(deps, sender))?.id;
  if (!id) return say('Which report? Type, for example, "withdraw R-1042" — "my reports" lists yours.');
  const own = await ownReport(deps, sender, id);
  if (typeof own === "string") return say(own);
  if (verb === "withdraw") return withdraw(deps, own);
  if (verb === "still_broken") {
    if (isOpen(own.status)) return say(`${own.id} is still open (${STATUS_LABELS[own.status]}); IT is on it.`);
    const result = await deps.triage?.onReporterFeedback(own, "still_broken");
    return say(`Thanks for telling us. ${result?.text ?? ""}`.trim());
  }
  const saved = await note(deps, own, "confirmed fixed");
  if (saved) await deps.triage?.onReporterFeedback(saved, "fixed");
  return say(`Thanks — glad ${own.id} is fixed.`);
}

async function recentOpenReport(deps: IntakeDeps, sender: Sender): Promise<Report | null> {
  const latest = await latestReportOf(deps, sender);
  const recent = latest && deps.clock.now().getTime() - latest.createdAt.getTime() <= RECENT_MS;
  return recent && isOpen(latest.status) ? latest : null;
}

async function withdraw(deps: IntakeDeps, own: Report): Promise<CoreResponse> {
  if (!isOpen(own.status)) return say(`${own.id} is already ${STATUS_LABELS[own.status]}; nothing to withdraw.`);
  const now = deps.clock.now();
  const saved = await updateReport(deps.store.reports, own.id, (current) =>
    !isOpen(current.status)
      ? null
      : {
          ...current,
          status: "withdrawn",
          resolvedAt: now,
          updatedAt: now,
          // Any question still waiting is dropped with it: later text is never taken as its answer.
          intake: { ...current.intake, stage: "confirmed", questions: [] },
          history: [
            ...current.history,
            {
              at: now,
              actor: current.reporter.ref,
              action: "withdrawn",
              from: current.status,
              to: "withdrawn",
              note: null,
            },
          ],
        },
  );
  if (!saved) return say(`${own.id} changed meanwhile; nothing was withdrawn.`);
  if (saved.classification) await deps.triage?.onReporterFeedback(saved, "withdrawn");
  return say(`${saved.id} is withdrawn. Thanks for letting us know — report again any time.`);
}

async function note(deps: IntakeDeps, own: Report, action: string): Promise<Report | null> {
  const now = deps.clock.now();
  return updateReport(deps.store.reports, own.id, (current) =>
    current.history.at(-1)?.action === action
      ? null
      : {
          ...current,
          updatedAt: now,
          history: [
            ...current.history,
            { at: now, actor: current.reporter.ref, action, from: null, to: null, note: null },
          ],
        },
  );
}
