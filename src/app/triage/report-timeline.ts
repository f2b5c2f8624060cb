/**
 * "show R-1042": one timeline of what happened to a report — its history, with what the audit log
 * adds (field changes) folded into the same line, in the hospital's time zone, with people's names
 * instead of platform ids.
 */
import type { AuditEvent } from "../../domain/audit";
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import { questionFor, SKIP } from "../../domain/intake-questions";
import { QuestionFieldSchema } from "../../domain/taxonomy";
import type { HistoryEntry, Report } from "../../domain/report";
import { STATUSES, STATUS_LABELS } from "../../domain/status";
import { reporterLabel } from "./triage-cards";
import { actorName } from "./triage-deps";

/** An audit event is the same step as a history entry when the action matches within this. */
const SAME_STEP_MS = 5_000;
const FIELDS = ["status", "assignee", "kind", "system", "severity", "patientSafety", "unit"] as const;

/** "4 Dec 2026, 14:05 CET" in the given zone (UTC when none or unknown). */
export function localTime(at: Date, timeZone = "UTC"): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}

export function reportTimeline(
  report: Report,
  audit: readonly AuditEvent[],
  timeZone?: string,
  catalogue?: Catalogue | null,
): string[] {
  const unmatched = [...audit];
  const steps: { at: Date; line: string }[] = report.history.map((h) => {
    const index = unmatched.findIndex(
      (a) => a.action === h.action && Math.abs(a.at.getTime() - h.at.getTime()) <= SAME_STEP_MS,
    );
    const match = index >= 0 ? unmatched.splice(index, 1)[0] : undefined;
    return { at: h.at, line: historyLine(report, h, match, timeZone, catalogue ?? null) };
  });
  for (const a of unmatched)
    steps.push({
      at: a.at,
      line: `${localTime(a.at, timeZone)} ${a.action} by ${who(report, a.actor)}${changes(a)}${a.note ? ` — ${a.note}` : ""}`,
    });
  return steps.sort((x, y) => x.at.getTime() - y.at.getTime()).map((s) => s.line);
}

function historyLine(
  report: Report,
  h: HistoryEntry,
  audit: AuditEvent | undefined,
  timeZone: string | undefined,
  catalogue: Catalogue | null,
): string {
  const answered = answerWords(h, catalogue);
  const move = answered
    ? `: ${answered}`
    : h.from && h.to
      ? ` ${label(h.from)} → ${label(h.to)}`
      : h.to
        ? ` → ${label(h.to)}`
        : "";
  const extra = audit ? changes(audit, h.action === "reclassified" || h.action === "assigned" ? [] : ["status"]) : "";
  return `${localTime(h.at, timeZone)} ${h.action}${move} by ${who(report, h.actor)}${extra}${h.note ? ` — ${h.note}` : ""}`;
}

/** A reporter's answer to a follow-up question in the words of the button they saw ("Skip" → "skipped"). */
function answerWords(h: HistoryEntry, catalogue: Catalogue | null): string | null {
  const field = QuestionFieldSchema.options.find((f) => h.action === `answered ${f}`);
  if (!field || h.to === null) return null;
  if (h.to === SKIP) return "skipped";
  if (field === "location") return h.to;
  if (field === "system") return catalogue ? systemLabel(catalogue, h.to) : h.to;
  const choices = questionFor(field, catalogue ?? { systems: [], units: [] }).choices;
  return choices.find((c) => c.value === h.to)?.label ?? h.to;
}

/** "(severity: medium → high; unit: none → 4 West)" from an audit event's before/after. */
function changes(a: AuditEvent, skip: readonly string[] = []): string {
  if (!a.before || !a.after) return "";
  const parts = FIELDS.filter((f) => !skip.includes(f) && show(a.before?.[f]) !== show(a.after?.[f])).map(
    (f) => `${f === "patientSafety" ? "safety" : f}: ${show(a.before?.[f])} → ${show(a.after?.[f])}`,
  );
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return label(typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value));
}

/** A status id in words ("in_progress" → "In progress"); anything else as it is. */
function label(value: string | null): string {
  if (value === null) return "none";
  const status = STATUSES.find((s) => s === value);
  return status ? STATUS_LABELS[status] : value;
}

function who(report: Report, actor: string): string {
  if (actor === report.reporter.ref) return `the reporter (${reporterLabel(report)})`;
  if (actor === "triage" || actor === "system") return "the bot";
  if (actor.startsWith("classifier:")) return `the ${actor.slice("classifier:".length)} classifier`;
  return actorName(actor);
}
