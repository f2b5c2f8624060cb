/**
 * The digest as an Adaptive Card 1.5 for Teams (pure). Valid against the 1.5 schema; reporter
 * text goes through `cardText`, so no markdown link, image or mention can ride along. Lists are
 * capped (Teams limits a card to about 28 KB).
 */
import type { CountEntry, Digest, DigestItem } from "../../domain/digest";
import { cardText, oneLine } from "./escape";
import {
  countEntryText,
  countText,
  footerText,
  itemContext,
  kpis,
  LIST_LIMIT,
  moreText,
  RISING_TITLE,
  risersText,
  severityText,
  subtitle,
  TITLE,
} from "./format";

export interface DigestCardOptions {
  /** Absolute URL of the chart PNG (PUBLIC_BASE_URL + chart route), or null to leave the chart out. */
  chartUrl: string | null;
}

type Element = Record<string, unknown>;

const text = (value: string, extra: Element = {}): Element => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...extra,
});
const heading = (value: string, extra: Element = {}): Element =>
  text(value, { weight: "Bolder", size: "Medium", spacing: "Large", separator: true, ...extra });
const subtle = (value: string, extra: Element = {}): Element =>
  text(value, { isSubtle: true, size: "Small", spacing: "None", ...extra });

function more(total: number, shown: number): Element[] {
  const m = moreText(total, shown);
  return m ? [subtle(m, { spacing: "Small" })] : [];
}

function kpiColumns(digest: Digest): Element {
  return {
    type: "ColumnSet",
    spacing: "Medium",
    columns: kpis(digest).map((k) => ({
      type: "Column",
      width: "stretch",
      items: [
        subtle(k.label, { spacing: "None" }),
        text(k.value, { size: "ExtraLarge", weight: "Bolder", spacing: "None" }),
        subtle(k.detail),
      ],
    })),
  };
}

function itemRows<T extends DigestItem>(items: readonly T[], detail: (i: T) => string = itemContext): Element[] {
  return items
    .slice(0, LIST_LIMIT)
    .flatMap((i) => [
      text(`**${i.id}** ${cardText(i.summary, 160)}`, { spacing: "Small" }),
      subtle(cardText(detail(i), 200)),
    ]);
}

function safetySection(digest: Digest): Element[] {
  const open = digest.openHighCritical;
  if (!digest.patientSafety.length && !open.length) return [];
  const container: Element = {
    type: "Container",
    style: "attention",
    bleed: false,
    spacing: "Large",
    items: [
      text(`Patient safety this week (${digest.patientSafety.length})`, { weight: "Bolder" }),
      ...itemRows(digest.patientSafety, (i) => `${severityText(i)} · ${itemContext(i)}`),
      ...more(digest.patientSafety.length, LIST_LIMIT),
      ...(open.length
        ? [
            text(`Open critical/high items (${open.length})`, { weight: "Bolder", spacing: "Medium" }),
            ...itemRows(open, (i) => `${severityText(i)} · open ${i.ageDays} d · ${itemContext(i)}`),
            ...more(open.length, LIST_LIMIT),
          ]
        : []),
    ],
  };
  return [container];
}

function factSet(facts: { title: string; value: string }[]): Element {
  return { type: "FactSet", spacing: "Small", facts };
}

const label = (value: string) => cardText(value, 60);

/** "EHR 12 (▲5) · Printer 4 (▼2) · …and 3 more". */
function countsLine(entries: readonly CountEntry[]): string {
  const shown = entries.slice(0, LIST_LIMIT).map((e) => countEntryText(e, label));
  const more = moreText(entries.length, shown.length);
  return [...shown, ...(more ? [more] : [])].join(" · ");
}

/** Counts by kind, system and unit with the change since last week, and what rose the most. */
function where(digest: Digest): Element[] {
  const rows = [
    { title: "Kinds", entries: digest.byKind },
    { title: "Systems", entries: digest.bySystem },
    { title: "Units", entries: digest.byUnit },
  ].filter((r) => r.entries.length);
  if (!rows.length) return [];
  return [
    heading("Where (change since last week)"),
    ...(digest.risers.length
      ? [
          text(`**${RISING_TITLE}:** ${risersText(digest.risers, label)}`, {
            color: "Attention",
            spacing: "Small",
          }),
        ]
      : []),
    factSet(rows.map((r) => ({ title: r.title, value: countsLine(r.entries) }))),
  ];
}

