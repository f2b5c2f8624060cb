/** Wording shared by the three digest renderings (numbers, durations, item lines), so they agree. */
import type { AttentionItem, CountEntry, Digest, DigestItem, Riser, SafetyItem, Theme } from "../../domain/digest";
import { describeWindow } from "../../domain/iso-week";
import { describeSafetyEvent } from "../../domain/safety-event";

export const TITLE = "Weekly IT feedback digest";
/** How many entries each list shows before "and N more". */
export const LIST_LIMIT = 5;

export function subtitle(digest: Digest): string {
  return `${digest.period} · ${describeWindow(digest.window)}`;
}

export function changeText(digest: Digest): string {
  const { change, changePct, previous } = digest.totals;
  if (previous === 0) return digest.totals.reports === 0 ? "none either week" : "none the week before";
  if (change === 0) return `same as last week (${previous})`;
  const arrow = change > 0 ? "▲" : "▼";
  return `${arrow} ${Math.abs(change)}${changePct === null ? "" : ` (${Math.abs(changePct)}%)`} vs ${previous}`;
}

/** " (▲5)", " (▼2)", or "" when unchanged or the previous week is unknown. */
export function deltaText(entry: Pick<CountEntry, "count" | "previous">): string {
  if (entry.previous === undefined || entry.previous === entry.count) return "";
  const change = entry.count - entry.previous;
  return ` (${change > 0 ? "▲" : "▼"}${Math.abs(change)})`;
}

/** "Bar-code medication administration 12 (▲5)", the label escaped by the rendering's `escape`. */
export function countEntryText(entry: CountEntry, escape: (label: string) => string): string {
  return `${escape(entry.label)} ${entry.count}${deltaText(entry)}`;
}

/** "Bar-code medication administration 12 (▲5 from 7), ICU 8 (▲4 from 4)". */
export function risersText(risers: readonly Riser[], escape: (label: string) => string): string {
  return risers.map((r) => `${escape(r.label)} ${r.count} (▲${r.count - r.previous} from ${r.previous})`).join(", ");
}

export const RISING_TITLE = "Rising since last week";

import { countText } from "../../domain/count-text";

export { countText };

