/**
 * Spike detection: K or more reports on one system within M minutes raise one "probable outage"
 * alert per system and window. Windows are M-minute buckets; a bucket whose predecessor already
 * alerted stays quiet, so one running outage is one alert. The outbox key makes it exactly once
 * even when several instances see the K-th report at the same time.
 */
import { destinationKey } from "../../config/triage-config";
import type { Report } from "../../domain/report";
import { spikeAlert } from "../triage/triage-cards";
import { outboxEntry, type TriageDeps } from "../triage/triage-deps";

function spikeKey(system: string, bucketStart: number, destination: string): string {
  return `spike:${system}:${new Date(bucketStart).toISOString()}:${destination}`;
}

/** True when this call queued the alert. */
export async function detectSpike(deps: TriageDeps, report: Report): Promise<boolean> {
  const system = report.classification?.system;
  const first = deps.config.alerts[0];
  if (!system || !first) return false;
  const { count: k, minutes } = deps.config.spike;
  const windowMs = minutes * 60_000;
  const now = deps.clock.now();
  const window = { system, classified: true, createdFrom: new Date(now.getTime() - windowMs) };
  // Cheap checks first (an index count, then look-ups by key), so a running outage does not read
  // the window's reports again for every new one: only the report that raises the alert does.
  if ((await deps.store.reports.count(window)) < k) return false;
  const bucket = Math.floor(now.getTime() / windowMs) * windowMs;
  if (await deps.store.outbox.get(spikeKey(system, bucket - windowMs, destinationKey(first)))) return false;
  const pending = [];
  for (const destination of deps.config.alerts) {
    if (!(await deps.store.outbox.get(spikeKey(system, bucket, destinationKey(destination)))))
      pending.push(destination);
  }
  if (pending.length === 0) return false;
  const recent = await deps.store.reports.find({ ...window, sort: "createdAsc", limit: 500 });
  const reports = recent.filter((r) => r.classification?.isReport !== false);
  if (reports.length < k) return false;
  const message = spikeAlert(system, reports, minutes, deps.catalogue);
  let queued = false;
  for (const destination of pending) {
    const key = spikeKey(system, bucket, destinationKey(destination));
    if (await deps.store.outbox.enqueue(outboxEntry(key, now, destination, message))) queued = true;
  }
  if (queued) deps.logger.warn({ system, reports: reports.length, minutes }, "probable outage: spike alert queued");
  return queued;
}
