/**
 * The digest as an Adaptive Card 1.5 for Teams (pure). Valid against the 1.5 schema; reporter
 * text goes through `cardText`, so no markdown link, image or mention can ride along. Lists are
 * capped (Teams limits a card to about 28 KB).
 */
import type { CountEntry, Digest } from "../../domain/digest";
import { cardText, oneLine } from "./escape";
import {
  ATTENTION_TITLE,
  attentionText,
  countEntryText,
  changeText,
  countText,
  durationText,
  footerText,
  LIST_LIMIT,
  moreText,
  RISING_TITLE,
  risersText,
  safetyContext,
  subtitle,
  themeWhere,
  TITLE,
  safetyHeadingText,
} from "./format";

/** Patient-safety items the card lists before "…and N more" (the text rendering has room for four). */
export const CARD_SAFETY_ITEMS = 3;

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

/** Four tiles for a card about 500 px wide. */
function cardKpis(digest: Digest): { label: string; value: string; detail: string }[] {
  const t = digest.totals;
  return [
    { label: "Reports", value: String(t.reports), detail: changeText(digest) },
    { label: "Patient safety", value: String(t.patientSafety), detail: `${t.patientSafetyUnresolved} unresolved` },
    { label: "Open critical/high", value: String(t.openHighCritical), detail: "any age" },
    {
      label: "Resolved",
      value: String(t.resolved),
      detail: `median ${durationText(digest.timings.medianResolveHours)}`,
    },
  ];
}

function more(total: number, shown: number): Element[] {
  const m = moreText(total, shown);
  return m ? [subtle(m, { spacing: "Small" })] : [];
}

function kpiColumns(digest: Digest): Element {
  return {
    type: "ColumnSet",
    spacing: "Medium",
    columns: cardKpis(digest).map((k) => ({
      type: "Column",
      width: "stretch",
      items: [
        subtle(k.label, { spacing: "None" }),
        text(k.value, { size: "Large", weight: "Bolder", spacing: "None" }),
        subtle(k.detail),
      ],
    })),
  };
}

/** The top block: at most five lines of what needs a decision or attention, always shown. */
function attention(digest: Digest): Element {
  const lines = digest.attention.map((a) => {
    const { lead, rest } = attentionText(a, (t, max) => cardText(t, Math.min(max ?? 60, 60)));
    return text(`**${lead}:** ${rest}`, { spacing: "Small", size: "Small" });
  });
  return {
    type: "Container",
    style: "attention",
    spacing: "Medium",
    items: [
      text(ATTENTION_TITLE, { weight: "Bolder" }),
      ...(lines.length ? lines : [text("Nothing needs a decision this week.", { spacing: "Small", size: "Small" })]),
    ],
  };
}

function safetyList(digest: Digest): Element[] {
  const items = digest.patientSafety;
  if (!items.length) return [];
  return [
    heading(`Patient safety: ${safetyHeadingText(digest)}`, {
      spacing: "Medium",
      size: "Default",
    }),
    ...items.slice(0, CARD_SAFETY_ITEMS).map((i) =>
      text(`**${i.id}** ${cardText(i.summary, 80)} — ${cardText(safetyContext(i, { withUnit: false }), 120)}`, {
        spacing: "Small",
        size: "Small",
      }),
    ),
    ...more(items.length, Math.min(items.length, CARD_SAFETY_ITEMS)),
  ];
}

const label = (value: string) => cardText(value, 60);

/** "EHR 12 (▲5) · Printer 4 (▼2) · …and 3 more". */
function countsLine(entries: readonly CountEntry[]): string {
  const shown = entries.slice(0, LIST_LIMIT).map((e) => countEntryText(e, label));
  const more = moreText(entries.length, shown.length);
  return [...shown, ...(more ? [more] : [])].join(" · ");
}

interface Skippable {
  id: string;
  title: string;
  items: Element[];
}

/**
 * Sections a reader can skip: their titles are buttons, two to a row, that show or hide the
 * section's body (hidden at first, so the card stays a two-minute read). Teams and the adaptivecards
 * renderer support Action.ToggleVisibility (Adaptive Cards 1.2+).
 */
function skippable(sections: readonly Skippable[]): Element[] {
  const shown = sections.filter((s) => s.items.length);
  const rows: Element[] = [];
  for (let i = 0; i < shown.length; i += 2) {
    const pair = shown.slice(i, i + 2);
    rows.push({
      type: "ColumnSet",
      spacing: "Small",
      separator: i === 0,
      columns: [0, 1].map((k) => {
        const s = pair[k];
        return s
          ? {
              type: "Column",
              width: "stretch",
              selectAction: { type: "Action.ToggleVisibility", title: s.title, targetElements: [s.id] },
              items: [text(`▸ ${s.title}`, { weight: "Bolder", size: "Small", color: "Accent" })],
            }
          : { type: "Column", width: "stretch", items: [] };
      }),
    });
  }
  const bodies = shown.map((s) => ({
    type: "Container",
    id: s.id,
    isVisible: false,
    spacing: "Small",
    items: s.items,
  }));
  return [...rows, ...bodies];
}