function hotspotsAndThemes(digest: Digest): Element[] {
  const out: Element[] = [];
  if (digest.hotspots.length) {
    out.push(heading("Hotspots (unit × system)"));
    out.push(
      ...digest.hotspots
        .slice(0, LIST_LIMIT)
        .map((h) =>
          text(
            `**${cardText(h.unit, 60)}** × ${cardText(h.systemLabel, 80)} — ${countText(h.count, "report")}${h.patientSafety ? ` (${h.patientSafety} safety)` : ""}`,
            { spacing: "Small" },
          ),
        ),
      ...more(digest.hotspots.length, LIST_LIMIT),
    );
  }
  if (digest.themes.length) {
    out.push(heading(`Recurring problems (${digest.themes.length})`));
    out.push(
      factSet(
        digest.themes.slice(0, LIST_LIMIT).map((t) => ({
          title: `${t.size}×`,
          value: cardText(
            `${t.summary} — ${[t.systemLabel, ...t.units].join(", ")}${t.open ? ` · ${t.open} open` : ""}`,
            220,
          ),
        })),
      ),
    );
    out.push(...more(digest.themes.length, LIST_LIMIT));
  }
  return out;
}

function cmioSections(digest: Digest): Element[] {
  const active = digest.sections.filter((s) => s.count > 0);
  if (!active.length) return [];
  return [
    heading("For the CMIO"),
    ...active.flatMap((s) => [
      text(`**${s.title}** (${s.count})`, { spacing: "Medium" }),
      subtle(s.hint),
      ...s.examples.map((e) =>
        text(`• ${cardText(e.summary, 160)} — ${cardText(e.unit ?? e.systemLabel, 60)}`, {
          spacing: "None",
          size: "Small",
        }),
      ),
      ...more(s.count, s.examples.length),
    ]),
  ];
}

function youSaidWeDid(digest: Digest): Element[] {
  const done = digest.youSaidWeDid;
  if (!done.length) return [];
  return [
    heading(`You said, we did (${done.length} resolved)`),
    ...done
      .slice(0, LIST_LIMIT)
      .flatMap((r) => [
        text(`**${r.id}** ${cardText(r.summary, 160)}`, { spacing: "Small" }),
        subtle(`✔ ${cardText(r.resolution ?? "Resolved", 200)} · ${r.daysToResolve} d`),
      ]),
    ...more(done.length, LIST_LIMIT),
  ];
}

export function renderDigestCard(digest: Digest, options: DigestCardOptions): Record<string, unknown> {
  const narrative = digest.narrative.map((b) => text(`• ${cardText(b, 400)}`, { spacing: "Small" }));
  const body: Element[] = [
    {
      type: "Container",
      style: "emphasis",
      bleed: true,
      items: [
        text(TITLE, { size: "Large", weight: "Bolder", style: "heading" }),
        subtle(subtitle(digest), { size: "Default" }),
      ],
    },
    kpiColumns(digest),
    ...(narrative.length ? [heading("This week in brief"), ...narrative] : []),
    ...(options.chartUrl
      ? [
          {
            type: "Image",
            url: options.chartUrl,
            altText: oneLine(
              `Reports per week over 12 weeks by kind, and the most reported systems in ${digest.period}`,
            ),
            size: "Stretch",
            spacing: "Medium",
          },
        ]
      : []),
    ...safetySection(digest),
    ...where(digest),
    ...hotspotsAndThemes(digest),
    ...cmioSections(digest),
    ...youSaidWeDid(digest),
    subtle(footerText(digest), { spacing: "Large", separator: true }),
  ];
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    fallbackText: `${TITLE} ${digest.period}: ${countText(digest.totals.reports, "report")}`,
    speak: `${TITLE} for ${digest.period}`,
    body,
    ...(options.chartUrl ? { actions: [{ type: "Action.OpenUrl", title: "Open chart", url: options.chartUrl }] } : {}),
  };
}
