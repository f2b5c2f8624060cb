import { renderDigestChart, renderDigestChartSvg } from "../../src/adapters/digest/chart";
import { digestChartData, OTHER_SERIES, SAFETY_SERIES } from "../../src/adapters/digest/chart-spec";
import type { Digest } from "../../src/domain/digest";
import { sampleDigest } from "../fixtures/sample-digest";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("renderDigestChart", () => {
  it("renders a PNG of the 12-week trend with a patient-safety series, sized for a card, offline", async () => {
    const digest = await sampleDigest();
    const png = await renderDigestChart(digest);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // About a Teams card's width (460 + padding) at 1.5×: shown close to 1:1, its text stays legible.
    expect(png.readUInt32BE(16)).toBeGreaterThan(650);
    expect(png.readUInt32BE(16)).toBeLessThan(800);
    const svg = await renderDigestChartSvg(digest);
    for (const w of digest.trend) expect(svg).toContain(w.period.slice(5));
    expect(svg).toContain(SAFETY_SERIES);
    // Each week's total is written above its bar.
    for (const w of digest.trend) expect(svg).toContain(`>${w.total}</text>`);
  });

  it("splits each week's bar into its patient-safety reports and the others", () => {
    const digest = {
      trend: [
        { period: "2026-W46", from: new Date(0), counts: { disruption: 5 }, total: 5, patientSafety: 2 },
        { period: "2026-W47", from: new Date(0), counts: { usability: 3 }, total: 3, patientSafety: 0 },
      ],
    } as unknown as Digest;
    expect(digestChartData(digest).bars).toEqual([
      { week: "W46", series: SAFETY_SERIES, order: 0, count: 2 },
      { week: "W46", series: OTHER_SERIES, order: 1, count: 3 },
      { week: "W47", series: SAFETY_SERIES, order: 0, count: 0 },
      { week: "W47", series: OTHER_SERIES, order: 1, count: 3 },
    ]);
  });

  it("renders an empty week without failing", async () => {
    const png = await renderDigestChart(await sampleDigest({ perWeek: 0 }));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});
