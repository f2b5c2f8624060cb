/**
 * The dashboard's pure parts: small-cell suppression (on hand-made and random hospitals), the
 * percentiles, and the CSV's quoting and formula guard.
 */
import type restify from "restify";
import { defaultCatalogue } from "../../src/config/catalogue";
import { computeDashboard } from "../../src/domain/dashboard/compute-dashboard";
import { dashboardCsv } from "../../src/domain/dashboard/dashboard-csv";
import type { DashboardView } from "../../src/domain/dashboard/dashboard-view";
import { totalBeside, unitCount } from "../../src/domain/dashboard/small-cells";
import { digestWindowForWeek, trailingWindows } from "../../src/domain/iso-week";
import { quickReportFact, ReportFactSchema, type ReportFact } from "../../src/domain/report-fact";
import { seededRandom } from "../../src/domain/seeded-random";
import { isLoopbackClient } from "../../src/http/dashboard-routes";

const windows = trailingWindows(digestWindowForWeek("2026-W48", "UTC"), 12);
const catalogue = defaultCatalogue();

function fact(i: number, over: Partial<ReportFact>): ReportFact {
  return {
    id: `R-${String(i).padStart(4, "0")}`,
    createdAt: windows[i % 12]!.from.getTime() + 3_600_000,
    status: "new",
    kind: "disruption",
    system: "ehr",
    severity: "high",
    unit: "ICU",
    patientSafety: false,
    tags: [],
    acknowledgedAt: null,
    resolvedAt: null,
    ...over,
  };
}

describe("small cells", () => {
  it('shows 1 and 2 as "<3" only where a unit is named; 0 and 3 stay', () => {
    expect([0, 1, 2, 3].map((n) => unitCount(n, true).shown)).toEqual(["0", "<3", "<3", "3"]);
    expect([1, 2].map((n) => unitCount(n, false).shown)).toEqual(["1", "2"]);
  });

  it("prints a total beside suppressed cells as a bound that subtraction cannot undo", () => {
    const parts = [unitCount(5, true), unitCount(2, true), unitCount(1, true)];
    expect(totalBeside(8, parts, true)).toEqual({ value: null, shown: "≥7", withheld: "bound", atLeast: 7 });
    // ≥7 is what the cells already say (5 + at least 1 + at least 1): the true 8 is not given away.
    expect(totalBeside(8, [unitCount(5, true), unitCount(3, true)], true)).toEqual({ value: 8, shown: "8" });
    expect(totalBeside(2, [unitCount(2, true)], true).shown).toBe("<3");
  });

  it("random hospitals: no 1 or 2 printed where a unit is named, and no exact total beside a suppressed cell", () => {
    const rand = seededRandom(7);
    const units = ["ICU", "ED", "4 West", "Oncology", "OR"];
    const systems = ["ehr", "bcma", "printer", "network"];
    for (let round = 0; round < 40; round++) {
      const facts = Array.from({ length: Math.floor(rand() * 60) }, (_, i) =>
        fact(i, {
          unit: units[Math.floor(rand() * rand() * units.length)]!,
          system: systems[Math.floor(rand() * systems.length)]!,
          patientSafety: rand() < 0.2,
          tags: [rand() < 0.5 ? "freeze" : "login"],
        }),
      );
      const unit = rand() < 0.5 ? units[Math.floor(rand() * units.length)] : undefined;
      const v = computeDashboard({ catalogue, windows, facts, filters: unit ? { unit } : {}, drill: {} });
      const counts = [
        ...v.hotspots.cells.map((c) => c.reports),
        ...v.hotspots.units.map((u) => u.reports),
        ...(unit ? [...v.trend.flatMap((w) => [w.reports, w.safety]), ...v.themes.map((t) => t.reports)] : []),
        ...(unit ? [v.totals.reports, v.totals.safety, v.totals.open] : []),
      ];
      for (const c of counts) expect([1, 2]).not.toContain(c.value);
      const lines = [
        ...v.hotspots.units.map((u) => ({
          total: u.reports,
          cells: v.hotspots.cells.filter((c) => c.unit === u.unit),
        })),
        ...v.hotspots.systems.map((s) => ({
          total: s.reports,
          cells: v.hotspots.cells.filter((c) => c.system === s.system),
        })),
        { total: v.hotspots.total, cells: v.hotspots.cells },
      ];
      for (const line of lines) if (line.cells.some((c) => c.reports.withheld)) expect(line.total.value).toBeNull();
      if (unit && v.trend.some((w) => w.reports.withheld)) expect(v.totals.reports.value).toBeNull();
    }
  });

  it("median and nearest-rank p90 of the hours to acknowledge", () => {
    const facts = Array.from({ length: 10 }, (_, i) => {
      const f = fact(i, { unit: null });
      return { ...f, acknowledgedAt: f.createdAt + (i + 1) * 3_600_000 };
    });
    const v = computeDashboard({ catalogue, windows, facts, filters: {}, drill: {} });
    expect(v.times.acknowledge).toEqual({ reports: { value: 10, shown: "10" }, medianHours: 5.5, p90Hours: 9 });
    expect(v.times.resolve).toEqual({ reports: { value: 0, shown: "0" }, medianHours: null, p90Hours: null });
  });
});

