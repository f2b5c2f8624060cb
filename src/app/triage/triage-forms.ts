/**
 * The forms behind the "Resolve…", "Won't fix…" and "Duplicate of…" buttons: what each asks, the
 * checks made before one is offered (only triagers, only when the action is still possible), and
 * reading a submitted value back. Channels render the form (Slack modal, inline Adaptive Card).
 */
import { reportUnit, type Report } from "../../domain/report";
import { OPEN_STATUSES, STATUS_LABELS } from "../../domain/status";
import { checkTransition } from "../../domain/triage-rules";
import { isTriager } from "./authorize-triager";
import type { CoreResponse, Sender, TriageForm, TriageFormVerb } from "../intake/core-types";
import { normaliseReportId } from "./triage-command-parse";
import type { TriageDeps } from "./triage-deps";
import { alreadyText } from "./triage-status-actions";

export function isTriageFormVerb(verb: string): verb is TriageFormVerb {
  return verb === "resolve" || verb === "wontfix" || verb === "duplicate";
}

export function triageForm(verb: TriageFormVerb, reportId: string): TriageForm {
  switch (verb) {
    case "resolve":
      return {
        kind: "triage",
        verb,
        reportId,
        title: `Resolve ${reportId}`,
        prompt: "What was done? (the reporters will see this note)",
        field: "note",
        submitLabel: "Resolve",
      };
    case "wontfix":
      return {
        kind: "triage",
        verb,
        reportId,
        title: `Won't fix ${reportId}`,
        prompt: "Why won't it be fixed? (the reporters will see this reason)",
        field: "reason",
        submitLabel: "Close as won't fix",
      };
    case "duplicate":
      return {
        kind: "triage",
        verb,
        reportId,
        title: `${reportId} is a duplicate`,
        prompt: "Duplicate of which report? (e.g. R-1042)",
        field: "duplicateOf",
        submitLabel: "Mark duplicate",
      };
  }
}

/** The value a button press or form submit carries for `verb`, trimmed; "" when missing. */
export function submittedValue(verb: TriageFormVerb, data: Record<string, string>): string {
  const raw = verb === "duplicate" ? data.duplicateOf : (data.note ?? data.reason);
  return raw?.trim() ?? "";
}

const refusal = (text: string): CoreResponse => ({
  replies: [{ message: { text, tone: "warning" }, ephemeral: true }],
});

/** What a submitted form lacks or gets wrong, as a refusal; null when the value is usable. */
export function formValueProblem(verb: TriageFormVerb, reportId: string, value: string): CoreResponse | null {
  if (verb === "duplicate") {
    if (!value) return refusal(`Duplicate of which report? Give its id, e.g. R-1042.`);
    const id = normaliseReportId(value);
    if (!id) return refusal(`"${value.slice(0, 40)}" is not a report id — use the form R-1042.`);
    if (id === reportId) return refusal(`${reportId} cannot be a duplicate of itself.`);
    return null;
  }
  if (!value) return refusal(verb === "resolve" ? "Please say what was done." : "Please give the reason.");
  return null;
}

/**
 * Offers the form to a triager when the action is still possible; otherwise the same refusal the
 * action itself would give (not a triager, unknown report, already closed).
 */
export async function offerTriageForm(
  deps: TriageDeps,
  sender: Sender,
  verb: TriageFormVerb,
  reportId: string,
  notATriager: string,
): Promise<CoreResponse> {
  if (!(await isTriager(deps.config, deps.directory, sender))) {
    deps.logger.info({ channel: sender.channel, verb, reportId }, "triage form refused: not a triager");
    return refusal(notATriager);
  }
  const report = await deps.store.reports.get(reportId);
  if (!report) return refusal(`I can't find ${reportId}.`);
  if (!checkTransition(verb, report.status).ok)
    return refusal(
      verb === "duplicate"
        ? `${report.id} is ${STATUS_LABELS[report.status]}; reopen it first to mark it a duplicate.`
        : alreadyText(report, verb),
    );
  const form = triageForm(verb, report.id);
  if (verb !== "duplicate") return { replies: [], openForm: form };
  const likely = await duplicateCandidates(deps, report);
  return {
    replies: [],
    openForm: likely.length > 0 ? { ...form, prompt: `${form.prompt} Likely: ${likely.join("; ")}` } : form,
  };
}

/** Open incidents on the same system, same unit first, then the newest: what "Duplicate of…" suggests. */
async function duplicateCandidates(deps: TriageDeps, report: Report): Promise<string[]> {
  const system = report.classification?.system;
  if (!system) return [];
  const open = await deps.store.reports.find({ system, statusIn: OPEN_STATUSES, classified: true, limit: 200 });
  const own = report.clusterId ?? report.id;
  const heads = open.filter((r) => (r.clusterId ?? r.id) === r.id && r.id !== own);
  const unit = reportUnit(report)?.toLowerCase() ?? null;
  const sameUnit = (r: Report): number => (unit !== null && reportUnit(r)?.toLowerCase() === unit ? 1 : 0);
  const sorted = heads.sort((a, b) => sameUnit(b) - sameUnit(a) || b.createdAt.getTime() - a.createdAt.getTime());
  return sorted.slice(0, 3).map((r) => {
    const summary = (r.classification?.summary ?? "").slice(0, 60);
    return `${r.id} (${[reportUnit(r), summary].filter(Boolean).join(", ")})`;
  });
}
