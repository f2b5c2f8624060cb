import { renderDigestChart, renderDigestChartSvg } from "../../src/adapters/digest/chart";
import { sampleDigest } from "../fixtures/sample-digest";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("renderDigestChart", () => {
  it("renders a PNG of the trend and top systems, offline", async () => {
    const digest = await sampleDigest();
    const png = await renderDigestChart(digest);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width at 1.5× scale
    const svg = await renderDigestChartSvg(digest);
    for (const w of digest.trend) expect(svg).toContain(w.period.slice(5));
    expect(svg).toContain(`Top systems in ${digest.period.slice(5)}`);
    expect(svg).toContain(`${digest.bySystem[0]?.label} (${digest.bySystem[0]?.count})`);
  });

  it("renders an empty week without failing", async () => {
    const png = await renderDigestChart(await sampleDigest({ perWeek: 0 }));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});
