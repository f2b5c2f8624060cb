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
import {
  bestClusterMatch,
  featureKey,
  featureSets,
  ignoreSet,
  textFeatures,
  type ClusterCandidate,
  type FeatureSets,
} from "../../domain/clustering";
import { systemLabel } from "../../domain/catalogue";
import type { ClusterFeatures, Report } from "../../domain/report";
import { clusterView, type ReportClusterView } from "../../domain/report-cluster-view";
import { OPEN_STATUSES, isOpen } from "../../domain/status";
import { yieldToLoop } from "./yield-to-loop";
import { CLUSTERED, ROUTED } from "./route-report";
import type { TriageDeps } from "../triage/triage-deps";

const MAX_CANDIDATES = 300;
/** Candidates prepared per turn of the event loop (their features may need computing). */
const CANDIDATES_PER_TURN = 50;

function textsOf(view: ReportClusterView): string[] {
  const summary = view.summary?.trim();
  return summary ? [view.text, summary] : [view.text];
}

const isTakenIn = (view: ReportClusterView): boolean => view.actions.some((a) => a === ROUTED || a === CLUSTERED);

/**
 * A report's clustering features for this system's ignore set: the stored ones while their key
 * still matches its texts, else computed now (bounded: token length and count are capped).
 */
export function clusterFeaturesOf(view: ReportClusterView, ignore: ReadonlySet<string>): ClusterFeatures {
  const texts = textsOf(view);
  const key = featureKey(texts, ignore);
  if (view.clusterFeatures?.key === key) return view.clusterFeatures;
  return { key, texts: texts.map((t) => textFeatures(t, ignore)) };
}

function setsOf(features: ClusterFeatures): FeatureSets[] {
  return features.texts.map(featureSets);
}

function candidateOf(view: ReportClusterView, ignore: ReadonlySet<string>): ClusterCandidate {
  return { id: view.id, features: setsOf(clusterFeaturesOf(view, ignore)), unit: view.unit };
}

/** Candidates in order, a bounded number per turn of the event loop (the query's own turn included). */
async function candidatesOf(
  views: readonly ReportClusterView[],
  ignore: ReadonlySet<string>,
): Promise<ClusterCandidate[]> {
  const out: ClusterCandidate[] = [];
  for (let i = 0; i < views.length; i += CANDIDATES_PER_TURN) {
    await yieldToLoop();
    for (const view of views.slice(i, i + CANDIDATES_PER_TURN)) out.push(candidateOf(view, ignore));
  }
  return out;
}

export interface ClusterDecision {
  /** The head of the cluster to join, or null to start its own. */
  head: Report | null;
  /** The report's features, to store with it so later reports need not recompute them. */
  features: ClusterFeatures | null;
}

/**
 * Which cluster this report should join. Candidates come from one indexed query (same system, open,
 * within the window, newest first, at most MAX_CANDIDATES) that returns only what clustering reads
 * (a projection, with the features stored when each was taken in), so the cost grows with the
 * candidates and not with the length of their texts or the size of their documents.
 */
export async function findClusterHead(deps: TriageDeps, report: Report): Promise<ClusterDecision> {
  const c = report.classification;
  if (!c) return { head: null, features: null };
  const { windowHours, threshold, sameUnitBonus } = deps.config.clustering;
  const from = new Date(report.createdAt.getTime() - windowHours * 3_600_000);
  const ignore = ignoreSet([c.system.replace(/_/g, " "), deps.catalogue ? systemLabel(deps.catalogue, c.system) : ""]);
  const own = clusterView(report);
  const features = clusterFeaturesOf(own, ignore);
  const open = await deps.store.reports.findClusterViews({
    system: c.system,
    statusIn: OPEN_STATUSES,
    createdFrom: from,
    classified: true,
    sort: "createdDesc",
    limit: MAX_CANDIDATES,
  });
  // Others joined this report while it waited for the lock: it heads their cluster.
  if (open.some((r) => r.id !== report.id && r.clusterId === report.id)) return { head: null, features };
  const others = open.filter((r) => r.id !== report.id);
  const mine = { features: setsOf(features), unit: own.unit };
  const candidates = await candidatesOf(others, ignore);
  const takenIn = new Set(others.filter(isTakenIn).map((v) => v.id));
  const matchAmong = (taken: boolean) =>
    bestClusterMatch(
      mine,
      candidates.filter((c) => takenIn.has(c.id) === taken),
      { threshold, sameUnitBonus },
    );
  const match = matchAmong(true) ?? matchAmong(false);
  if (!match) return { head: null, features };
  const matched = open.find((r) => r.id === match.id);
  const headId = matched?.clusterId ?? match.id;
  const head = await deps.store.reports.get(headId);
  if (!head || !isOpen(head.status) || head.id === report.id) return { head: null, features };
  deps.logger.debug(
    { reportId: report.id, headId: head.id, score: Number(match.score.toFixed(3)) },
    "report joins cluster",
  );
  return { head, features };
}
