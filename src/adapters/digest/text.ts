/**
 * The digest as Markdown that also reads well as plain text (CLI, e-mail). Pure. Reporter text is
 * escaped with `markdownText` and never starts a line, so it cannot add headings, lists or links.
 */
import type { CountEntry, Digest, DigestItem } from "../../domain/digest";
import { markdownText } from "./escape";
import {
  changeText,
  countEntryText,
  countText,
  durationText,
  footerText,
  itemContext,
  LIST_LIMIT,
  moreText,
  RISING_TITLE,
  risersText,
  severityText,
  subtitle,
  TITLE,
} from "./format";

/** The text rendering lists a little more than the cards: it has the room. */
const TEXT_LIMIT = LIST_LIMIT * 2;

function list(lines: string[], total: number): string[] {
  const more = moreText(total, Math.min(total, TEXT_LIMIT));
  return [...lines, ...(more ? [`  ${more}`] : [])];
}

function itemLine(i: DigestItem, extra = ""): string {
  return `- **${i.id}** ${markdownText(i.summary, 200)} — ${markdownText(`${severityText(i)}${extra} · ${itemContext(i)}`, 200)}`;
}

/** How many entries a "By …" line names before "…and N more". */
const COUNTS_LIMIT = 8;
const label = (text: string) => markdownText(text, 60);

/** "**By system:** EHR 12 (▲5), Printer 4 (▼2), …and 3 more" (the change only where known). */
function counts(title: string, entries: readonly CountEntry[]): string {
  if (!entries.length) return `**${title}:** none`;
  const shown = entries.slice(0, COUNTS_LIMIT).map((e) => countEntryText(e, label));
  const more = moreText(entries.length, shown.length);
  return `**${title}:** ${[...shown, ...(more ? [more] : [])].join(", ")}`;
}

export function renderDigestText(digest: Digest): string {
  const t = digest.totals;
  const out: string[] = [`# ${TITLE}`, "", subtitle(digest), ""];
  out.push(
    `**${countText(t.reports, "report")}** (${changeText(digest)}) · **${t.patientSafety} patient safety** · ${t.critical} critical, ${t.high} high · **${t.openHighCritical} open critical/high** · ${t.resolved} resolved`,
    `Median time to acknowledge: ${durationText(digest.timings.medianAckHours)} · to resolve: ${durationText(digest.timings.medianResolveHours)}`,
    "",
  );
  if (digest.narrative.length)
    out.push("## This week in brief", "", ...digest.narrative.map((b) => `- ${markdownText(b, 400)}`), "");
  out.push("## Where", "");
  if (digest.risers.length) out.push(`**${RISING_TITLE}:** ${risersText(digest.risers, label)}`, "");
  out.push(counts("By kind", digest.byKind), "", counts("By system", digest.bySystem), "");
  out.push(counts("By severity", digest.bySeverity), "", counts("By unit", digest.byUnit), "");
  if (digest.hotspots.length)
    out.push(
      "Hotspots (unit × system):",
      "",
      ...digest.hotspots
        .slice(0, TEXT_LIMIT)
        .map(
          (h) =>
            `- ${markdownText(`${h.unit} × ${h.systemLabel}`, 140)}: ${h.count}${h.patientSafety ? ` (${h.patientSafety} safety)` : ""}`,
        ),
      "",
    );
  if (digest.patientSafety.length)
    out.push(
      `## Patient safety (${digest.patientSafety.length})`,
      "",
      ...list(
        digest.patientSafety.slice(0, TEXT_LIMIT).map((i) => itemLine(i)),
        digest.patientSafety.length,
      ),
      "",
    );
  if (digest.openHighCritical.length)
    out.push(
      `## Open critical/high items (${digest.openHighCritical.length})`,
      "",
      ...list(
        digest.openHighCritical.slice(0, TEXT_LIMIT).map((i) => itemLine(i, `, open ${i.ageDays} d`)),
        digest.openHighCritical.length,
      ),
      "",
    );
  if (digest.themes.length)
    out.push(
      `## Recurring problems (${digest.themes.length})`,
      "",
      ...list(
        digest.themes
          .slice(0, TEXT_LIMIT)
          .map(
            (th) =>
              `- ${th.size}× ${markdownText(th.summary, 200)} — ${markdownText([th.systemLabel, ...th.units].join(", "), 200)}${th.open ? ` · ${th.open} open` : ""}`,
          ),
        digest.themes.length,
      ),
      "",
    );
  out.push("## For the CMIO", "");
  for (const s of digest.sections) {
    out.push(`**${s.title} (${s.count})** — ${s.hint}`);
    for (const e of s.examples)
      out.push(`- ${markdownText(e.summary, 200)} — ${markdownText(e.unit ?? e.systemLabel, 80)}`);
    const more = moreText(s.count, s.examples.length);
    if (more) out.push(`  ${more}`);
    out.push("");
  }
  if (digest.youSaidWeDid.length)
    out.push(
      `## You said, we did (${digest.youSaidWeDid.length} resolved)`,
      "",
      ...list(
        digest.youSaidWeDid
          .slice(0, TEXT_LIMIT)
          .map(
            (r) =>
              `- **${r.id}** ${markdownText(r.summary, 200)} → ${markdownText(r.resolution ?? "Resolved", 250)} (${r.daysToResolve} d)`,
          ),
        digest.youSaidWeDid.length,
      ),
      "",
    );
  out.push(
    "## 12-week trend",
    "",
    ...digest.trend.map((w) => `- ${w.period}: ${w.total} ${bar(w.total, digest)}`),
    "",
    `_${footerText(digest)}_`,
    "",
  );
  return out.join("\n");
}

function bar(total: number, digest: Digest): string {
  const max = Math.max(1, ...digest.trend.map((w) => w.total));
  return "█".repeat(Math.round((total / max) * 30));
}
