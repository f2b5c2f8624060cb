/**
 * The triage side of the core. `onClassified` takes a classified report in exactly once (join a
 * cluster or post its own triage card, alert, check for a spike); called again for the same report
 * (after an answer or "urgent") it only updates the card in place and never re-alerts.
 */
import type { Report } from "../../domain/report";
import { createClusterLock, type ClusterLock } from "../pipeline/cluster-lock";
import { findClusterHead } from "../pipeline/cluster-report";
import { detectSpike } from "../pipeline/detect-spike";
import {
  CLUSTERED,
  chooseDestination,
  clusterSizeOf,
  isTakenIn,
  queueAlerts,
  queueCard,
  refreshCard,
  routedEntry,
} from "../pipeline/route-report";
import { queueTicket } from "../itsm/queue-ticket";
import { noteBecameAlertWorthy, noteClusterGrowth, noteMarkedUrgent } from "./escalation-notes";
import { onReporterFeedback } from "./reporter-feedback";
import { handleTriageAction } from "./triage-actions";
import { handleTriageCommand } from "./triage-commands";
import { appendAudit, type TriageDeps } from "./triage-deps";
import { isTriageRoom } from "./triage-room";
import { yieldToLoop } from "../pipeline/yield-to-loop";
import type { TriageService } from "./triage-types";
import { updateReport } from "../pipeline/update-report";

type ClusterInfo = { clusterHeadId: string; clusterSize: number; headStatus: Report["status"] };

export function createTriageService(deps: TriageDeps): TriageService {
  const lock = createClusterLock(deps);
  return {
    onClassified: (report) => takeIn(deps, lock, report),
    alertEarly: async (report) => {
      if ((await queueAlerts(deps, report, report.id)) > 0) deps.wakeOutbox?.();
    },
    handleAction: (action) => handleTriageAction(deps, action),
    handleCommand: (sender, text) => handleTriageCommand(deps, sender, text),
    isTriageRoom: (sender) => isTriageRoom(deps.config, sender),
    onReporterFeedback: (report, feedback) => onReporterFeedback(deps, report, feedback),
  };
}

async function infoFor(deps: TriageDeps, report: Report): Promise<ClusterInfo> {
  const headId = report.clusterId ?? report.id;
  const head = headId === report.id ? report : await deps.store.reports.get(headId);
  return { clusterHeadId: headId, clusterSize: await clusterSizeOf(deps, headId), headStatus: (head ?? report).status };
}

async function takeIn(deps: TriageDeps, lock: ClusterLock, given: Report): Promise<ClusterInfo | null> {
  const first = (await deps.store.reports.get(given.id)) ?? given;
  if (!first.classification || !first.classification.isReport || first.status === "withdrawn") return null;
  if (isTakenIn(first)) return refreshTakenIn(deps, first);

  // One decision at a time per system: re-read, find the cluster, and write it under the lock.
  const seen: { before: Report | null; head: Report | null } = { before: null, head: null };
  const taken = await lock.run(first.classification.system, async () => {
    const report = (await deps.store.reports.get(first.id)) ?? first;
    if (isTakenIn(report)) return null;
    const { head, features } = await findClusterHead(deps, report);
    seen.head = head;
    const now = deps.clock.now();
    return updateReport(deps.store.reports, report.id, (current) => {
      if (isTakenIn(current)) return null;
      seen.before = current;
      if (head) {
        const mirror = head.status === "acknowledged" || head.status === "in_progress";
        return {
          ...current,
          clusterId: head.id,
          clusterFeatures: features ?? current.clusterFeatures,
          status: mirror && current.status === "new" ? head.status : current.status,
          assignee: current.assignee ?? head.assignee,
          acknowledgedAt: mirror ? (current.acknowledgedAt ?? now) : current.acknowledgedAt,
          updatedAt: now,
          history: [
            ...current.history,
            { at: now, actor: "triage", action: CLUSTERED, from: null, to: head.id, note: null },
          ],
        };
      }
      return {
        ...current,
        clusterId: current.id,
        clusterFeatures: features ?? current.clusterFeatures,
        updatedAt: now,
        history: [...current.history, routedEntry(chooseDestination(deps.config, current), now)],
      };
    });
  });
  const head = seen.head;
  if (!taken || !seen.before) {
    // Another instance took it in first: behave like a repeat call.
    const latest = (await deps.store.reports.get(first.id)) ?? first;
    return refreshTakenIn(deps, latest);
  }
  await appendAudit(deps, "triage", head ? CLUSTERED : "routed", seen.before, taken, head ? `joined ${head.id}` : null);
  // The event loop runs between the steps (each renders a card or reads a window of reports).
  await yieldToLoop();
  if (head) {
    await refreshCard(deps, head.id);
    await yieldToLoop();
    await noteClusterGrowth(deps, head, await clusterSizeOf(deps, head.id));
  } else {
    await queueCard(deps, taken, "");
    await queueTicket(deps, taken);
  }
  await yieldToLoop();
  await queueAlerts(deps, taken, taken.clusterId ?? taken.id);
  await yieldToLoop();
  await detectSpike(deps, taken);
  deps.wakeOutbox?.();
  return infoFor(deps, taken);
}

/**
 * Repeat call (answer, "urgent", reclassification, or the pipeline re-driving a report after a crash):
 * first whatever taking in queues (keyed, so nothing is queued twice: this only fills in what a crash
 * between the routing write and those steps left out), then an in-place card update; alerts stay
 * once per cluster.
 */
async function refreshTakenIn(deps: TriageDeps, report: Report): Promise<ClusterInfo> {
  const headId = report.clusterId ?? report.id;
  if (headId === report.id) {
    await queueCard(deps, report, "");
    await queueTicket(deps, report);
  }
  await refreshCard(deps, headId);
  // Seen, not only a silent card edit: "urgent" and a report that became alert-worthy after routing.
  if (report.urgent) await noteMarkedUrgent(deps, report);
  if ((await queueAlerts(deps, report, headId)) > 0) await noteBecameAlertWorthy(deps, report);
  await detectSpike(deps, report);
  deps.wakeOutbox?.();
  return infoFor(deps, report);
}
