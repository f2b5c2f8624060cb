/**
 * Routing: which triage destination a report's card goes to, posting and updating that card through
 * the outbox, and immediate alerts for patient-safety / critical reports (once per cluster).
 */
import {
  destinationKey,
  parseDestination,
  type Destination,
  type RoutingRule,
  type TriageConfig,
} from "../../config/triage-config";
import { normaliseText } from "../../domain/clustering";
import { reportUnit, type Report } from "../../domain/report";
import type { BotMessage } from "../../domain/message";
import { alertCard, triageCard } from "../triage/triage-cards";
import { outboxEntry, type TriageDeps } from "../triage/triage-deps";

/** History verbs marking that triage has taken a report in (so onClassified runs once per report). */
export const ROUTED = "routed";
export const CLUSTERED = "clustered";

const sameText = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && normaliseText(a) === normaliseText(b);

/** The first routing rule matching the report (they name kind, system and/or unit), or null. */
export function matchingRoute(config: TriageConfig, report: Report): RoutingRule | null {
  const c = report.classification;
  for (const rule of config.routes) {
    if (rule.kind && rule.kind !== c?.kind) continue;
    if (rule.system && rule.system !== c?.system) continue;
    if (rule.unit && !sameText(rule.unit, reportUnit(report))) continue;
    return rule;
  }
  return null;
}

/** First matching rule wins; otherwise the default destination. */
export function chooseDestination(config: TriageConfig, report: Report): Destination {
  return matchingRoute(config, report)?.destination ?? config.defaultDestination;
}

/** The destination a report's own triage card was posted to (recorded in its history), if any. */
export function routedDestination(report: Report): Destination | null {
  for (let i = report.history.length - 1; i >= 0; i--) {
    const entry = report.history[i];
    if (entry?.action === ROUTED && entry.to) return parseDestination(entry.to);
  }
  return null;
}

export function isTakenIn(report: Report): boolean {
  return report.history.some((h) => h.action === ROUTED || h.action === CLUSTERED);
}

export function routedEntry(
  destination: Destination,
  now: Date,
  note: string | null = null,
): Report["history"][number] {
  return { at: now, actor: "triage", action: ROUTED, from: null, to: destinationKey(destination), note };
}

export async function clusterSizeOf(deps: TriageDeps, headId: string): Promise<number> {
  return Math.max(1, await deps.store.reports.count({ clusterId: headId }));
}

/**
 * The card's first post, always under this one key: a re-driven send finds it on the platform (Slack
 * metadata), so it is never posted twice. Every other card message is an update of it.
 */
async function queueFirstCard(deps: TriageDeps, report: Report, destination: Destination, card: BotMessage) {
  return deps.store.outbox.enqueue(
    outboxEntry(`triage-card:${report.id}`, deps.clock.now(), destination, card, {
      replaceRef: report.triageMessageRef,
      recordTriageRefOn: report.id,
    }),
  );
}

/**
 * Queues the report's card (first post or an in-place update) under a key unique to the event.
 * The dispatcher records the posted card's ref on the report (recordRefOn); an update queued
 * before that ref is known carries replaceRef null and the dispatcher uses the recorded ref. While
 * no ref is recorded the first post is queued too (keyed: a no-op when it is), so an update always
 * has a first post to wait for and never becomes a second card (a crash between routing and
 * queueing the first post, then a split, an action or a joining report's refresh).
 */
export async function queueCard(deps: TriageDeps, report: Report, eventKey: string): Promise<boolean> {
  const destination = routedDestination(report);
  if (!destination) return false;
  const card = triageCard(report, await clusterSizeOf(deps, report.clusterId ?? report.id), deps.catalogue);
  const first = `triage-card:${report.id}`;
  if (eventKey === "") return queueFirstCard(deps, report, destination, card);
  if (report.triageMessageRef === null) await queueFirstCard(deps, report, destination, card);
  return deps.store.outbox.enqueue(
    outboxEntry(`${first}:${eventKey}`, deps.clock.now(), destination, card, {
      replaceRef: report.triageMessageRef,
      recordTriageRefOn: report.id,
      updatesAfter: first,
    }),
  );
}

/** One automatic card update per this window at most, however many reports join the cluster. */
export const CARD_REFRESH_MS = 5_000;

/**
 * Re-reads a report and queues an update of its card (no-op when it has none), coalesced: updates
 * for one card share one outbox message per CARD_REFRESH_MS window, due at the window's start, and a
 * later update replaces the content of that message while it waits. Once it is claimed, later ones
 * go to the next window's message. So a burst of joins costs about one chat.update per window, and
 * the last one always shows the latest cluster. (IT's own actions update the card at once.)
 */
export async function refreshCard(deps: TriageDeps, reportId: string): Promise<void> {
  const report = await deps.store.reports.get(reportId);
  if (!report) return;
  const destination = routedDestination(report);
  if (!destination) return;
  const card = triageCard(report, await clusterSizeOf(deps, report.clusterId ?? report.id), deps.catalogue);
  if (report.triageMessageRef === null) await queueFirstCard(deps, report, destination, card);
  const now = deps.clock.now().getTime();
  const window = Math.floor(now / CARD_REFRESH_MS);
  for (const slot of [window, window + 1]) {
    const entry = outboxEntry(`triage-card:${report.id}:refresh@${slot}`, new Date(now), destination, card, {
      replaceRef: report.triageMessageRef,
      recordTriageRefOn: report.id,
      updatesAfter: `triage-card:${report.id}`,
    });
    const due = new Date(Math.max(now, slot * CARD_REFRESH_MS));
    if (await deps.store.outbox.enqueueOrReplacePending({ ...entry, nextAttemptAt: due })) return;
  }
}

export function needsAlert(config: TriageConfig, report: Report): boolean {
  const c = report.classification;
  return c !== null && (c.patientSafety || config.alertSeverities.includes(c.severity));
}

/** Immediate alert to every alert destination, once per cluster (the outbox key is per head). */
export async function queueAlerts(deps: TriageDeps, report: Report, headId: string): Promise<number> {
  if (!needsAlert(deps.config, report)) return 0;
  let queued = 0;
  const message = alertCard(report, headId, deps.catalogue);
  for (const destination of deps.config.alerts) {
    const key = `alert:${headId}:${destinationKey(destination)}`;
    if (await deps.store.outbox.enqueue(outboxEntry(key, deps.clock.now(), destination, message))) queued += 1;
  }
  return queued;
}
