/**
 * The embedded store keeps each report's cluster view in a column of its own (cluster_view), so
 * clustering does not take whole documents apart. A file made before that column existed gets it
 * at init, and its old rows (NULL there) still read back the same views from their documents.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import { SCHEMA_STATEMENTS } from "../../src/adapters/store/embedded/schema";
import { clusterView } from "../../src/domain/report-cluster-view";
import { silentLogger } from "../../src/ports/logger";
import { buildClassifiedReport } from "../fixtures/build-report";

const features = { key: "f1:3:abc", texts: [{ tokens: ["scan", "wristband"], grams: [" sc", "sca"] }] };
const report = buildClassifiedReport(
  {
    seq: 7,
    clusterId: "R-0007",
    clusterFeatures: features,
    history: [
      {
        at: new Date("2026-03-02T08:00:00Z"),
        actor: "slack:U1",
        action: "reported",
        from: null,
        to: "new",
        note: null,
      },
      {
        at: new Date("2026-03-02T08:01:00Z"),
        actor: "triage",
        action: "routed",
        from: null,
        to: "webchat:triage",
        note: null,
      },
    ],
  },
  { system: "bcma", location: "5 East", summary: "Scanners not reading wristbands" },
);

describe("embedded store: cluster_view column", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cluster-view-column-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("adds the column to a file made without it, and old rows read back the same views", async () => {
    // A file as the previous version made it: the reports table without cluster_view, one row.
    const old = new BetterSqlite3(path.join(dir, EMBEDDED_DB_FILE));
    for (const statement of SCHEMA_STATEMENTS) old.exec(statement.replace(/,\s*cluster_view TEXT/, ""));
    expect(old.prepare("SELECT name FROM pragma_table_info('reports')").all()).not.toContainEqual({
      name: "cluster_view",
    });
    const c = report.classification;
    old
      .prepare(
        `INSERT INTO reports (id, seq, version, created_at, status, system, kind, severity, unit, reporter_ref,
           cluster_id, classified, classify_state, intake_stage, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      )
      .run(
        report.id,
        report.seq,
        report.version,
        report.createdAt.getTime(),
        report.status,
        c?.system ?? null,
        c?.kind ?? null,
        c?.severity ?? null,
        c?.location ?? null,
        report.reporter.ref,
        report.clusterId,
        report.classifyJob.state,
        report.intake.stage,
        JSON.stringify(report),
      );
    old.close();

    const store = createEmbeddedStore({ dataDir: dir, logger: silentLogger });
    await store.init();
    await store.init(); // idempotent
    try {
      expect(await store.reports.findClusterViews({ system: "bcma" })).toEqual([clusterView(report)]);
      // A new write fills the column; the view it stores is the report's.
      const next = { ...report, version: report.version + 1 };
      expect(await store.reports.replace({ ...next }, report.version)).toBe(true);
      const db = (store.reports as unknown as { db: BetterSqlite3.Database }).db;
      const row = db.prepare("SELECT cluster_view FROM reports WHERE id = ?").get(report.id) as {
        cluster_view: string | null;
      };
      expect(row.cluster_view).not.toBeNull();
      expect(await store.reports.findClusterViews({ clusterId: "R-0007" })).toEqual([clusterView(next)]);
    } finally {
      await store.close();
    }
  });
});
