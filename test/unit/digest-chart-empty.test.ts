import { renderDigestChart, renderDigestChartSvg } from "../../src/adapters/digest/chart";
import { isEmptyChart, NO_REPORTS_TEXT } from "../../src/adapters/digest/chart-spec";
import { sampleDigest } from "../fixtures/sample-digest";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("digest chart with no reports in the 12 weeks", () => {
  it("says so plainly instead of drawing a lone 0 axis, and still renders a PNG", async () => {
    const digest = await sampleDigest({ perWeek: 0 });
    expect(isEmptyChart(digest)).toBe(true);
    const svg = await renderDigestChartSvg(digest);
    expect(svg).toContain("No reports in these 12 weeks");
    expect(svg).toContain(`12 weeks to ${digest.period.slice(5)}`);
    // No axes: no "Reports" axis title and no tick labels of a zero scale.
    expect(svg).not.toContain(">Reports<");
    expect(svg).not.toMatch(/>0<\/text>/);
    const png = await renderDigestChart(digest);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBeGreaterThan(650); // 460 + padding, at 1.5×
  });

  it("draws the usual chart as soon as one week has a report", async () => {
    const digest = await sampleDigest({ perWeek: 1 });
    expect(isEmptyChart(digest)).toBe(false);
    const svg = await renderDigestChartSvg(digest);
    expect(svg).not.toContain(NO_REPORTS_TEXT);
    expect(svg).toContain("Patient safety");
  });
});
