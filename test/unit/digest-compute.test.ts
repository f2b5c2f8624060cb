import { defaultCatalogue } from "../../src/config/catalogue";
import { computeDigest, type DigestInput } from "../../src/domain/digest";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
import { buildClassifiedReport, buildReport } from "../fixtures/build-report";

const window = digestWindowForWeek("2026-W13", "Europe/Berlin"); // the spring-forward week
const at = (iso: string) => new Date(iso);
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    window,
    reports: [],
    previousCount: 0,
    openHighCritical: [],
    resolvedInWindow: [],
    trend: [],
    catalogue: defaultCatalogue(),
    generatedAt: hoursAfter(window.to, 7),
    ...overrides,
  };
}

describe("computeDigest", () => {
  it("an empty week gives zeros, nulls and empty lists, and still a trend entry for the week", () => {
    const d = computeDigest(input());
    expect(d.period).toBe("2026-W13");
    expect(d.totals).toEqual({
      reports: 0,
      previous: 0,
      change: 0,
      changePct: null,
      patientSafety: 0,
      patientSafetyUnresolved: 0,
      critical: 0,
      high: 0,
      unclassified: 0,
      resolved: 0,
      openHighCritical: 0,
    });
    expect(d.byKind).toEqual([]);
    expect(d.timings).toEqual({
      medianAckHours: null,
      acknowledgedCount: 0,
      medianResolveHours: null,
      resolvedCount: 0,
    });
    expect(d.themes).toEqual([]);
    expect(d.sections.map((s) => s.count)).toEqual([0, 0, 0, 0, 0]);
    expect(d.trend).toEqual([{ period: "2026-W13", from: window.from, counts: {}, total: 0, patientSafety: 0 }]);
    expect(d.attention).toEqual([]);
    expect(d.patientSafety).toEqual([]);
  });

  it("week-over-week change and percentage", () => {
    const reports = Array.from({ length: 6 }, () => buildClassifiedReport({ createdAt: at("2026-03-24T10:00:00Z") }));
    expect(computeDigest(input({ reports, previousCount: 4 })).totals).toMatchObject({
      reports: 6,
      previous: 4,
      change: 2,
      changePct: 50,
    });
    expect(computeDigest(input({ reports, previousCount: 9 })).totals).toMatchObject({ change: -3, changePct: -33 });
  });

  it("counts by kind, system, severity and unit; unclassified reports count as such", () => {
    const reports = [
      buildClassifiedReport(
        {},
        { kind: "disruption", system: "bcma", severity: "critical", location: "ICU", patientSafety: true },
      ),
      buildClassifiedReport({}, { kind: "disruption", system: "bcma", severity: "high", location: "icu" }),
      buildClassifiedReport({}, { kind: "access", system: "identity_access", severity: "low", location: null }),
      buildReport(),
    ];
    const catalogue = { ...defaultCatalogue(), units: [{ name: "ICU", aliases: ["icu", "intensive care"] }] };
    const d = computeDigest(input({ reports, catalogue }));
    expect(d.byKind.map((e) => [e.key, e.count])).toEqual([
      ["disruption", 2],
      ["access", 1],
      ["unclassified", 1],
    ]);
    expect(d.bySystem[0]).toMatchObject({ key: "bcma", count: 2 });
    expect(d.bySeverity.map((e) => [e.key, e.count])).toEqual([
      ["critical", 1],
      ["high", 1],
      ["medium", 0],
      ["low", 1],
      ["unclassified", 1],
    ]);
    expect(d.byUnit.map((e) => [e.label, e.count])).toEqual([
      ["ICU", 2],
      ["Unknown unit", 2],
    ]);
    expect(d.hotspots[0]).toMatchObject({ unit: "ICU", system: "bcma", count: 2, patientSafety: 1 });
    expect(d.totals).toMatchObject({ critical: 1, high: 1, unclassified: 1, patientSafety: 1 });
    expect(d.patientSafety.map((i) => i.id)).toEqual([reports[0]?.id]);
  });

  it("medians of time to acknowledge (acknowledged within the week) and to resolve", () => {
    const created = at("2026-03-23T08:00:00Z");
    const reports = [2, 4, 9].map((h) =>
      buildClassifiedReport({ createdAt: created, acknowledgedAt: hoursAfter(created, h) }),
    );
    reports.push(buildClassifiedReport({ createdAt: created, acknowledgedAt: hoursAfter(window.to, 1) })); // after the week
    const resolved = [10, 30, 50, 70].map((h) =>
      buildClassifiedReport({ createdAt: created, status: "resolved", resolvedAt: hoursAfter(created, h) }),
    );
    const d = computeDigest(input({ reports, resolvedInWindow: resolved }));
    expect(d.timings).toEqual({ medianAckHours: 4, acknowledgedCount: 3, medianResolveHours: 40, resolvedCount: 4 });
  });

  it("open critical/high items with their age in whole days at the end of the window, most severe first", () => {
    const old = buildClassifiedReport(
      { createdAt: at("2026-03-09T12:00:00Z"), status: "in_progress" },
      { severity: "high" },
    );
    const crit = buildClassifiedReport({ createdAt: at("2026-03-28T12:00:00Z") }, { severity: "critical" });
    const closed = buildClassifiedReport({ status: "resolved" }, { severity: "critical" });
    const d = computeDigest(input({ openHighCritical: [old, crit, closed] }));
    expect(d.openHighCritical.map((o) => [o.id, o.ageDays])).toEqual([
      [crit.id, 1],
      [old.id, 20],
    ]);
    expect(d.totals.openHighCritical).toBe(2);
  });

  it("recurring themes are clusters of two or more, largest first", () => {
    const head = buildClassifiedReport({}, { summary: "Label printer jams", location: "ED" });
    const big = [head, ...[1, 2].map(() => buildClassifiedReport({ clusterId: head.id }, { location: "4 West" }))];
    const pairHead = buildClassifiedReport({}, { summary: "Pump drug library out of date" });
    const pair = [pairHead, buildClassifiedReport({ clusterId: pairHead.id, status: "resolved" })];
    const single = buildClassifiedReport();
    const d = computeDigest(input({ reports: [single, ...pair, ...big] }));
    expect(d.themes.map((t) => [t.clusterId, t.size, t.summary])).toEqual([
      [head.id, 3, "Label printer jams"],
      [pairHead.id, 2, "Pump drug library out of date"],
    ]);
    expect(d.themes[0]?.units).toEqual(["4 West", "ED"]);
    expect(d.themes[1]?.open).toBe(1);
  });

  it("CMIO sections: training (incl. how-to confusion), terminology, data quality, data protection, workflow", () => {
    const reports: Report[] = [
      buildClassifiedReport({}, { kind: "training_need", summary: "Asks for training on the new MAR" }),
      buildClassifiedReport({}, { kind: "usability", summary: "Not sure how to print a wristband", tags: [] }),
      buildClassifiedReport({}, { kind: "usability", summary: "Too many clicks", tags: [] }),
      buildClassifiedReport({}, { kind: "terminology" }),
      buildClassifiedReport({}, { kind: "data_quality" }),
      buildClassifiedReport({}, { kind: "data_quality" }),
      buildClassifiedReport({}, { kind: "privacy_security", severity: "high" }),
      buildClassifiedReport({}, { kind: "workflow_gap" }),
    ];
    const d = computeDigest(input({ reports }));
    expect(Object.fromEntries(d.sections.map((s) => [s.id, s.count]))).toEqual({
      training: 2,
      terminology: 1,
      data_quality: 2,
      data_protection: 1,
      workflow: 1,
    });
    expect(d.sections[0]?.examples.map((e) => e.summary)).toContain("Not sure how to print a wristband");
  });

  it("you said, we did: resolved in the window, with the note from history", () => {
    const created = at("2026-03-20T08:00:00Z");
    const resolvedAt = at("2026-03-25T08:00:00Z");
    const done = buildClassifiedReport({
      createdAt: created,
      status: "resolved",
      resolvedAt,
      history: [
        { at: created, actor: "u", action: "reported", from: null, to: "new", note: null },
        {
          at: resolvedAt,
          actor: "it",
          action: "status",
          from: "in_progress",
          to: "resolved",
          note: " New scanner firmware ",
        },
      ],
    });
    const reopened = buildClassifiedReport({ status: "acknowledged", resolvedAt: at("2026-03-24T08:00:00Z") });
    const d = computeDigest(input({ resolvedInWindow: [done, reopened] }));
    expect(d.youSaidWeDid).toEqual([
      expect.objectContaining({ id: done.id, resolution: "New scanner firmware", daysToResolve: 5 }),
    ]);
    expect(d.totals.resolved).toBe(1);
  });

  it("12-week trend: earlier weeks as given, the digest's own week computed and last", () => {
    const earlier = Array.from({ length: 12 }, (_, i) => ({
      period: `2026-W${String(i + 1).padStart(2, "0")}`,
      from: digestWindowForWeek(`2026-W${String(i + 1).padStart(2, "0")}`, "Europe/Berlin").from,
      counts: { disruption: i },
      total: i,
    }));
    const reports = [buildClassifiedReport({}, { kind: "access", patientSafety: true }), buildReport()];
    const d = computeDigest(input({ reports, trend: earlier }));
    expect(d.trend).toHaveLength(12);
    expect(d.trend[0]?.period).toBe("2026-W02");
    expect(d.trend[11]).toEqual({
      period: "2026-W13",
      from: window.from,
      counts: { access: 1, unclassified: 1 },
      total: 2,
      patientSafety: 1,
    });
  });

  it("quotes the classifier's summary, never the reporter's raw text", () => {
    const r = buildClassifiedReport({}, { summary: "Scanner fails" });
    const json = JSON.stringify(computeDigest(input({ reports: [r], openHighCritical: [r] })));
    expect(json).not.toContain(r.text);
    expect(json).toContain("Scanner fails");
  });
});
