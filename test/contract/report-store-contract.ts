/** Contract for Store.reports: round-trips, sequence numbers, CAS, classification claims, queries. */
import type { Report } from "../../src/domain/report";
import { clusterView } from "../../src/domain/report-cluster-view";
import { factOf } from "../../src/domain/report-fact";
import { summarize } from "../../src/domain/report-summary";
import type { ReportQuery } from "../../src/ports/report-store";
import { buildClassifiedReport, buildReport } from "../fixtures/build-report";
import type { ContractContext } from "./store-contract";

const T0 = new Date("2025-03-03T00:00:00.000Z");
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const ids = (reports: readonly { id: string }[]): string[] => reports.map((r) => r.id);

export function reportStoreContract(ctx: ContractContext): void {
  const reports = () => ctx.sut().store.reports;

  describe("reports: storage", () => {
    it("round-trips a report with all its dates as Date objects", async () => {
      const report = buildClassifiedReport({
        seq: 1,
        createdAt: at(1),
        resolvedAt: at(90),
        acknowledgedAt: at(5),
        intake: { stage: "asking", questions: [], askedAt: at(2), messageRef: "msg-1" },
        redactions: { NAME: 2, MRN: 1 },
      });
      await reports().insert(report);
      const back = await reports().get(report.id);
      expect(back).toEqual(report);
      expect(back?.createdAt).toBeInstanceOf(Date);
      expect(back?.classification?.classifiedAt).toBeInstanceOf(Date);
      expect(back?.history[0]?.at).toBeInstanceOf(Date);
      expect(await reports().get("R-9999")).toBeNull();
    });

    it("refuses a second report with the same id (STORAGE_CONFLICT)", async () => {
      await reports().insert(buildReport({ seq: 7 }));
      await expect(reports().insert(buildReport({ seq: 7 }))).rejects.toMatchObject({ code: "STORAGE_CONFLICT" });
    });

    it("hands out unique sequence numbers under concurrency, ahead of stored reports", async () => {
      const seqs = await Promise.all(Array.from({ length: 12 }, () => reports().nextSeq()));
      expect(new Set(seqs).size).toBe(12);
      await reports().insertMany([buildReport({ seq: 500 }), buildReport({ seq: 501 })]);
      expect(await reports().nextSeq()).toBeGreaterThan(501);
    });
  });

  describe("reports: compare-and-swap replace", () => {
    it("replaces when the version matches and refuses a stale version", async () => {
      const report = buildReport({ seq: 1 });
      await reports().insert(report);
      expect(await reports().replace({ ...report, version: 1, status: "acknowledged" }, 0)).toBe(true);
      expect(await reports().replace({ ...report, version: 1, status: "resolved" }, 0)).toBe(false);
      expect(await reports().get(report.id)).toMatchObject({ version: 1, status: "acknowledged" });
      expect(await reports().replace({ ...report, id: "R-7777", version: 1 }, 0)).toBe(false);
    });

    it("keeps every queried field current across replaces that change some fields and not others", async () => {
      const report = buildClassifiedReport({ seq: 3, createdAt: at(1) });
      await reports().insert(report);
      const system = report.classification!.system;
      // 1: status only; 2: nothing indexed (assignee); 3: classification and resolution; 4: back to open.
      const v1 = { ...report, version: 1, status: "acknowledged" as const };
      const v2 = { ...v1, version: 2, assignee: "alice" };
      const v3 = {
        ...v2,
        version: 3,
        status: "resolved" as const,
        resolvedAt: at(30),
        classification: { ...report.classification!, system: "pacs" as const, kind: "usability" as const },
      };
      const v4 = { ...v3, version: 4, status: "in_progress" as const, resolvedAt: null };
      expect(await reports().replace(v1, 0)).toBe(true);
      expect(ids(await reports().find({ statusIn: ["acknowledged"] }))).toEqual([report.id]);
      expect(await reports().replace(v2, 1)).toBe(true);
      expect(await reports().replace(v3, 2)).toBe(true);
      expect(ids(await reports().find({ statusIn: ["acknowledged"] }))).toEqual([]);
      expect(ids(await reports().find({ system: "pacs", kind: "usability" }))).toEqual([report.id]);
      expect(ids(await reports().find({ resolvedFrom: at(0), resolvedTo: at(60) }))).toEqual([report.id]);
      if (system !== "pacs") expect(ids(await reports().find({ system }))).toEqual([]);
      expect(await reports().replace(v4, 3)).toBe(true);
      expect(ids(await reports().find({ resolvedFrom: at(0), resolvedTo: at(60) }))).toEqual([]);
      expect(ids(await reports().find({ statusIn: ["in_progress"], system: "pacs" }))).toEqual([report.id]);
      expect(await reports().get(report.id)).toEqual(v4);
      expect(await reports().replace({ ...v3, version: 4, status: "new" }, 3)).toBe(false);
    });

    it("lets exactly one of two concurrent writers win", async () => {
      const report = buildReport({ seq: 2 });
      await reports().insert(report);
      const results = await Promise.all([
        reports().replace({ ...report, version: 1, assignee: "alice" }, 0),
        reports().replace({ ...report, version: 1, assignee: "bob" }, 0),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? "alice" : "bob";
      expect(await reports().get(report.id)).toMatchObject({ version: 1, assignee: winner });
    });
  });

  describe("reports: classification claims", () => {
    it("claims the oldest pending report and fills the job fields", async () => {
      await reports().insertMany([
        buildReport({ seq: 2, createdAt: at(2) }),
        buildReport({ seq: 1, createdAt: at(1) }),
        buildClassifiedReport({ seq: 3, createdAt: at(0) }),
      ]);
      const claimed = await reports().claimForClassification("worker-a", at(10), 60_000);
      expect(claimed).toMatchObject({
        id: "R-0001",
        version: 1,
        classifyJob: { state: "claimed", attempts: 1, claimedBy: "worker-a", leaseUntil: at(11) },
      });
      expect(await reports().get("R-0001")).toEqual(claimed);
    });

    it("gives each report to exactly one of many concurrent claimers", async () => {
      await reports().insertMany([1, 2, 3].map((seq) => buildReport({ seq, createdAt: at(seq) })));
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => reports().claimForClassification(`w${i}`, at(10), 60_000)),
      );
      const won = claims.filter((c): c is Report => c !== null);
      expect(ids(won).sort()).toEqual(["R-0001", "R-0002", "R-0003"]);
    });

    it("re-claims only after the lease expired", async () => {
      await reports().insert(buildReport({ seq: 1 }));
      await reports().claimForClassification("a", at(0), 60_000);
      expect(await reports().claimForClassification("b", at(0.5), 60_000)).toBeNull();
      const again = await reports().claimForClassification("b", at(1), 60_000);
      expect(again?.classifyJob).toEqual({ state: "claimed", attempts: 2, claimedBy: "b", leaseUntil: at(2) });
      expect(again?.version).toBe(2);
    });
  });

  describe("reports: find and count", () => {
    const dataset = (): Report[] => [
      buildClassifiedReport({ seq: 1, createdAt: at(10), status: "new" }, { system: "ehr", kind: "disruption" }),
      buildClassifiedReport(
        { seq: 2, createdAt: at(20), status: "resolved", resolvedAt: at(25), reporter: rep("slack:u2") },
        { system: "bcma", severity: "critical", location: "ICU", patientSafety: true },
      ),
      buildClassifiedReport(
        { seq: 3, createdAt: at(30), status: "in_progress", clusterId: "R-0001", duplicateOf: "R-0001" },
        { system: "ehr", kind: "usability", severity: "low" },
      ),
      buildReport({
        seq: 4,
        createdAt: at(40),
        intake: { stage: "asking", questions: [], askedAt: at(41), messageRef: null },
      }),
      buildReport({ seq: 5, createdAt: at(50), reporter: rep("slack:u2") }),
    ];
    const rep = (ref: string) => ({ ref, anonymous: false, displayName: null });
    const cases: [string, ReportQuery, string[]][] = [
      ["no filter (newest first)", {}, ["R-0005", "R-0004", "R-0003", "R-0002", "R-0001"]],
      ["createdFrom inclusive / createdTo exclusive", { createdFrom: at(20), createdTo: at(40) }, ["R-0003", "R-0002"]],
      ["resolved range", { resolvedFrom: at(25), resolvedTo: at(26) }, ["R-0002"]],
      ["statusIn", { statusIn: ["resolved", "in_progress"] }, ["R-0003", "R-0002"]],
      ["statusIn empty", { statusIn: [] }, []],
      ["system", { system: "ehr" }, ["R-0003", "R-0001"]],
      ["kind", { kind: "usability" }, ["R-0003"]],
      ["severityIn", { severityIn: ["critical", "low"] }, ["R-0003", "R-0002"]],
      ["unit", { unit: "ICU" }, ["R-0002"]],
      ["patientSafety", { patientSafety: true }, ["R-0002"]],
      ["not patientSafety (classified only)", { patientSafety: false }, ["R-0003", "R-0001"]],
      ["reporterRef", { reporterRef: "slack:u2" }, ["R-0005", "R-0002"]],
      ["clusterId", { clusterId: "R-0001" }, ["R-0003", "R-0001"]],
      ["classified", { classified: true }, ["R-0003", "R-0002", "R-0001"]],
      ["not classified", { classified: false }, ["R-0005", "R-0004"]],
      ["intakeStage", { intakeStage: "asking" }, ["R-0004"]],
      ["askedBefore", { askedBefore: at(42) }, ["R-0004"]],
      ["askedBefore, too early", { askedBefore: at(41) }, []],
      ["combined (AND)", { system: "ehr", statusIn: ["new"], createdFrom: at(0) }, ["R-0001"]],
      ["oldest first with limit", { sort: "createdAsc", limit: 2 }, ["R-0001", "R-0002"]],
      ["newest first with limit", { sort: "createdDesc", limit: 1 }, ["R-0005"]],
    ];
    it.each(cases)("%s", async (_title, query, expected) => {
      await reports().insertMany(dataset());
      expect(ids(await reports().find(query))).toEqual(expected);
      const { limit: _limit, ...unlimited } = query;
      expect(await reports().count(unlimited)).toBe(_limit === undefined ? expected.length : 5);
    });
  });

  describe("reports: digest projections (findSummaries, countByKind)", () => {
    const week = (): Report[] => [
      buildClassifiedReport(
        {
          seq: 1,
          createdAt: at(10),
          status: "resolved",
          acknowledgedAt: at(12),
          resolvedAt: at(30),
          clusterId: "R-0001",
          history: [
            { at: at(10), actor: "teams:u1", action: "reported", from: null, to: "new", note: null },
            { at: at(30), actor: "it:bob", action: "status", from: "new", to: "resolved", note: "Rebooted the PC" },
          ],
        },
        { kind: "disruption", severity: "critical", patientSafety: true, location: "ICU", tags: ["freeze", "pc"] },
      ),
      buildClassifiedReport({ seq: 2, createdAt: at(20), status: "new" }, { kind: "disruption" }),
      buildClassifiedReport({ seq: 3, createdAt: at(30), status: "in_progress" }, { kind: "usability" }),
      buildReport({ seq: 4, createdAt: at(40) }),
      buildClassifiedReport({ seq: 5, createdAt: at(500) }, { kind: "terminology" }),
    ];

    it("returns the same reports as find, as summaries with real Dates, in the same order", async () => {
      const stored = week();
      await reports().insertMany(stored);
      const queries: ReportQuery[] = [
        { createdFrom: at(0), createdTo: at(100), sort: "createdAsc" },
        { statusIn: ["new", "in_progress"], severityIn: ["high", "critical"] },
        { resolvedFrom: at(30), resolvedTo: at(31) },
        { sort: "createdDesc", limit: 2 },
      ];
      for (const query of queries) {
        const full = await reports().find(query);
        const summaries = await reports().findSummaries(query);
        expect(summaries).toEqual(full.map(summarize));
      }
      const [first] = await reports().findSummaries({ createdFrom: at(10), createdTo: at(11) });
      expect(first).toEqual(summarize(stored[0] as Report));
      expect(first?.createdAt).toBeInstanceOf(Date);
      expect(first?.resolvedAt).toBeInstanceOf(Date);
      expect(first?.history.at(-1)).toEqual({ to: "resolved", note: "Rebooted the PC" });
      const unclassified = await reports().findSummaries({ classified: false });
      expect(unclassified).toEqual([expect.objectContaining({ id: "R-0004", classification: null })]);
    });

    it("carries the safety event in the summary when a report has one", async () => {
      const base = buildClassifiedReport(
        { seq: 9, createdAt: at(5) },
        { patientSafety: true, system: "infusion_pump" },
      );
      const safetyEvent = {
        eventClass: "near_miss" as const,
        reachedPatient: false,
        harm: "none" as const,
        medication: true,
        nccMerp: "B" as const,
        answer: "near_miss" as const,
        recordedAt: at(6),
        recordedBy: "teams:nurse",
      };
      await reports().insert({ ...base, safetyEvent });
      const [summary] = await reports().findSummaries({ createdFrom: at(5), createdTo: at(6) });
      expect(summary?.safetyEvent).toEqual(safetyEvent);
      expect(summary?.safetyEvent?.recordedAt).toBeInstanceOf(Date);
    });

    it("counts per kind in one grouped query, unclassified apart, matching count()", async () => {
      await reports().insertMany(week());
      const range = { createdFrom: at(0), createdTo: at(100) };
      expect(await reports().countByKind(range)).toEqual({ disruption: 2, usability: 1, unclassified: 1 });
      expect(await reports().countByKind({})).toEqual({
        disruption: 2,
        usability: 1,
        terminology: 1,
        unclassified: 1,
      });
      expect(await reports().countByKind({ createdFrom: at(1000) })).toEqual({});
      expect(await reports().count(range)).toBe(4);
    });

    it("returns the same reports as find, as dashboard facts (findFacts), instants in epoch ms", async () => {
      const stored = week();
      await reports().insertMany(stored);
      const queries: ReportQuery[] = [
        { createdFrom: at(0), createdTo: at(100), sort: "createdAsc" },
        { unit: "ICU", patientSafety: true },
        { system: "ehr", kind: "disruption", severityIn: ["high"] },
        { sort: "createdDesc", limit: 2 },
      ];
      for (const query of queries) {
        const full = await reports().find(query);
        expect(await reports().findFacts(query)).toEqual(full.map(factOf));
      }
      const [first] = await reports().findFacts({ createdFrom: at(10), createdTo: at(11) });
      expect(first).toEqual({
        id: "R-0001",
        createdAt: at(10).getTime(),
        status: "resolved",
        kind: "disruption",
        system: "ehr",
        severity: "critical",
        unit: "ICU",
        patientSafety: true,
        tags: ["freeze", "pc"],
        acknowledgedAt: at(12).getTime(),
        resolvedAt: at(30).getTime(),
      });
      const [unclassified] = await reports().findFacts({ classified: false });
      expect(unclassified).toMatchObject({ id: "R-0004", kind: null, unit: null, patientSafety: false, tags: [] });
    });

    it("skips a corrupt document in summaries too, and logs its id", async () => {
      await reports().insertMany([
        buildReport({ seq: 1, createdAt: at(1) }),
        buildReport({ seq: 3, createdAt: at(3) }),
      ]);
      await ctx.sut().writeCorruptReport("R-0002", 2, at(2));
      expect(ids(await reports().findSummaries({ sort: "createdAsc" }))).toEqual(["R-0001", "R-0003"]);
      expect(ctx.logs().some((e) => e.level === "error" && JSON.stringify(e).includes("R-0002"))).toBe(true);
    });
  });

  describe("reports: clustering projection (findClusterViews)", () => {
    it("returns the same reports as find, as cluster views, with stored features and history actions", async () => {
      const features = { key: "f1:3:abc", texts: [{ tokens: ["scan", "wristband"], grams: [" sc", "sca"] }] };
      const stored = [
        buildClassifiedReport(
          {
            seq: 1,
            createdAt: at(1),
            clusterId: "R-0001",
            clusterFeatures: features,
            history: [
              { at: at(1), actor: "slack:U1", action: "reported", from: null, to: "new", note: null },
              { at: at(2), actor: "triage", action: "routed", from: null, to: "webchat:triage", note: null },
            ],
          },
          { system: "bcma", location: "5 East", summary: "Scanners not reading wristbands" },
        ),
        buildClassifiedReport({ seq: 2, createdAt: at(2), clusterId: "R-0001" }, { system: "bcma", location: null }),
        buildClassifiedReport({ seq: 3, createdAt: at(3), status: "resolved" }, { system: "ehr" }),
        buildReport({ seq: 4, createdAt: at(4) }),
      ];
      await reports().insertMany(stored);
      const queries: ReportQuery[] = [
        { system: "bcma", statusIn: ["new"], classified: true, createdFrom: at(0), sort: "createdDesc", limit: 300 },
        { clusterId: "R-0001", limit: 500 },
        { sort: "createdAsc" },
        { limit: 0 },
      ];
      for (const query of queries) {
        const full = await reports().find(query);
        expect(await reports().findClusterViews(query)).toEqual(full.map(clusterView));
      }
      const [first] = await reports().findClusterViews({ clusterId: "R-0001", sort: "createdAsc" });
      expect(first).toMatchObject({
        id: "R-0001",
        unit: "5 East",
        summary: "Scanners not reading wristbands",
        actions: ["reported", "routed"],
        clusterFeatures: features,
      });
      const [unclassified] = await reports().findClusterViews({ classified: false });
      expect(unclassified).toMatchObject({ id: "R-0004", summary: null, unit: null, clusterFeatures: null });
    });

    it("lists only ids and reporter refs for the same queries (findReporters)", async () => {
      await reports().insertMany([
        buildClassifiedReport({ seq: 1, createdAt: at(1), clusterId: "R-0001" }, { system: "bcma" }),
        buildClassifiedReport(
          {
            seq: 2,
            createdAt: at(2),
            clusterId: "R-0001",
            reporter: { ref: "slack:U2", anonymous: false, displayName: "Other Nurse" },
          },
          { system: "bcma" },
        ),
        buildClassifiedReport({ seq: 3, createdAt: at(3), clusterId: "R-0003" }, { system: "ehr" }),
      ]);
      for (const query of [
        { clusterId: "R-0001", limit: 500 },
        { sort: "createdAsc" },
        { limit: 1 },
        { limit: 0 },
      ] as ReportQuery[]) {
        const full = await reports().find(query);
        expect(await reports().findReporters(query)).toEqual(
          full.map((r) => ({ id: r.id, reporterRef: r.reporter.ref })),
        );
      }
      expect(await reports().findReporters({ clusterId: "R-0001", sort: "createdAsc" })).toEqual([
        { id: "R-0001", reporterRef: expect.any(String) },
        { id: "R-0002", reporterRef: "slack:U2" },
      ]);
    });

    it("skips a corrupt document in cluster views too", async () => {
      await reports().insertMany([
        buildReport({ seq: 1, createdAt: at(1) }),
        buildReport({ seq: 3, createdAt: at(3) }),
      ]);
      await ctx.sut().writeCorruptReport("R-0002", 2, at(2));
      expect(ids(await reports().findClusterViews({ sort: "createdAsc" }))).toEqual(["R-0001", "R-0003"]);
    });
  });

  describe("reports: invalid documents", () => {
    it("skips a corrupt document on read, logs its id, and keeps serving the others", async () => {
      await reports().insertMany([
        buildReport({ seq: 1, createdAt: at(1) }),
        buildReport({ seq: 3, createdAt: at(3) }),
      ]);
      await ctx.sut().writeCorruptReport("R-0002", 2, at(2));
      expect(await reports().get("R-0002")).toBeNull();
      expect(ids(await reports().find({ sort: "createdAsc" }))).toEqual(["R-0001", "R-0003"]);
      const claimed = [
        await reports().claimForClassification("w", at(5), 60_000),
        await reports().claimForClassification("w", at(5), 60_000),
        await reports().claimForClassification("w", at(5), 60_000),
      ];
      expect(claimed.map((c) => c?.id ?? null)).toEqual(["R-0001", "R-0003", null]);
      const errorsAbout = (id: string) =>
        ctx.logs().filter((e) => e.level === "error" && JSON.stringify(e).includes(id)).length;
      const logged = errorsAbout("R-0002");
      expect(logged).toBeGreaterThan(0);
      // It leaves the classification queue (quarantined) instead of being re-read by every claim.
      expect(await reports().claimForClassification("w", at(500), 60_000)).toMatchObject({ id: "R-0001" });
      expect(await reports().claimForClassification("w", at(500), 60_000)).toMatchObject({ id: "R-0003" });
      expect(errorsAbout("R-0002")).toBe(logged);
    });
  });
}
