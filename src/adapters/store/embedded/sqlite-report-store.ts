/** ReportStore on SQLite. better-sqlite3 is synchronous, and read-modify-write runs in IMMEDIATE transactions. */
import type { Database } from "better-sqlite3";
import { AppError } from "../../../domain/errors";
import { claimedForClassification, type Report } from "../../../domain/report";
import type { Logger } from "../../../ports/logger";
import type { ReportClusterView } from "../../../domain/report-cluster-view";
import type { ReportSummary } from "../../../domain/report-summary";
import { KINDS, type Kind } from "../../../domain/taxonomy";
import type { ReportFact } from "../../../domain/report-fact";
import {
  isPresent,
  parseJsonText,
  readReport,
  readReportClusterView,
  readReportFact,
  readReportSummary,
} from "../document-codec";
import type { KindCounts, ReportQuery, ReportStore, ReporterOfReport } from "../../../ports/report-store";
import { INDEXED_COLUMNS, REPORT_COLUMNS, narrowUpdate, reportOrder, reportRow, reportWhere } from "./report-sql";
import { run } from "./sqlite-errors";

const INSERT_SQL = `INSERT INTO reports (${REPORT_COLUMNS.join(", ")}) VALUES (${REPORT_COLUMNS.map((c) => `@${c}`).join(", ")})`;
const STORED_COLUMNS_SQL = `SELECT ${INDEXED_COLUMNS.join(", ")} FROM reports WHERE id = ?`;
const BUMP_SEQ_SQL = `INSERT INTO counters (name, value) VALUES ('reports', ?)
  ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`;
/** How many candidates one claim looks at before giving up (only invalid documents are skipped). */
const CLAIM_CANDIDATES = 20;

interface DocRow {
  id: string;
  doc: string;
}

/**
 * ReportClusterView as written with the row (cluster_view); for rows written before that column
 * existed, the columns and JSON paths it is made of (SQLite reads the JSON, in C).
 */
const CLUSTER_VIEW_COLUMNS = `id, cluster_id, status, reporter_ref, unit, cluster_view,
  CASE WHEN cluster_view IS NULL THEN json_extract(doc, '$.text') END AS text,
  CASE WHEN cluster_view IS NULL THEN json_extract(doc, '$.classification.summary') END AS summary,
  CASE WHEN cluster_view IS NULL THEN json_extract(doc, '$.clusterFeatures') END AS features,
  CASE WHEN cluster_view IS NULL THEN
    (SELECT json_group_array(json_extract(value, '$.action')) FROM json_each(doc, '$.history')) END AS actions`;

interface ClusterViewRow {
  id: string;
  cluster_id: string | null;
  status: string;
  reporter_ref: string;
  unit: string | null;
  cluster_view: string | null;
  text: unknown;
  summary: unknown;
  features: string | null;
  actions: string | null;
}

/**
 * Columns and JSON paths of ReportFact, in the order of the covering index reports_facts (schema.ts):
 * the expressions are the index's, so SQLite reads their stored values instead of parsing documents.
 */
const FACT_COLUMNS = `id, created_at, status, kind, system, severity, unit, resolved_at,
  json_extract(doc, '$.classification.patientSafety'),
  json_extract(doc, '$.classification.tags'),
  json_extract(doc, '$.acknowledgedAt')`;

/** A row of FACT_COLUMNS, read as an array (no object per row). */
type FactRow = [
  id: string,
  createdAt: number,
  status: string,
  kind: string | null,
  system: string | null,
  severity: string | null,
  unit: string | null,
  resolvedAt: number | null,
  safety: number | null,
  tags: string | null,
  acknowledgedAt: string | null,
];

/** What a cluster view row says, before validation. */
function rawClusterView(row: ClusterViewRow): unknown {
  if (row.cluster_view !== null) return parseJsonText(row.cluster_view);
  return {
    id: row.id,
    clusterId: row.cluster_id,
    status: row.status,
    reporterRef: row.reporter_ref,
    unit: row.unit,
    text: row.text,
    summary: row.summary,
    actions: row.actions === null ? [] : parseJsonText(row.actions),
    clusterFeatures: row.features === null ? null : parseJsonText(row.features),
  };
}

