/**
 * The digest as Slack Block Kit (pure), within Slack's limits: at most 50 blocks, header text
 * <= 150, section text <= 3000, at most 10 fields of <= 2000 each. Reporter text goes through
 * `slackText` and every mrkdwn object is `verbatim`, so nothing is auto-linked or mentioned.
 */
import type { CountEntry, Digest } from "../../domain/digest";
import { slackText } from "./escape";
import {
  ATTENTION_TITLE,
  attentionText,
  countEntryText,
  countText,
  footerText,
  kpis,
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

export interface DigestBlocks {
  /** Notification / fallback text. */
  text: string;
  blocks: Record<string, unknown>[];
}

export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
};

type Block = Record<string, unknown>;

/** Cuts at a line break when it can, so a list loses whole lines rather than half a word. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max - 2);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

const mrkdwn = (text: string, max = SLACK_LIMITS.sectionText) => ({
  type: "mrkdwn",
  text: clamp(text, max),
  verbatim: true,
});
const section = (text: string): Block => ({ type: "section", text: mrkdwn(text) });
const context = (text: string): Block => ({ type: "context", elements: [mrkdwn(text)] });
const divider: Block = { type: "divider" };

function withMore(lines: string[], total: number): string {
  const more = moreText(total, Math.min(total, LIST_LIMIT));
  return [...lines, ...(more ? [`_${more}_`] : [])].join("\n");
}

/** The top block: at most five lines of what needs a decision or attention. */
function attention(digest: Digest): Block[] {
  const lines = digest.attention.map((a) => {
    const { lead, rest } = attentionText(a, slackText);
    return `• *${lead}:* ${rest}`;
  });
  return [
    section(
      `:warning: *${ATTENTION_TITLE}*\n${lines.length ? lines.join("\n") : "Nothing needs a decision this week."}`,
    ),
  ];
}

function safety(digest: Digest): Block[] {
  const items = digest.patientSafety;
  if (!items.length) return [];
  const lines = items
    .slice(0, LIST_LIMIT)
    .map((i) => `• *${i.id}* ${slackText(i.summary, 200)}\n    ${slackText(safetyContext(i), 200)}`);
  return [
    section(
      `:rotating_light: *Patient safety: ${slackText(safetyHeadingText(digest), 200)}*\n${withMore(lines, items.length)}`,
    ),
  ];
}

const label = (value: string) => slackText(value, 60);

/** "EHR 12 (▲5) · Printer 4 (▼2) · _…and 3 more_". */
function countsLine(entries: readonly CountEntry[]): string {
  const shown = entries.slice(0, LIST_LIMIT).map((e) => countEntryText(e, label));
  const more = moreText(entries.length, shown.length);
  return [...shown, ...(more ? [`_${more}_`] : [])].join(" · ");
}

/** Counts by kind, system and unit with the change since last week, and what rose the most. */
function where(digest: Digest): Block[] {
  const rows = [
    { title: "Systems", entries: digest.bySystem },
    { title: "Units", entries: digest.byUnit },
    { title: "Kinds", entries: digest.byKind },
  ].filter((r) => r.entries.length);
  if (!rows.length) return [];
  const rising = digest.risers.length
    ? [`:chart_with_upwards_trend: *${RISING_TITLE}:* ${risersText(digest.risers, label)}`]
    : [];
  const lines = rows.map((r) => `*${r.title}:* ${countsLine(r.entries)}`);
  return [section(["*Where (change since last week)*", ...rising, ...lines].join("\n"))];
}

function hotspotsAndThemes(digest: Digest): Block[] {
  const out: Block[] = [];
  if (digest.hotspots.length) {
    const lines = digest.hotspots
      .slice(0, LIST_LIMIT)
      .map(
        (h) =>
          `• *${slackText(h.unit, 60)}* × ${slackText(h.systemLabel, 80)}: ${countText(h.count, "report")}${h.patientSafety ? ` (${h.patientSafety} safety)` : ""}`,
      );
    out.push(section(`*Hotspots (unit × system)*\n${withMore(lines, digest.hotspots.length)}`));
  }
  if (digest.themes.length) {
    const lines = digest.themes
      .slice(0, LIST_LIMIT)
      .map((t) => `• *${t.size}×* ${slackText(t.summary, 200)} — ${themeWhere(t, slackText)}`);
    out.push(section(`*Recurring problems (${digest.themes.length})*\n${withMore(lines, digest.themes.length)}`));
  }
  return out;
}

function sectionExamples(s: Digest["sections"][number]): string {
  const lines = s.examples.map((e) => `• ${slackText(e.summary, 150)} — ${slackText(e.unit ?? e.systemLabel, 60)}`);
  const more = moreText(s.count, s.examples.length);
  return [...lines, ...(more ? [`_${more}_`] : [])].join("\n");
}

function cmio(digest: Digest): Block[] {
  const active = digest.sections.filter((s) => s.count > 0);
  if (!active.length) return [];
  const fields = active
    .slice(0, SLACK_LIMITS.fields)
    .map((s) => mrkdwn(`*${s.title} (${s.count})*\n_${s.hint}_\n${sectionExamples(s)}`, SLACK_LIMITS.fieldText));
  return [{ type: "section", text: mrkdwn("*For the CMIO*"), fields }];
}

function youSaidWeDid(digest: Digest): Block[] {
  const done = digest.youSaidWeDid;
  if (!done.length) return [];
  const lines = done
    .slice(0, LIST_LIMIT)
    .map(
      (r) =>
        `• *${r.id}* ${slackText(r.summary, 200)}\n    :white_check_mark: ${slackText(r.resolution ?? "Resolved", 250)} · ${r.daysToResolve} d`,
    );
  return [section(`*You said, we did (${done.length} resolved)*\n${withMore(lines, done.length)}`)];
}

export function renderDigestBlocks(digest: Digest, options: { chartUrl: string | null }): DigestBlocks {
  const fields = kpis(digest).map((k) => mrkdwn(`*${k.label}*\n${k.value}  _${k.detail}_`, SLACK_LIMITS.fieldText));
  const narrative = digest.narrative.map((b) => `• ${slackText(b, 400)}`).join("\n");
  const blocks: Block[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clamp(`${TITLE} · ${digest.period}`, SLACK_LIMITS.headerText), emoji: true },
    },
    context(subtitle(digest)),
    { type: "section", fields: fields.slice(0, SLACK_LIMITS.fields) },
    ...attention(digest),
    ...(options.chartUrl
      ? [
          {
            type: "image",
            image_url: options.chartUrl,
            alt_text: `Reports per week over 12 weeks to ${digest.period}, the patient-safety reports of each week in red`,
          },
        ]
      : []),
    divider,
    ...safety(digest),
    ...(narrative ? [section(`*This week in brief*\n${narrative}`)] : []),
    ...where(digest),
    ...hotspotsAndThemes(digest),
    ...cmio(digest),
    ...youSaidWeDid(digest),
    divider,
    context(footerText(digest)),
  ];
  const text = `${TITLE} ${digest.period}: ${countText(digest.totals.reports, "report")}, ${digest.totals.patientSafety} patient-safety, ${digest.totals.openHighCritical} open critical/high`;
  return { text, blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
