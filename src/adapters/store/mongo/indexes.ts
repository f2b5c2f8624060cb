/**
 * Indexes created by init(). Unique and compound indexes only: no TTL, text or partial indexes,
 * so the same list works on MongoDB >= 6, FerretDB 1.24 and Cosmos DB for MongoDB. Every
 * multi-field sort the store issues has an index with exactly its keys (Cosmos DB requires that).
 */
import type { IndexDirection } from "mongodb";

export interface IndexSpec {
  collection: string;
  name: string;
  keys: Record<string, IndexDirection>;
  unique?: boolean;
}

export const COLLECTIONS = {
  reports: "reports",
  audit: "audit_events",
  conversations: "conversations",
  leases: "leases",
  idempotency: "idempotency_keys",
  digestRuns: "digest_runs",
  outbox: "outbox",
  counters: "counters",
  casGuards: "cas_guards",
  /** The report-number head, one document (report-numbers.ts). */
  reportSeq: "report_seq",
  /** Reports still to classify, deleted when done (classify-queue.ts). */
  classifyQueue: "classify_queue",
  /** Outbox messages still to send, deleted when sent or dead (outbox-queue.ts). */
  outboxQueue: "outbox_queue",
} as const;

const C = COLLECTIONS;

export const INDEXES: readonly IndexSpec[] = [
  { collection: C.reports, name: "id_unique", keys: { id: 1 }, unique: true },
  { collection: C.reports, name: "seq_unique", keys: { seq: 1 }, unique: true },
  { collection: C.reports, name: "created", keys: { createdAt: 1, seq: 1 } },
  {
    collection: C.reports,
    name: "status_system_created",
    keys: { status: 1, "classification.system": 1, createdAt: 1 },
  },
  { collection: C.reports, name: "system_created", keys: { "classification.system": 1, createdAt: 1 } },
  // The digest: kinds per trend week (covered by the index), open reports by severity.
  { collection: C.reports, name: "created_kind", keys: { createdAt: 1, "classification.kind": 1 } },
  {
    collection: C.reports,
    name: "status_severity_created",
    keys: { status: 1, "classification.severity": 1, createdAt: 1 },
  },
  { collection: C.reports, name: "reporter_created", keys: { "reporter.ref": 1, createdAt: 1 } },
  { collection: C.reports, name: "classify_lease", keys: { "classifyJob.state": 1, "classifyJob.leaseUntil": 1 } },
  { collection: C.reports, name: "cluster_created", keys: { clusterId: 1, createdAt: 1 } },
  { collection: C.reports, name: "resolved", keys: { resolvedAt: 1 } },
  { collection: C.reports, name: "intake_asked", keys: { "intake.stage": 1, "intake.askedAt": 1 } },
  { collection: C.audit, name: "id_unique", keys: { id: 1 }, unique: true },
  { collection: C.audit, name: "report_at", keys: { reportId: 1, at: 1 } },
  { collection: C.audit, name: "at_id", keys: { at: 1, _id: 1 } },
  { collection: C.idempotency, name: "key_unique", keys: { key: 1 }, unique: true },
  { collection: C.digestRuns, name: "period_destination_unique", keys: { period: 1, destination: 1 }, unique: true },
  { collection: C.digestRuns, name: "destination_state_period", keys: { destination: 1, state: 1, period: -1 } },
  { collection: C.digestRuns, name: "period", keys: { period: -1 } },
  { collection: C.outbox, name: "key_unique", keys: { key: 1 }, unique: true },
  { collection: C.outbox, name: "state_due", keys: { state: 1, nextAttemptAt: 1 } },
  { collection: C.outbox, name: "state_lease", keys: { state: 1, leaseUntil: 1 } },
  { collection: C.outbox, name: "due_order", keys: { nextAttemptAt: 1, _id: 1 } },
  // The work queues are small (what is still to do), so these only spare MongoDB a sort.
  { collection: C.classifyQueue, name: "created_seq", keys: { createdAt: 1, seq: 1 } },
  { collection: C.outboxQueue, name: "due_order", keys: { nextAttemptAt: 1, _id: 1 } },
];