/** Counts by system, unit and kind (separate lists) with the change since last week, and the hotspots. */
function where(digest: Digest): Element[] {
  const rows = [
    { title: "Systems", entries: digest.bySystem },
    { title: "Units", entries: digest.byUnit },
    { title: "Kinds", entries: digest.byKind },
  ].filter((r) => r.entries.length);
  const hotspots = digest.hotspots
    .slice(0, 3)
    .map(
      (h) =>
        `${cardText(`${h.unit} × ${h.systemLabel}`, 100)} ${h.count}${h.patientSafety ? ` (${h.patientSafety} safety)` : ""}`,
    );
  return [
    ...(digest.risers.length
      ? [text(`**${RISING_TITLE}:** ${risersText(digest.risers, label)}`, { spacing: "Small", size: "Small" })]
      : []),
    ...(rows.length ? [factSet(rows.map((r) => ({ title: r.title, value: countsLine(r.entries) })))] : []),
    ...(hotspots.length ? [text(`**Hotspots (unit × system):** ${hotspots.join(" · ")}`, { size: "Small" })] : []),
  ];
}

function factSet(facts: { title: string; value: string }[]): Element {
  return { type: "FactSet", spacing: "Small", facts };
}

function themes(digest: Digest): Element[] {
  if (!digest.themes.length) return [];
  return [
    ...digest.themes.slice(0, LIST_LIMIT).map((t) =>
      text(`**${t.size}×** ${cardText(t.summary, 120)} — ${themeWhere(t, cardText)}`, {
        spacing: "Small",
        size: "Small",
      }),
    ),
    ...more(digest.themes.length, Math.min(digest.themes.length, LIST_LIMIT)),
  ];
}

function cmioSections(digest: Digest): Element[] {
  return digest.sections
    .filter((s) => s.count > 0)
    .flatMap((s) => [
      text(`**${s.title}** (${s.count}) — ${s.hint}`, { spacing: "Small", size: "Small" }),
      ...s.examples.map((e) =>
        text(`• ${cardText(e.summary, 120)}`, {
          spacing: "None",
          size: "Small",
        }),
      ),
      ...more(s.count, s.examples.length),
    ]);
}

function youSaidWeDid(digest: Digest): Element[] {
  const done = digest.youSaidWeDid;
  return done
    .slice(0, LIST_LIMIT)
    .flatMap((r) => [
      text(`**${r.id}** ${cardText(r.summary, 120)}`, { spacing: "Small", size: "Small" }),
      subtle(`✔ ${cardText(r.resolution ?? "Resolved", 160)} · ${r.daysToResolve} d`),
    ])
    .concat(more(done.length, Math.min(done.length, LIST_LIMIT)));
}

function narrative(digest: Digest): Element[] {
  return digest.narrative.map((b) => text(`• ${cardText(b, 400)}`, { spacing: "Small", size: "Small" }));
}

export function renderDigestCard(digest: Digest, options: DigestCardOptions): Record<string, unknown> {
  const body: Element[] = [
    {
      type: "Container",
      style: "emphasis",
      bleed: true,
      items: [
        text(TITLE, { size: "Medium", weight: "Bolder", style: "heading" }),
        subtle(subtitle(digest), { size: "Small" }),
      ],
    },
    kpiColumns(digest),
    attention(digest),
    ...(options.chartUrl
      ? [
          {
            type: "Image",
            url: options.chartUrl,
            altText: oneLine(
              `Reports per week over 12 weeks to ${digest.period}, the patient-safety reports of each week in red`,
            ),
            size: "Stretch",
            spacing: "Medium",
            selectAction: { type: "Action.OpenUrl", title: "Open chart", url: options.chartUrl },
          },
        ]
      : []),
    ...safetyList(digest),
    ...skippable([
      { id: "digest-where", title: "Where: systems, units", items: where(digest) },
      { id: "digest-themes", title: `Recurring problems (${digest.themes.length})`, items: themes(digest) },
      { id: "digest-cmio", title: "For the CMIO", items: cmioSections(digest) },
      { id: "digest-done", title: `You said, we did (${digest.youSaidWeDid.length})`, items: youSaidWeDid(digest) },
      { id: "digest-brief", title: "This week in brief", items: narrative(digest) },
    ]),
    subtle(footerText(digest), { spacing: "Medium", separator: true }),
  ];
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    fallbackText: `${TITLE} ${digest.period}: ${countText(digest.totals.reports, "report")}, ${digest.totals.patientSafetyUnresolved} patient-safety unresolved`,
    speak: `${TITLE} for ${digest.period}`,
    body,
  };
}
