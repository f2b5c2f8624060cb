/**
 * The digest chart as a Vega-Lite 5 spec (pure data): on the left the 12-week trend of reports
 * stacked by kind, on the right this week's most reported systems.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Digest, KindKey } from "../../domain/digest";
import { KIND_LABELS, KINDS } from "../../domain/taxonomy";

export const CHART_FONT = "DejaVu Sans";
export const TOP_SYSTEMS = 6;

/** One colour per kind, stable across weeks (colour-blind friendly Tableau-like palette). */
export const KIND_COLOURS: Record<KindKey, string> = {
  disruption: "#d1495b",
  usability: "#edae49",
  data_quality: "#00798c",
  access: "#30638e",
  training_need: "#66a182",
  terminology: "#8d6a9f",
  privacy_security: "#2e4057",
  workflow_gap: "#e07a5f",
  other: "#9e9e9e",
  unclassified: "#cfcfcf",
};

const KIND_ORDER: KindKey[] = [...KINDS, "unclassified"];
const kindLabel = (k: KindKey) => (k === "unclassified" ? "Not yet classified" : KIND_LABELS[k]);

/** "W47" from "2026-W47". */
function shortWeek(period: string): string {
  return period.slice(5);
}

/** "Identity and access (SSO, badge, accounts)" → "Identity and access". */
function shortLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, "") || label;
}

function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export interface ChartData {
  trend: { week: string; kind: string; kindOrder: number; count: number }[];
  systems: { system: string; count: number }[];
}

/** The rows the chart draws, kept apart from the spec so a compiled spec can be reused. */
export function digestChartData(digest: Digest): ChartData {
  return {
    trend: digest.trend.flatMap((w) =>
      KIND_ORDER.filter((k) => (w.counts[k] ?? 0) > 0).map((k) => ({
        week: shortWeek(w.period),
        kind: kindLabel(k),
        kindOrder: KIND_ORDER.indexOf(k),
        count: w.counts[k] ?? 0,
      })),
    ),
    systems: digest.bySystem
      .slice(0, TOP_SYSTEMS)
      .map((s) => ({ system: `${truncate(shortLabel(s.label), 24)} (${s.count})`, count: s.count })),
  };
}

export const NO_REPORTS_TEXT = "No reports in these 12 weeks";

/** No report at all in the 12 weeks: the trend would be a lone 0 axis and the top systems empty. */
export function isEmptyChart(digest: Digest): boolean {
  return digest.trend.every((w) => Object.values(w.counts).every((n) => !n));
}

const CONFIG = {
  font: CHART_FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleColor: "#444", labelColor: "#444", gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom", columns: 4, symbolType: "square" },
  title: { fontSize: 14, anchor: "start", color: "#222" },
} as const;

/** The chart of a quiet quarter: its title and a plain statement, no data sources. */
function emptyChartSpec(digest: Digest): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    background: "#ffffff",
    padding: 12,
    config: CONFIG,
    title: `Reports per week (12 weeks to ${shortWeek(digest.period)})`,
    width: 640,
    height: 160,
    view: { stroke: "#dddddd", fill: "#fafafa" },
    data: { values: [{ message: NO_REPORTS_TEXT }] },
    mark: { type: "text", fontSize: 16, color: "#555", align: "center", baseline: "middle" },
    encoding: { text: { field: "message", type: "nominal" } },
  };
}

/**
 * The spec, with named data sources "trend" and "systems" filled at run time (digestChartData);
 * with no reports in the 12 weeks, a chart that says so (and has no data sources).
 */
export function digestChartSpec(digest: Digest): TopLevelSpec {
  if (isEmptyChart(digest)) return emptyChartSpec(digest);
  const present = KIND_ORDER.filter((k) => digest.trend.some((w) => (w.counts[k] ?? 0) > 0));
  const weekOrder = digest.trend.map((w) => shortWeek(w.period));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    background: "#ffffff",
    padding: 12,
    config: CONFIG,
    hconcat: [
      {
        title: `Reports per week, by kind (12 weeks to ${shortWeek(digest.period)})`,
        width: 430,
        height: 220,
        data: { name: "trend" },
        mark: { type: "bar", width: { band: 0.8 } },
        encoding: {
          x: { field: "week", type: "ordinal", scale: { domain: weekOrder }, title: null, axis: { labelAngle: 0 } },
          y: { field: "count", type: "quantitative", aggregate: "sum", title: "Reports", axis: { tickMinStep: 1 } },
          color: {
            field: "kind",
            type: "nominal",
            title: null,
            // An empty quarter still needs a colour domain, or the chart has no size.
            scale: present.length
              ? { domain: present.map(kindLabel), range: present.map((k) => KIND_COLOURS[k]) }
              : { domain: ["No reports"], range: [KIND_COLOURS.unclassified] },
          },
          order: { field: "kindOrder", type: "quantitative" },
          tooltip: [{ field: "week" }, { field: "kind" }, { field: "count" }],
        },
      },
      {
        title: `Top systems in ${shortWeek(digest.period)}`,
        width: 180,
        height: 220,
        data: { name: "systems" },
        mark: { type: "bar", color: "#30638e", height: { band: 0.7 } },
        encoding: {
          y: {
            field: "system",
            type: "nominal",
            sort: { field: "count", op: "sum", order: "descending" },
            title: null,
            axis: { labelLimit: 0, labelFontSize: 12 },
          },
          x: { field: "count", type: "quantitative", title: "Reports", axis: { tickMinStep: 1 } },
        },
      },
    ],
  };
}
