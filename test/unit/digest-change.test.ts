import { defaultCatalogue } from "../../src/config/catalogue";
import { computeDigest, type DigestInput } from "../../src/domain/digest";
import { digestWindowForWeek, previousWindow, type DigestWindow } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
import { buildClassifiedReport, buildReport } from "../fixtures/build-report";

const HOUR = 3_600_000;
const catalogue = { ...defaultCatalogue(), units: [{ name: "ICU", aliases: ["icu"] }] };

function input(window: DigestWindow, overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    window,
    reports: [],
    previousCount: 0,
    openHighCritical: [],
    resolvedInWindow: [],
    trend: [],
    catalogue,
    generatedAt: window.to,
    ...overrides,
  };
}

const report = (createdAt: string | Date, system: string, location: string | null = "ICU", kind = "disruption") =>
  buildClassifiedReport({ createdAt: new Date(createdAt) }, { system, location, kind: kind as "disruption" });

const previousOf = (entries: { key: string; previous?: number }[], key: string) =>
  entries.find((e) => e.key === key)?.previous;

describe("week-over-week change per kind, system and unit", () => {
  it("spring forward: the previous week is the 167-hour calendar week, not the 168 hours before", () => {
    const window = digestWindowForWeek("2026-W14", "Europe/Berlin");
    const prev = previousWindow(window);
    expect((prev.to.getTime() - prev.from.getTime()) / HOUR).toBe(167);
    expect(prev.from.toISOString()).toBe("2026-03-22T23:00:00.000Z"); // Mon 23 Mar 00:00 CET
    const previousReports = [
      report("2026-03-22T22:30:00Z", "printer"), // Sun 22 Mar 23:30 CET: W12, yet within 168 h of window.from
      report("2026-03-22T23:30:00Z", "bcma"), // Mon 00:30 CET: first hour of W13
      report("2026-03-29T21:30:00Z", "bcma", "icu"), // Sun 23:30 CEST: last hour of W13
      report("2026-03-29T22:30:00Z", "printer"), // already W14
    ];
    const reports = [report("2026-03-31T08:00:00Z", "bcma"), report("2026-03-31T09:00:00Z", "printer", "ED")];
    const d = computeDigest(input(window, { reports, previousReports, previousCount: 2 }));
    expect(previousOf(d.bySystem, "bcma")).toBe(2);
    expect(previousOf(d.bySystem, "printer")).toBe(0);
    expect(previousOf(d.byUnit, "ICU")).toBe(2); // "icu" folds into the catalogue's unit
    expect(previousOf(d.byUnit, "ED")).toBe(0);
    expect(previousOf(d.byKind, "disruption")).toBe(2);
  });

  it("fall back: the previous week is the 169-hour calendar week, its first hour included", () => {
    const window = digestWindowForWeek("2026-W44", "Europe/Berlin");
    const prev = previousWindow(window);
    expect((prev.to.getTime() - prev.from.getTime()) / HOUR).toBe(169);
    const previousReports = [
      report("2026-10-18T22:30:00Z", "bcma"), // Mon 19 Oct 00:30 CEST: W43, more than 168 h before window.from
      report("2026-10-18T21:30:00Z", "bcma"), // Sun 18 Oct 23:30 CEST: W42
      report("2026-10-25T22:30:00Z", "bcma"), // Sun 25 Oct 23:30 CET: W43
    ];
    const d = computeDigest(
      input(window, { reports: [report("2026-10-27T08:00:00Z", "bcma")], previousReports, previousCount: 2 }),
    );
    expect(d.bySystem).toEqual([expect.objectContaining({ key: "bcma", count: 1, previous: 2 })]);
  });

  it("without the previous week's reports, kinds take the trend's week before and systems and units have none", () => {
    const window = digestWindowForWeek("2026-W14", "Europe/Berlin");
    const prev = previousWindow(window);
    const older = previousWindow(prev);
    const trend = [
      { period: older.period, from: older.from, counts: { access: 9 }, total: 9 },
      { period: prev.period, from: prev.from, counts: { disruption: 3 }, total: 3 },
    ];
    const reports = [report("2026-03-31T08:00:00Z", "bcma"), report("2026-03-31T08:00:00Z", "ehr", null, "access")];
    const d = computeDigest(input(window, { reports, trend, previousCount: 3 }));
    expect(d.byKind.map((e) => [e.key, e.count, e.previous])).toEqual([
      ["access", 1, 0],
      ["disruption", 1, 3],
    ]);
    expect(d.bySystem.every((e) => e.previous === undefined)).toBe(true);
    expect(d.byUnit.every((e) => e.previous === undefined)).toBe(true);
    expect(d.risers).toEqual([]);
  });

  it("risers: the 3 largest increases of 2 or more among systems and units, unknowns left out", () => {
    const window = digestWindowForWeek("2026-W47", "UTC");
    const at = (h: number) => new Date(window.from.getTime() + h * HOUR).toISOString();
    const before = (h: number) => new Date(window.from.getTime() - h * HOUR).toISOString();
    const reports: Report[] = [
      ...[1, 2, 3, 4, 5].map((h) => report(at(h), "ehr", "ICU")),
      report(at(6), "ehr", "4 West"),
      ...[7, 8, 9, 10].map((h) => report(at(h), "bcma", "4 West")),
      ...[11, 12, 13].map((h) => report(at(h), "printer", "ED")),
      ...[14, 15, 16].map((h) => buildReport({ createdAt: new Date(at(h)) })), // unknown system and unit: +3
    ];
    const previousReports = [
      report(before(1), "ehr", "ED"),
      report(before(2), "bcma", "4 West"),
      report(before(3), "bcma", "4 West"),
      report(before(4), "printer", "4 West"),
      report(before(5), "printer", "4 West"),
    ];
    const d = computeDigest(input(window, { reports, previousReports, previousCount: 5 }));
    // ehr +5, ICU +5, bcma +2, ED +2 (fewer reports than bcma), 4 West +1, printer +1.
    expect(d.risers).toEqual([
      { dimension: "system", key: "ehr", label: "Electronic health record", count: 6, previous: 1 },
      { dimension: "unit", key: "ICU", label: "ICU", count: 5, previous: 0 },
      expect.objectContaining({ dimension: "system", key: "bcma", count: 4, previous: 2 }),
    ]);
    expect(previousOf(d.byUnit, "Unknown unit")).toBe(0);
    expect(previousOf(d.bySystem, "unknown")).toBe(0);
  });

  it("no risers when nothing rose by 2 or more", () => {
    const window = digestWindowForWeek("2026-W47", "UTC");
    const d = computeDigest(
      input(window, {
        reports: [report(new Date(window.from.getTime() + HOUR), "ehr")],
        previousReports: [report(new Date(window.from.getTime() - HOUR), "ehr")],
        previousCount: 1,
      }),
    );
    expect(d.risers).toEqual([]);
    expect(d.bySystem[0]).toMatchObject({ key: "ehr", count: 1, previous: 1 });
  });
});
