/** Audit log, conversation references and idempotency keys on SQLite. */
import type { Database } from "better-sqlite3";
import type { AuditEvent } from "../../../domain/audit";
import type { Logger } from "../../../ports/logger";
import type { AuditLog, ConversationStore, IdempotencyStore } from "../../../ports/side-stores";
import { isPresent, parseJsonText, readAuditEvent } from "../document-codec";
import { run } from "./sqlite-errors";

export class SqliteAuditLog implements AuditLog {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  append(event: AuditEvent): Promise<void> {
    return run("append an audit event", () => {
      this.db
        .prepare("INSERT INTO audit_events (id, report_id, at, doc) VALUES (?, ?, ?, ?)")
        .run(event.id, event.reportId, event.at.getTime(), JSON.stringify(event));
    });
  }

  listForReport(reportId: string): Promise<AuditEvent[]> {
    return run("list audit events", () => {
      const rows = this.db
        .prepare("SELECT id, doc FROM audit_events WHERE report_id = ? ORDER BY at ASC, rowid ASC")
        .all(reportId) as { id: string; doc: string }[];
      return rows.map((r) => readAuditEvent(parseJsonText(r.doc), r.id, this.logger)).filter(isPresent);
    });
  }
}

export class SqliteConversationStore implements ConversationStore {
  constructor(private readonly db: Database) {}

  save(key: string, reference: Record<string, unknown>, now: Date): Promise<void> {
    return run("save a conversation reference", () => {
      this.db
        .prepare(
          `INSERT INTO conversations (key, updated_at, reference) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at, reference = excluded.reference`,
        )
        .run(key, now.getTime(), JSON.stringify(reference));
    });
  }

  get(key: string): Promise<Record<string, unknown> | null> {
    return run("read a conversation reference", () => {
      const row = this.db.prepare("SELECT reference FROM conversations WHERE key = ?").get(key) as
        { reference: string } | undefined;
      if (!row) return null;
      const value = parseJsonText(row.reference);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    });
  }
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Database) {}

  firstTime(key: string, now: Date): Promise<boolean> {
    return run("record an idempotency key", () => {
      const result = this.db
        .prepare("INSERT OR IGNORE INTO idempotency_keys (key, first_seen_at) VALUES (?, ?)")
        .run(key, now.getTime());
      return result.changes === 1;
    });
  }

  seen(key: string): Promise<boolean> {
    return run("read an idempotency key", () =>
      Boolean(this.db.prepare("SELECT 1 FROM idempotency_keys WHERE key = ?").get(key)),
    );
  }

  claim(key: string, value: string, now: Date): Promise<string | null> {
    return run("claim an idempotency key", () =>
      this.db
        .transaction(() => {
          const inserted = this.db
            .prepare("INSERT OR IGNORE INTO idempotency_keys (key, first_seen_at) VALUES (?, ?)")
            .run(key, now.getTime());
          if (inserted.changes === 1) {
            this.db.prepare("INSERT OR REPLACE INTO idempotency_values (key, value) VALUES (?, ?)").run(key, value);
            return null;
          }
          const row = this.db.prepare("SELECT value FROM idempotency_values WHERE key = ?").get(key) as
            { value: string } | undefined;
          return row?.value ?? "";
        })
        .immediate(),
    );
  }
}