export function durationText(hours: number | null): string {
  if (hours === null) return "–";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

export function severityText(item: Pick<DigestItem, "severity">): string {
  return item.severity ? item.severity.charAt(0).toUpperCase() + item.severity.slice(1) : "Unrated";
}

export function moreText(total: number, shown: number): string | null {
  return total > shown ? `…and ${total - shown} more` : null;
}

/** KPI tiles, in order: label, value, detail. */
export function kpis(digest: Digest): { label: string; value: string; detail: string }[] {
  const t = digest.totals;
  return [
    { label: "Reports", value: String(t.reports), detail: changeText(digest) },
    { label: "Patient safety", value: String(t.patientSafety), detail: `${t.critical} critical · ${t.high} high` },
    { label: "Open critical/high", value: String(t.openHighCritical), detail: "any age" },
    {
      label: "Resolved",
      value: String(t.resolved),
      detail: `median ${durationText(digest.timings.medianResolveHours)} to resolve`,
    },
    {
      label: "Acknowledged",
      value: durationText(digest.timings.medianAckHours),
      detail: "median time to first response",
    },
  ];
}

/** The closing line; `narrative: false` for a rendering that does not show the narrative bullets. */
export function footerText(digest: Digest, options: { narrative: boolean } = { narrative: true }): string {
  const source = !options.narrative
    ? "Figures from the stored reports"
    : digest.narrativeSource === "llm"
      ? "Summary written by the LLM from the figures"
      : "Summary from the figures";
  return `${source}. Quotes are redacted summaries, never the clinician's words. Generated ${digest.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`;
}

/** The top block's heading in every rendering. */
export const ATTENTION_TITLE = "Needs your attention";

/**
 * One line of the top block: a bold-able lead ("Patient safety") and the rest, reporter-derived
 * parts (summaries, unit and system names) passed through the rendering's `escape`.
 */
export function attentionText(
  item: AttentionItem,
  escape: (text: string, max?: number) => string,
): { lead: string; rest: string } {
  const where = (i: DigestItem) => escape([i.unit, i.systemLabel].filter(Boolean).join(" · "), 80);
  switch (item.type) {
    case "safety": {
      const f = item.first;
      const critical = item.critical ? `, ${item.critical} critical` : "";
      return {
        lead: "Patient safety",
        rest: `${countText(item.unresolved, "report")} unresolved${critical}; first ${f.id} (${severityText(f)}, ${f.ageDays} d): ${escape(f.summary, 90)}${f.unit && !f.summary.includes(f.unit) ? ` (${escape(f.unit, 40)})` : ""}`,
      };
    }
    case "riser": {
      const r = item.riser;
      const change =
        item.changePct === null
          ? `${r.count}, none the week before`
          : `up ${item.changePct}% (${r.previous} → ${r.count})`;
      const most = item.mostOn ? `, most on ${escape(item.mostOn.label, 60)} (${item.mostOn.count})` : "";
      return { lead: "Biggest rise", rest: `${escape(r.label, 60)} ${change}${most}` };
    }
    case "oldest_open":
      if (item.sameAsSafety)
        return {
          lead: "Oldest open high-severity",
          rest: `${item.item.id} (above), ${countText(item.item.ageDays, "day")}; ${countText(item.open, "critical/high item")} open in all`,
        };
      return {
        lead: "Oldest open high-severity",
        rest: `${item.item.id}, ${countText(item.item.ageDays, "day")} (${countText(item.open, "critical/high item")} open): ${escape(item.item.summary, 90)} — ${where(item.item)}`,
      };
    case "training":
      return {
        lead: "Training need",
        rest: `${countText(item.count, "report")} from ${countText(item.units, "unit")}, e.g. ${escape(item.example.summary, 90)}`,
      };
    case "data_protection":
      return {
        lead: "Data protection",
        rest: `${countText(item.count, "report")} for the privacy officer, e.g. ${escape(item.example.summary, 90)}`,
      };
  }
}

/**
 * "Open · High · 5 d · ICU · Bar-code medication administration" for a safety list line
 * (`withUnit: false` where the line is short: the summary usually names the unit).
 */
/**
 * "18 this week (2 still open), 12 open from earlier weeks": the safety list holds this week's
 * safety reports and older ones still open, and its heading counts both, so the list adds up.
 */
export function safetyHeadingText(digest: Digest): string {
  const items = digest.patientSafety;
  const openThisWeek = items.filter((i) => !i.carriedOver && i.unresolved).length;
  const carried = items.filter((i) => i.carriedOver).length;
  const week = `${digest.totals.patientSafety} this week (${openThisWeek} still open)`;
  return carried > 0 ? `${week}, ${carried} open from earlier weeks` : week;
}

export function safetyContext(item: SafetyItem, options: { withUnit: boolean } = { withUnit: true }): string {
  const state = item.unresolved ? (item.carriedOver ? "Open (earlier week)" : "Open") : "Resolved";
  const event = item.safetyEvent ? describeSafetyEvent(item.safetyEvent) : null;
  return [state, event, severityText(item), `${item.ageDays} d`, options.withUnit ? item.unit : null, item.systemLabel]
    .filter(Boolean)
    .join(" · ");
}

/** "5× Barcode scanner won't scan" details: system and units kept apart. */
export function themeWhere(theme: Theme, escape: (text: string, max?: number) => string): string {
  const units = theme.units.length ? ` · units: ${escape(theme.units.join(", "), 120)}` : "";
  return `system: ${escape(theme.systemLabel, 60)}${units}${theme.open ? ` · ${theme.open} open` : ""}`;
}
