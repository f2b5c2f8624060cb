/**
 * Renders the digest chart offline, in process: Vega-Lite 5 spec → Vega view (no renderer) → SVG →
 * PNG with resvg. Fonts: the DejaVu/Liberation files Debian ships (fonts-dejavu-core), else the
 * system's fonts; nothing is downloaded.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { None, parse, View, type Runtime } from "vega";
import { compile } from "vega-lite";
import type { Digest } from "../../domain/digest";
import { CHART_FONT, digestChartData, digestChartSpec, isEmptyChart } from "./chart-spec";

export const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
];

export interface ChartOptions {
  /** Pixel scale of the PNG (1.5 keeps it sharp in Teams/Slack at a modest size). Default 1.5. */
  scale?: number;
  /** Font files to use; default: FONT_CANDIDATES that exist, else the system's fonts. */
  fontFiles?: string[];
}

/** Compiled and parsed specs by their JSON (they differ only in titles and kinds shown): compiling costs more than drawing. */
const runtimes = new Map<string, Runtime>();
const MAX_CACHED = 32;
const quiet = { level: () => quiet, error() {}, warn() {}, info() {}, debug() {} };

function runtimeFor(digest: Digest): Runtime {
  const spec = digestChartSpec(digest);
  const key = JSON.stringify(spec);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = parse(compile(spec, { logger: quiet as never }).spec);
    if (runtimes.size >= MAX_CACHED) runtimes.clear();
    runtimes.set(key, runtime);
  }
  return runtime;
}

export async function renderDigestChartSvg(digest: Digest): Promise<string> {
  const data = digestChartData(digest);
  const view = new View(runtimeFor(digest), { renderer: "none", logLevel: None });
  // The empty chart ("No reports in these 12 weeks") carries its text and has no data sources.
  if (!isEmptyChart(digest)) view.data("bars", data.bars).data("totals", data.totals);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG: reports per week over 12 weeks, the patient-safety share of each week in red. */
export async function renderDigestChart(digest: Digest, options: ChartOptions = {}): Promise<Buffer> {
  const svg = await renderDigestChartSvg(digest);
  const fontFiles = options.fontFiles ?? FONT_CANDIDATES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "zoom", value: options.scale ?? 1.5 },
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  return resvg.render().asPng();
}
