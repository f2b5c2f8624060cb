import { buildDigest, TREND_WEEKS } from "../../src/app/build-digest";
import { silentLogger } from "../../src/ports/logger";
import { memoryReportStore, sampleCatalogue, sampleReports } from "../fixtures/sample-digest";

describe("buildDigest", () => {
  it("uses only indexed range/status queries and grouped counts, and agrees with the stored reports", async () => {
    const { reports, window } = sampleReports();
    const store = memoryReportStore(reports);
    const digest = await buildDigest(
      { reports: store, catalogue: sampleCatalogue(), narrator: null, logger: silentLogger },
      window,
      new Date(window.to.getTime() + 3_600_000),
    );
    const inWeek = reports.filter((r) => r.createdAt >= window.from && r.createdAt < window.to);
    expect(digest.totals.reports).toBe(inWeek.length);
    expect(digest.trend).toHaveLength(TREND_WEEKS);
    expect(digest.trend[TREND_WEEKS - 1]?.total).toBe(inWeek.length);
    expect(digest.totals.previous).toBe(digest.trend[TREND_WEEKS - 2]?.total);
    for (const w of digest.trend) expect(Object.values(w.counts).reduce((s, n) => s + (n ?? 0), 0)).toBe(w.total);
    expect(digest.narrativeSource).toBe("template");
    // Three finds (created range, open high/critical, resolved range) and one grouped count per earlier week.
    const finds = store.queries.filter((q) => q.createdFrom || q.statusIn || q.resolvedFrom);
    expect(store.queries).toHaveLength(3 + (TREND_WEEKS - 1));
    expect(finds.every((q) => q.createdFrom || q.resolvedFrom || (q.statusIn && q.severityIn))).toBe(true);
  });
});