export class SqliteReportStore implements ReportStore {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  nextSeq(): Promise<number> {
    return run("allocate a report number", () => {
      const row = this.db
        .prepare(
          `INSERT INTO counters (name, value) VALUES ('reports', 1)
           ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
        )
        .get() as { value: number };
      return row.value;
    });
  }

  insert(report: Report): Promise<void> {
    return this.insertMany([report]);
  }

  insertMany(reports: readonly Report[]): Promise<void> {
    return run(`insert ${reports.length} report(s)`, () => {
      const insert = this.db.prepare(INSERT_SQL);
      const bump = this.db.prepare(BUMP_SEQ_SQL);
      this.db
        .transaction(() => {
          let maxSeq = 0;
          for (const report of reports) {
            insert.run(reportRow(report));
            maxSeq = Math.max(maxSeq, report.seq);
          }
          // Keeps nextSeq ahead of every stored number, even for seeded reports.
          if (maxSeq > 0) bump.run(maxSeq);
        })
        .immediate();
    });
  }

  get(id: string): Promise<Report | null> {
    return run("read a report", () => {
      const row = this.db.prepare("SELECT id, doc FROM reports WHERE id = ?").get(id) as DocRow | undefined;
      return row ? this.decode(row) : null;
    });
  }

  replace(next: Report, expectedVersion: number): Promise<boolean> {
    return run("update a report", () => {
      if (next.version !== expectedVersion + 1) {
        throw new AppError(
          "INTERNAL",
          `replace(${next.id}): version must be ${expectedVersion + 1}, got ${next.version}`,
        );
      }
      return this.db.transaction(() => this.write(next, expectedVersion)).immediate();
    });
  }

  claimForClassification(owner: string, now: Date, leaseMs: number): Promise<Report | null> {
    return run("claim a report for classification", () =>
      this.db
        .transaction((): Report | null => {
          const candidates = this.db
            .prepare(
              `SELECT id, doc FROM reports
               WHERE classify_state = 'pending' OR (classify_state = 'claimed' AND lease_until <= ?)
               ORDER BY created_at ASC, seq ASC LIMIT ?`,
            )
            .all(now.getTime(), CLAIM_CANDIDATES) as DocRow[];
          for (const row of candidates) {
            const current = this.decode(row);
            if (!current) {
              // Quarantine: an unreadable report leaves the queue instead of blocking it (the row stays for repair).
              this.db.prepare("UPDATE reports SET classify_state = 'invalid' WHERE id = ?").run(row.id);
              continue;
            }
            const claimed = claimedForClassification(current, owner, now, leaseMs);
            this.write(claimed, current.version);
            return claimed;
          }
          return null;
        })
        .immediate(),
    );
  }

  /** Writes `next` over version `expectedVersion` (inside the caller's transaction); false when that version is gone. */
  private write(next: Report, expectedVersion: number): boolean {
    const stored = this.db.prepare(STORED_COLUMNS_SQL).get(next.id) as Record<string, unknown> | undefined;
    if (!stored || stored["version"] !== expectedVersion) return false;
    const row = reportRow(next);
    return this.db.prepare(narrowUpdate(stored, row)).run({ ...row, expectedVersion }).changes === 1;
  }

  find(query: ReportQuery): Promise<Report[]> {
    return run("list reports", () =>
      this.docRows(query)
        .map((row) => this.decode(row))
        .filter(isPresent),
    );
  }

  findSummaries(query: ReportQuery): Promise<ReportSummary[]> {
    return run("list report summaries", () =>
      this.docRows(query)
        .map((row) => readReportSummary(parseJsonText(row.doc), row.id, this.logger))
        .filter(isPresent),
    );
  }

  findClusterViews(query: ReportQuery): Promise<ReportClusterView[]> {
    return run("list reports for clustering", () => {
      const where = reportWhere(query);
      const limit = query.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
      const rows = this.db
        .prepare(
          `SELECT ${CLUSTER_VIEW_COLUMNS} FROM reports WHERE ${where.sql} ORDER BY ${reportOrder(query)}${limit}`,
        )
        .all(...where.params) as ClusterViewRow[];
      return rows.map((row) => readReportClusterView(rawClusterView(row), row.id, this.logger)).filter(isPresent);
    });
  }

  findFacts(query: ReportQuery): Promise<ReportFact[]> {
    return run("list report facts", () => {
      const where = reportWhere(query);
      const limit = query.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
      const rows = this.db
        .prepare(`SELECT ${FACT_COLUMNS} FROM reports WHERE ${where.sql} ORDER BY ${reportOrder(query)}${limit}`)
        .raw()
        .all(...where.params) as FactRow[];
      const facts: ReportFact[] = [];
      for (const [id, createdAt, status, kind, system, severity, unit, resolvedAt, safety, tags, ackAt] of rows) {
        const fact = readReportFact(
          {
            id,
            createdAt,
            status,
            kind,
            system,
            severity,
            unit,
            patientSafety: safety === 1,
            tags: tags === null ? [] : parseJsonText(tags),
            acknowledgedAt: ackAt,
            resolvedAt,
          },
          id,
          this.logger,
        );
        if (fact) facts.push(fact);
      }
      return facts;
    });
  }

  findReporters(query: ReportQuery): Promise<ReporterOfReport[]> {
    return run("list reporters", () => {
      const where = reportWhere(query);
      const limit = query.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
      const rows = this.db
        .prepare(`SELECT id, reporter_ref FROM reports WHERE ${where.sql} ORDER BY ${reportOrder(query)}${limit}`)
        .all(...where.params) as { id: string; reporter_ref: string }[];
      return rows.map((row) => ({ id: row.id, reporterRef: row.reporter_ref }));
    });
  }

  countByKind(query: ReportQuery): Promise<KindCounts> {
    return run("count reports by kind", () => {
      const where = reportWhere(query);
      const rows = this.db
        .prepare(`SELECT kind, count(*) AS n FROM reports WHERE ${where.sql} GROUP BY kind`)
        .all(...where.params) as { kind: string | null; n: number }[];
      const counts: KindCounts = {};
      for (const { kind, n } of rows) {
        // The kind column copies classification.kind; anything else counts as unclassified.
        const key = kind !== null && KINDS.includes(kind as Kind) ? (kind as Kind) : "unclassified";
        counts[key] = (counts[key] ?? 0) + n;
      }
      return counts;
    });
  }

  private docRows(query: ReportQuery): DocRow[] {
    const where = reportWhere(query);
    const limit = query.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    return this.db
      .prepare(`SELECT id, doc FROM reports WHERE ${where.sql} ORDER BY ${reportOrder(query)}${limit}`)
      .all(...where.params) as DocRow[];
  }

  count(query: ReportQuery): Promise<number> {
    return run("count reports", () => {
      const where = reportWhere(query);
      const row = this.db.prepare(`SELECT count(*) AS n FROM reports WHERE ${where.sql}`).get(...where.params) as {
        n: number;
      };
      return row.n;
    });
  }

  private decode(row: DocRow): Report | null {
    return readReport(parseJsonText(row.doc), row.id, this.logger);
  }
}
