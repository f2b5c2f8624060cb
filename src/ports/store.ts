import type { ReportStore } from "./report-store";
import type {
  AuditLog,
  ConversationStore,
  DigestRunStore,
  IdempotencyStore,
  LeaseStore,
  OutboxStore,
} from "./side-stores";

/** Everything the core persists, behind one handle. Implemented by the embedded and MongoDB stores. */
export interface Store {
  readonly kind: "embedded" | "mongodb";
  /** One line for logs and /readyz, e.g. "embedded (SQLite at ./data/bot.db)". Never contains secrets. */
  describe(): string;
  /** Creates tables/collections and indexes. Idempotent. */
  init(): Promise<void>;
  /** Throws StorageError when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly reports: ReportStore;
  readonly audit: AuditLog;
  readonly conversations: ConversationStore;
  readonly leases: LeaseStore;
  readonly idempotency: IdempotencyStore;
  readonly digestRuns: DigestRunStore;
  readonly outbox: OutboxStore;
}
