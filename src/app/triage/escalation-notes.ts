/**
 * Escalations IT actually sees: a short new message in the incident's triage channel (not only a
 * silent card edit) when a reporter marks a report urgent, when a cluster grows past a size
 * threshold, and when a report becomes patient-safety or critical after it was first routed.
 * Each is keyed in the outbox, so it is posted once however often the card is refreshed.
 */
import { systemLabel } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import { reportUnit, type Report } from "../../domain/report";
import { chooseDestination, routedDestination } from "../pipeline/route-report";
import { outboxEntry, type TriageDeps } from "./triage-deps";

/** A short message to the channel the incident's card is in, once per key. */
export async function postToTriageRoom(
  deps: TriageDeps,
  headId: string,
  key: string,
  message: BotMessage,
): Promise<boolean> {
  const head = await deps.store.reports.get(headId);
  if (!head) return false;
  const room = routedDestination(head) ?? chooseDestination(deps.config, head);
  return deps.store.outbox.enqueue(outboxEntry(`escalate:${key}`, deps.clock.now(), room, message));
}

function what(deps: TriageDeps, report: Report): string {
  const c = report.classification;
  const system = c ? (deps.catalogue ? systemLabel(deps.catalogue, c.system) : c.system) : "unknown system";
  return [system, reportUnit(report)].filter(Boolean).join(" · ");
}

/** The reporter pressed "Mark urgent" (or typed it). */
export function noteMarkedUrgent(deps: TriageDeps, report: Report): Promise<boolean> {
  const headId = report.clusterId ?? report.id;
  return postToTriageRoom(deps, headId, `urgent:${report.id}`, {
    title: `🔺 Marked urgent by the reporter: ${report.id}${headId !== report.id ? ` (cluster ${headId})` : ""}`,
    text: `${what(deps, report)} — ${report.classification?.summary ?? ""}`,
    note: `Severity is now ${report.classification?.severity ?? "unknown"}. Acknowledge: ack ${headId}`,
    tone: "attention",
  });
}

/** A cluster just reached one of the configured sizes (5, 10, 20 by default). */
export async function noteClusterGrowth(deps: TriageDeps, head: Report, size: number): Promise<boolean> {
  const crossed = deps.config.escalations.clusterSizes.filter((threshold) => size >= threshold).at(-1);
  if (crossed === undefined) return false;
  return postToTriageRoom(deps, head.id, `grew:${head.id}:${crossed}`, {
    title: `📈 ${head.id} now has ${size} reports`,
    text: `${what(deps, head)} — ${head.classification?.summary ?? ""}`,
    note: `More colleagues are hitting this. Details: show ${head.id}`,
    tone: "warning",
  });
}

/** The report became alert-worthy after it was routed (an answer, "urgent", a reclassification). */
export function noteBecameAlertWorthy(deps: TriageDeps, report: Report): Promise<boolean> {
  const c = report.classification;
  const headId = report.clusterId ?? report.id;
  const reason = c?.patientSafety ? "🚨 now flagged patient safety" : `now ${c?.severity ?? "critical"}`;
  return postToTriageRoom(deps, headId, `alert-worthy:${report.id}`, {
    title: `${report.id} is ${reason}${headId !== report.id ? ` (cluster ${headId})` : ""}`,
    text: `${what(deps, report)} — ${c?.summary ?? ""}`,
    note: `The alert channel has been told. Acknowledge: ack ${headId}`,
    tone: "attention",
  });
}
