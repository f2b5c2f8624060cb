/**
 * SQLite schema of the embedded store. Documents are kept whole as JSON in `doc`; the columns
 * beside it copy the fields that queries filter or sort on, so those queries use an index.
 * Instants are stored as epoch milliseconds (INTEGER), so range queries are index range scans.
 * Every statement is idempotent (`IF NOT EXISTS`), so init() can run on every start.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    system TEXT,
    kind TEXT,
    severity TEXT,
    unit TEXT,
    reporter_ref TEXT NOT NULL,
    cluster_id TEXT,
    classified INTEGER NOT NULL,
    classify_state TEXT NOT NULL,
    lease_until INTEGER,
    resolved_at INTEGER,
    intake_stage TEXT NOT NULL,
    asked_at INTEGER,
    doc TEXT NOT NULL,
    cluster_view TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS reports_created ON reports (created_at, seq)`,
  `CREATE INDEX IF NOT EXISTS reports_status_created ON reports (status, created_at)`,
  // The digest: kinds per trend week (covering), open reports by severity without reading the others.
  `CREATE INDEX IF NOT EXISTS reports_created_kind ON reports (created_at, kind)`,
  `CREATE INDEX IF NOT EXISTS reports_status_severity ON reports (status, severity, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_system_created ON reports (system, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_unit_created ON reports (unit, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_reporter_created ON reports (reporter_ref, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_cluster ON reports (cluster_id, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_classify ON reports (classify_state, created_at)`,
  `CREATE INDEX IF NOT EXISTS reports_resolved ON reports (resolved_at)`,
  `CREATE INDEX IF NOT EXISTS reports_intake ON reports (intake_stage, asked_at)`,
  // The dashboard's facts (sqlite-report-store.ts FACT_COLUMNS), covering: a year of reports is read
  // from this index alone, without a page of the documents. The expressions must stay the same text.
  `CREATE INDEX IF NOT EXISTS reports_facts ON reports (created_at, seq, id, status, kind, system, severity, unit,
    resolved_at, json_extract(doc, '$.classification.patientSafety'), json_extract(doc, '$.classification.tags'),
    json_extract(doc, '$.acknowledgedAt'))`,
  `CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit_events (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS audit_events_report ON audit_events (report_id, at)`,
  `CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, reference TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, lease_until INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT PRIMARY KEY, first_seen_at INTEGER NOT NULL)`,
  // What a keyed claim recorded (IdempotencyStore.claim); a table of its own so older files need no migration.
  `CREATE TABLE IF NOT EXISTS idempotency_values (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS digest_runs (
    period TEXT NOT NULL,
    destination TEXT NOT NULL,
    state TEXT NOT NULL,
    owner TEXT NOT NULL,
    lease_until INTEGER NOT NULL,
    sent_at INTEGER,
    PRIMARY KEY (period, destination)
  )`,
  `CREATE INDEX IF NOT EXISTS digest_runs_sent ON digest_runs (destination, state, sent_at)`,
  `CREATE TABLE IF NOT EXISTS outbox (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    doc TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS outbox_lease ON outbox (state, lease_until)`,
];

/**
 * Columns added after a table was first created: init() adds each one a file lacks (SQLite has no
 * ADD COLUMN IF NOT EXISTS). Rows written before hold NULL there, and readers fall back for them.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  // JSON of the report's ReportClusterView, written with every row: clustering reads it instead of
  // taking text, summary, features and history apart from each whole document (in SQLite's JSON code).
  { table: "reports", column: "cluster_view", type: "TEXT" },
];
