/**
 * The digest chart as a Vega-Lite 5 spec (pure data), drawn for a Teams card (about 500 px wide):
 * one panel, reports per week over 12 weeks, each bar split into patient-safety reports (red, at the
 * bottom) and the others, with the week's total above it. Kinds and systems are in the digest's text.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Digest } from "../../domain/digest";

export const CHART_FONT = "DejaVu Sans";
/** Logical width of the chart (before the PNG scale): about a Teams card's width. */
export const CHART_WIDTH = 460;

export const SAFETY_SERIES = "Patient safety";
export const OTHER_SERIES = "Other reports";
const SERIES_COLOURS = { [SAFETY_SERIES]: "#c62828", [OTHER_SERIES]: "#90a4be" };

/** "W47" from "2026-W47". */
function shortWeek(period: string): string {
  return period.slice(5);
}

export interface ChartData {
  bars: { week: string; series: string; order: number; count: number }[];
  totals: { week: string; total: number }[];
}

/** The rows the chart draws, kept apart from the spec so a compiled spec can be reused. */
export function digestChartData(digest: Digest): ChartData {
  return {
    bars: digest.trend.flatMap((w) => {
      const safety = Math.min(w.total, w.patientSafety ?? 0);
      return [
        { week: shortWeek(w.period), series: SAFETY_SERIES, order: 0, count: safety },
        { week: shortWeek(w.period), series: OTHER_SERIES, order: 1, count: w.total - safety },
      ];
    }),
    totals: digest.trend.map((w) => ({ week: shortWeek(w.period), total: w.total })),
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
  axis: { labelFontSize: 13, titleFontSize: 13, titleColor: "#444", labelColor: "#333", gridColor: "#eee" },
  legend: { labelFontSize: 13, titleFontSize: 13, orient: "top", direction: "horizontal", symbolType: "square" },
  title: { fontSize: 15, anchor: "start", color: "#222" },
} as const;

/** The chart of a quiet quarter: its title and a plain statement, no data sources. */
function emptyChartSpec(digest: Digest): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    background: "#ffffff",
    padding: 12,
    config: CONFIG,
    title: `Reports per week (12 weeks to ${shortWeek(digest.period)})`,
    width: CHART_WIDTH,
    height: 160,
    view: { stroke: "#dddddd", fill: "#fafafa" },
    data: { values: [{ message: NO_REPORTS_TEXT }] },
    mark: { type: "text", fontSize: 16, color: "#555", align: "center", baseline: "middle" },
    encoding: { text: { field: "message", type: "nominal" } },
  };
}

/**
 * The spec, with named data sources "bars" and "totals" filled at run time (digestChartData);
 * with no reports in the 12 weeks, a chart that says so (and has no data sources).
 */
export function digestChartSpec(digest: Digest): TopLevelSpec {
  if (isEmptyChart(digest)) return emptyChartSpec(digest);
  const weekOrder = digest.trend.map((w) => shortWeek(w.period));
  const x = {
    field: "week",
    type: "ordinal",
    scale: { domain: weekOrder },
    title: null,
    axis: { labelAngle: 0 },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    background: "#ffffff",
    padding: 12,
    config: CONFIG,
    title: `Reports per week, 12 weeks to ${shortWeek(digest.period)}`,
    width: CHART_WIDTH,
    height: 150,
    layer: [
      {
        data: { name: "bars" },
        mark: { type: "bar", width: { band: 0.75 } },
        encoding: {
          x,
          y: {
            field: "count",
            type: "quantitative",
            aggregate: "sum",
            title: null,
            axis: { tickMinStep: 1, tickCount: 4 },
          },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: {
              domain: [SAFETY_SERIES, OTHER_SERIES],
              range: [SERIES_COLOURS[SAFETY_SERIES], SERIES_COLOURS[OTHER_SERIES]],
            },
          },
          order: { field: "order", type: "quantitative" },
          tooltip: [{ field: "week" }, { field: "series" }, { field: "count" }],
        },
      },
      {
        data: { name: "totals" },
        mark: { type: "text", dy: -7, fontSize: 12, color: "#333" },
        encoding: { x, y: { field: "total", type: "quantitative" }, text: { field: "total", type: "quantitative" } },
      },
    ],
  };
}
