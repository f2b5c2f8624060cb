/**
 * What a reporter's own word does on the IT side: a withdrawn report updates its card and tells the
 * triage channel; "still broken" after a resolution reopens the incident (every reporter of the
 * cluster hears it is being looked at again) and tells the triage channel; "fixed" is recorded.
 */
import type { Report } from "../../domain/report";
import { queueCard } from "../pipeline/route-report";
import { applyTriage } from "./triage-actions";
import type { TriageDeps } from "./triage-deps";
import { postToTriageRoom } from "./escalation-notes";

export type ReporterFeedback = "withdrawn" | "still_broken" | "fixed";

/** The actor name reporters appear under in history and audit. */
export const REPORTER_ACTOR = "reporter";

export async function onReporterFeedback(
  deps: TriageDeps,
  report: Report,
  feedback: ReporterFeedback,
): Promise<{ ok: boolean; text: string }> {
  const headId = report.clusterId ?? report.id;
  const summary = report.classification?.summary ?? "";
  if (feedback === "still_broken") {
    const outcome = await applyTriage(deps, REPORTER_ACTOR, {
      verb: "reopen",
      reportId: headId,
      note: `the reporter of ${report.id} says it is still broken`,
    });
    await postToTriageRoom(deps, headId, `still-broken:${report.id}@v${report.version}`, {
      title: `🔁 Still broken, says the reporter of ${report.id}${outcome.ok ? ` — ${headId} reopened` : ""}`,
      text: summary,
      note: `Details: show ${headId}`,
      tone: "attention",
    });
    deps.wakeOutbox?.();
    return { ok: true, text: outcome.ok ? `${headId} is reopened and IT has been told.` : "IT has been told." };
  }
  const head = await deps.store.reports.get(headId);
  if (head) await queueCard(deps, head, `${feedback}:${report.id}@v${report.version}`);
  if (feedback === "withdrawn")
    await postToTriageRoom(deps, headId, `withdrawn:${report.id}`, {
      title: `↩️ ${report.id} was withdrawn by its reporter`,
      text: summary,
      note: headId !== report.id ? `The rest of cluster ${headId} stays open.` : "Nothing more to do for it.",
      tone: "normal",
    });
  deps.wakeOutbox?.();
  return { ok: true, text: "" };
}
