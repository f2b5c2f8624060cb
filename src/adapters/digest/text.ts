/**
 * The digest as Markdown that also reads well as plain text (CLI, e-mail), for a two-minute read:
 * the totals, a top block of at most five lines (what needs a decision or attention), then short
 * sections a reader can skip. Every list is capped, so it never exceeds TEXT_MAX_LINES whatever the
 * week. Pure. Reporter text is escaped with `markdownText` and never starts a line, so it cannot add
 * headings, lists or links.
 */
import type { CountEntry, Digest } from "../../domain/digest";
import { markdownText } from "./escape";
import {
  ATTENTION_TITLE,
  attentionText,
  changeText,
  countEntryText,
  countText,
  durationText,
  footerText,
  moreText,
  safetyContext,
  subtitle,
  themeWhere,
  TITLE,
  safetyHeadingText,
} from "./format";

/** The most lines the text rendering has (blank lines included), whatever the week. */
export const TEXT_MAX_LINES = 40;
const SAFETY_LINES = 4;
const THEME_LINES = 2;
const HOTSPOTS = 3;
/** How many entries a "Systems:/Units:/Kinds:" line names before "…and N more". */
const COUNTS_LIMIT = 6;

const label = (text: string) => markdownText(text, 60);

/** "**Systems:** EHR 12 (▲5), Printer 4 (▼2), …and 3 more" (the change only where known). */
function counts(title: string, entries: readonly CountEntry[]): string {
  if (!entries.length) return `**${title}:** none`;
  const shown = entries.slice(0, COUNTS_LIMIT).map((e) => countEntryText(e, label));
  const more = moreText(entries.length, shown.length);
  return `**${title}:** ${[...shown, ...(more ? [more] : [])].join(", ")}`;
}

/** A heading, its lines (capped) and "…and N more" when some were left out, then a blank line. */
function section(heading: string, lines: string[], total: number): string[] {
  const more = moreText(total, lines.length);
  return [heading, ...lines, ...(more ? [`  ${more}`] : []), ""];
}

function attention(digest: Digest): string[] {
  const lines = digest.attention.map((a) => {
    const { lead, rest } = attentionText(a, markdownText);
    return `- **${lead}:** ${rest}`;
  });
  return [`## ${ATTENTION_TITLE}`, ...(lines.length ? lines : ["- Nothing needs a decision this week."]), ""];
}

function safety(digest: Digest): string[] {
  const items = digest.patientSafety;
  if (!items.length) return [];
  return section(
    `## Patient safety: ${safetyHeadingText(digest)}`,
    items
      .slice(0, SAFETY_LINES)
      .map((i) => `- **${i.id}** ${markdownText(i.summary, 120)} — ${markdownText(safetyContext(i), 160)}`),
    items.length,
  );
}

function where(digest: Digest): string[] {
  const hotspots = digest.hotspots
    .slice(0, HOTSPOTS)
    .map(
      (h) =>
        `${markdownText(`${h.unit} × ${h.systemLabel}`, 100)} ${h.count}${h.patientSafety ? ` (${h.patientSafety} safety)` : ""}`,
    );
  return [
    "## Where (change since last week)",
    counts("Systems", digest.bySystem),
    counts("Units", digest.byUnit),
    counts("Kinds", digest.byKind),
    ...(hotspots.length ? [`**Hotspots (unit × system):** ${hotspots.join(", ")}`] : []),
    "",
  ];
}

function themes(digest: Digest): string[] {
  if (!digest.themes.length) return [];
  return section(
    `## Recurring problems (${digest.themes.length})`,
    digest.themes
      .slice(0, THEME_LINES)
      .map((th) => `- ${th.size}× ${markdownText(th.summary, 120)} — ${themeWhere(th, markdownText)}`),
    digest.themes.length,
  );
}

function cmio(digest: Digest): string[] {
  const active = digest.sections.filter((s) => s.count > 0);
  if (!active.length) return [];
  return [
    "## For the CMIO",
    ...active.map((s) => {
      const e = s.examples[0];
      const unit = e?.unit && !e.summary.includes(e.unit) ? ` (${markdownText(e.unit, 40)})` : "";
      return `- **${s.title} (${s.count})**${e ? `, e.g. ${markdownText(e.summary, 100)}${unit}` : ""}`;
    }),
    "",
  ];
}

function done(digest: Digest): string[] {
  const first = digest.youSaidWeDid[0];
  const t = digest.timings;
  const head = `## You said, we did: ${t.resolvedCount} resolved · median ${durationText(t.medianResolveHours)} to resolve, ${durationText(t.medianAckHours)} to acknowledge`;
  if (!first) return [head, ""];
  return [
    head,
    `- **${first.id}** ${markdownText(first.summary, 100)} → ${markdownText(first.resolution ?? "Resolved", 140)} (${first.daysToResolve} d)`,
    "",
  ];
}

function trend(digest: Digest): string {
  const weeks = digest.trend.map((w) => `${w.total}`).join(" · ");
  const known = digest.trend.every((w) => w.patientSafety !== undefined);
  const safety = known ? `; patient safety ${digest.trend.map((w) => w.patientSafety ?? 0).join(" · ")}` : "";
  const first = digest.trend[0]?.period.slice(5) ?? "";
  return `**Reports per week, ${first}–${digest.period.slice(5)}:** ${weeks}${safety}`;
}

export function renderDigestText(digest: Digest): string {
  const t = digest.totals;
  const out: string[] = [
    `# ${TITLE} · ${subtitle(digest)}`,
    `**${countText(t.reports, "report")}** (${changeText(digest)}) · **${t.patientSafety} patient safety** · ${t.critical} critical, ${t.high} high · **${t.openHighCritical} open critical/high** · ${t.resolved} resolved`,
    "",
    ...attention(digest),
    ...safety(digest),
    ...where(digest),
    ...themes(digest),
    ...cmio(digest),
    ...done(digest),
    trend(digest),
    `_${footerText(digest, { narrative: false })}_`,
  ];
  return `${out.join("\n")}\n`;
}
