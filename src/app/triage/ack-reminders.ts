/**
 * Reminders until acknowledged: a report (cluster head) still New after the time its severity allows
 * gets one reminder in its triage channel; after twice that time, one escalation to the alert
 * destinations. Every message goes through the outbox under a key per report, step and destination,
 * so several instances (or a restart) never send one twice. Quiet hours and weekends hold back all
 * but critical reports until they end.
 */
import { destinationKey, type Destination, type ReminderConfig } from "../../config/triage-config";
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import { reportUnit, type Report } from "../../domain/report";
import type { Severity } from "../../domain/taxonomy";
import { chooseDestination, routedDestination } from "../pipeline/route-report";
import { outboxEntry, type TriageDeps } from "./triage-deps";

const HOUR = 3_600_000;
/** How far back a sweep looks: older unacknowledged reports were reminded long ago. */
const LOOK_BACK_MS = 14 * 24 * HOUR;
const SWEEP_LIMIT = 1_000;

export type ReminderStep = 1 | 2;

/** Which step is due for a report of this severity and age (0 = none yet). */
export function dueStep(config: ReminderConfig, severity: Severity, ageMs: number): 0 | ReminderStep {
  const minutes = config.afterMinutes[severity];
  if (minutes === null) return 0;
  if (ageMs >= 2 * minutes * 60_000) return 2;
  return ageMs >= minutes * 60_000 ? 1 : 0;
}

/** True in quiet hours or (with businessDaysOnly) at a weekend, in the given zone. */
export function isQuietTime(config: ReminderConfig, now: Date, timeZone = "UTC"): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  if (config.businessDaysOnly && (parts.weekday === "Sat" || parts.weekday === "Sun")) return true;
  if (!config.quietHours) return false;
  const local = `${parts.hour}:${parts.minute}`;
  const { start, end } = config.quietHours;
  return start <= end ? local >= start && local < end : local >= start || local < end;
}

/** One sweep; true when it queued anything. */
export async function remindUnacknowledgedOnce(deps: TriageDeps): Promise<boolean> {
  const config = deps.config.reminders;
  const now = deps.clock.now();
  const quiet = isQuietTime(config, now, deps.timeZone);
  const candidates = await deps.store.reports.find({
    statusIn: ["new"],
    classified: true,
    createdFrom: new Date(now.getTime() - LOOK_BACK_MS),
    sort: "createdAsc",
    limit: SWEEP_LIMIT,
  });
  let queued = false;
  for (const report of candidates) {
    const c = report.classification;
    if (!c || !c.isReport || (report.clusterId ?? report.id) !== report.id) continue;
    if (quiet && c.severity !== "critical") continue;
    const step = dueStep(config, c.severity, now.getTime() - report.createdAt.getTime());
    if (step === 0) continue;
    const triageRoom = routedDestination(report) ?? chooseDestination(deps.config, report);
    const targets: Destination[] = step === 1 ? [triageRoom] : deps.config.alerts;
    const message = reminderMessage(deps.catalogue ?? null, report, step, now);
    for (const target of targets) {
      const key = `remind:${report.id}:${step}:${destinationKey(target)}`;
      if (await deps.store.outbox.enqueue(outboxEntry(key, now, target, message))) queued = true;
    }
  }
  if (queued) deps.wakeOutbox?.();
  return queued;
}

function reminderMessage(catalogue: Catalogue | null, report: Report, step: ReminderStep, now: Date): BotMessage {
  const c = report.classification;
  const system = c ? (catalogue ? systemLabel(catalogue, c.system) : c.system) : "unknown system";
  const waited = waitedText(now.getTime() - report.createdAt.getTime());
  const what = [c?.severity ?? "", system, reportUnit(report) ?? ""].filter(Boolean).join(" · ");
  return {
    title:
      step === 1
        ? `⏰ ${report.id} is waiting for someone: not acknowledged for ${waited}`
        : `⏰ Escalated: ${report.id} still not acknowledged after ${waited}`,
    text: `${c?.patientSafety ? "🚨 Patient safety · " : ""}${what} — ${c?.summary ?? ""}`,
    note: `Acknowledge it on its card or with "ack ${report.id}".`,
    tone: step === 2 || c?.patientSafety ? "attention" : "warning",
  };
}

function waitedText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
