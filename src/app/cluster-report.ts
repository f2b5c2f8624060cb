/**
 * Duplicate clustering: a newly classified report joins the cluster of the open report on the same
 * system, within the window, whose text is most similar (above the threshold; same unit lowers the
 * bar a little). Units may differ: a shared system failing on several units is one incident.
 *
 * Callers hold the system's cluster lock (cluster-lock.ts) from this lookup until the report's
 * cluster is written, so decisions are made one at a time. Reports that triage already took in
 * are preferred; a matching report not yet taken in (classified at the same moment, its own
 * take-in waiting for the lock) is joined only when nothing taken in matches, and a report that
 * others already joined that way heads the cluster rather than joining elsewhere.
 */
import { bestClusterMatch, ignoreSet, type ClusterCandidate } from "../domain/clustering";
import { systemLabel } from "../domain/catalogue";
import { reportUnit, type Report } from "../domain/report";
import { OPEN_STATUSES, isOpen } from "../domain/status";
import { isTakenIn } from "./route-report";
import type { TriageDeps } from "./triage-deps";

const MAX_CANDIDATES = 300;

function textsOf(report: Report): string[] {
  const summary = report.classification?.summary?.trim();
  return summary ? [report.text, summary] : [report.text];
}

function candidateOf(r: Report): ClusterCandidate {
  return { id: r.id, texts: textsOf(r), unit: reportUnit(r) };
}

/** The head of the cluster this report should join, or null to start its own. */
export async function findClusterHead(deps: TriageDeps, report: Report): Promise<Report | null> {
  const c = report.classification;
  if (!c) return null;
  const { windowHours, threshold, sameUnitBonus } = deps.config.clustering;
  const from = new Date(report.createdAt.getTime() - windowHours * 3_600_000);
  const open = await deps.store.reports.find({
    system: c.system,
    statusIn: OPEN_STATUSES,
    createdFrom: from,
    classified: true,
    sort: "createdDesc",
    limit: MAX_CANDIDATES,
  });
  // Others joined this report while it waited for the lock: it heads their cluster.
  if (open.some((r) => r.id !== report.id && r.clusterId === report.id)) return null;
  const others = open.filter((r) => r.id !== report.id);
  const ignore = ignoreSet([c.system.replace(/_/g, " "), deps.catalogue ? systemLabel(deps.catalogue, c.system) : ""]);
  const matchAmong = (reports: Report[]) =>
    bestClusterMatch({ texts: textsOf(report), unit: reportUnit(report) }, reports.map(candidateOf), {
      threshold,
      sameUnitBonus,
      ignore,
    });
  const match = matchAmong(others.filter(isTakenIn)) ?? matchAmong(others.filter((r) => !isTakenIn(r)));
  if (!match) return null;
  const matched = open.find((r) => r.id === match.id);
  const headId = matched?.clusterId ?? match.id;
  const head = headId === matched?.id ? matched : await deps.store.reports.get(headId);
  if (!head || !isOpen(head.status) || head.id === report.id) return null;
  deps.logger.debug(
    { reportId: report.id, headId: head.id, score: Number(match.score.toFixed(3)) },
    "report joins cluster",
  );
  return head;
}