describe("dashboard CSV", () => {
  it("quotes commas, quotes and line breaks, and keeps reporter text from running as a formula", () => {
    const facts = [fact(1, {})];
    const figures = computeDashboard({ catalogue, windows, facts, filters: {}, drill: {} });
    const view: DashboardView = {
      ...figures,
      reports: {
        matching: 2,
        shown: 2,
        items: ['=HYPERLINK("http://x")', 'says "hi", then\nleaves'].map((text, i) => ({
          id: `R-000${i + 1}`,
          createdAt: "2026-11-23T10:00:00.000Z",
          week: "2026-W48",
          unit: "ICU",
          system: "ehr",
          systemLabel: "EHR",
          kind: "disruption",
          severity: "high",
          patientSafety: false,
          status: "new",
          statusLabel: "New",
          text,
          history: [],
        })),
      },
    };
    const csv = dashboardCsv(view);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")"\r\n`);
    expect(csv).toContain(`,"says ""hi"", then\nleaves"\r\n`);
  });
});

describe("loopback clients", () => {
  const req = (remoteAddress: string | undefined) => ({ socket: { remoteAddress } }) as unknown as restify.Request;
  it("knows 127.0.0.0/8, ::1 and IPv4-mapped loopback; nothing else", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackClient(req(a))).toBe(true);
    for (const a of ["10.0.0.5", "::ffff:10.0.0.5", "192.168.1.1", "fe80::1", "", undefined])
      expect(isLoopbackClient(req(a))).toBe(false);
  });
});

describe("report facts read back from a store", () => {
  it("the quick check accepts and rejects exactly what ReportFactSchema does, with the same result", () => {
    const good = {
      id: "R-0042",
      createdAt: 1_790_000_000_000,
      status: "resolved",
      kind: "access",
      system: "ehr",
      severity: "low",
      unit: "ICU",
      patientSafety: false,
      tags: ["login"],
      acknowledgedAt: "2026-09-21T10:00:00.000Z",
      resolvedAt: new Date("2026-09-22T10:00:00Z"),
    };
    const variants: Record<string, unknown>[] = [
      good,
      {
        ...good,
        kind: null,
        system: null,
        severity: null,
        unit: null,
        acknowledgedAt: null,
        resolvedAt: null,
        tags: [],
      },
      { ...good, id: "X-1" },
      { ...good, status: "lost" },
      { ...good, kind: "gossip" },
      { ...good, severity: "urgent" },
      { ...good, system: 7 },
      { ...good, unit: ["ICU"] },
      { ...good, patientSafety: 1 },
      { ...good, tags: "login" },
      { ...good, tags: [1] },
      { ...good, createdAt: null },
      { ...good, createdAt: "yesterday" },
      { ...good, acknowledgedAt: "soon" },
      { ...good, resolvedAt: {} },
    ];
    for (const raw of variants) {
      const schema = ReportFactSchema.safeParse(raw);
      expect(quickReportFact(raw)).toEqual(schema.success ? schema.data : undefined);
    }
    expect(quickReportFact(good)?.resolvedAt).toBe(Date.parse("2026-09-22T10:00:00Z"));
  });
});
