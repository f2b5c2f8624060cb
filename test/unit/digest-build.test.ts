import { buildDigest, TREND_WEEKS } from "../../src/app/digest/build-digest";
import { canonicalUnit, unitOf } from "../../src/domain/digest-stats";
import { defaultCatalogue } from "../../src/config/catalogue";
import { previousWindow, trailingWindows } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
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
    // The patient-safety series: every week counted, as the stored reports say.
    const weeks = trailingWindows(window, TREND_WEEKS);
    expect(digest.trend.map((w) => w.patientSafety)).toEqual(
      weeks.map(
        (w) =>
          reports.filter((r) => r.classification?.patientSafety && r.createdAt >= w.from && r.createdAt < w.to).length,
      ),
    );
    expect(digest.trend.some((w) => (w.patientSafety ?? 0) > 0)).toBe(true);
    // Four finds (created range of the week and of the week before, open high/critical, resolved range)
    // and per older trend week one grouped count and one count of patient-safety reports.
    const finds = store.queries.filter((q) => q.createdFrom || q.statusIn || q.resolvedFrom);
    expect(store.queries).toHaveLength(4 + 2 * (TREND_WEEKS - 2));
    expect(finds.every((q) => q.createdFrom || q.resolvedFrom || (q.statusIn && q.severityIn))).toBe(true);
  });

  it("previous-week counts per kind, system and unit come from the calendar week before (across a DST change)", async () => {
    // 2026-W43 ends with the change back to winter time in Berlin: it lasts 169 hours.
    const { reports, window } = sampleReports({ week: "2026-W44", timeZone: "Europe/Berlin" });
    const prev = previousWindow(window);
    expect(prev.to.getTime() - prev.from.getTime()).toBe(169 * 3_600_000);
    const store = memoryReportStore(reports);
    const catalogue = sampleCatalogue();
    const digest = await buildDigest(
      { reports: store, catalogue, narrator: null, logger: silentLogger },
      window,
      new Date(window.to.getTime() + 3_600_000),
    );
    expect(store.queries).toContainEqual(expect.objectContaining({ createdFrom: prev.from, createdTo: prev.to }));
    const lastWeek = reports.filter((r) => r.createdAt >= prev.from && r.createdAt < prev.to);
    const countOf = (pick: (r: Report) => string | undefined, key: string) =>
      lastWeek.filter((r) => pick(r) === key).length;
    for (const e of digest.bySystem) expect(e.previous).toBe(countOf((r) => r.classification?.system, e.key));
    for (const e of digest.byKind) expect(e.previous).toBe(countOf((r) => r.classification?.kind, e.key));
    for (const e of digest.byUnit)
      expect(e.previous).toBe(countOf((r) => unitOf(catalogue, r) ?? "Unknown unit", e.key));
    expect(digest.totals.previous).toBe(lastWeek.length);
    for (const r of digest.risers) expect(r.count - r.previous).toBeGreaterThanOrEqual(2);
  });
});

describe("one spelling per unit", () => {
  const catalogue = defaultCatalogue();
  it("numbered wings, case and punctuation variants count as one unit; catalogue names win", () => {
    for (const typed of ["4W", "4 west", "4-West", "4 WEST", "4w"])
      expect(canonicalUnit(catalogue, typed)).toBe("4 West");
    expect(canonicalUnit(catalogue, "5n")).toBe("5 North");
    expect(canonicalUnit(catalogue, "ward 7b")).toBe(canonicalUnit(catalogue, "Ward 7B"));
    expect(canonicalUnit(catalogue, "cardiac  step-down unit")).toBe("Cardiac Step Down Unit");
    expect(canonicalUnit(catalogue, "AMU")).toBe("AMU");
    expect(canonicalUnit(catalogue, "uci")).toBe("ICU");
    expect(canonicalUnit(catalogue, "Cath Lab")).toBe("Cath lab");
    expect(canonicalUnit(catalogue, "  ")).toBeNull();
  });
});
