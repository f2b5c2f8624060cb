/** Outbox on SQLite: the JSON document is the truth; state and times are mirrored in indexed columns. */
import type { Database } from "better-sqlite3";
import { claimedOutbox, failedOutbox, sentOutbox, type OutboxMessage } from "../../../domain/outbox";
import type { Logger } from "../../../ports/logger";
import type { OutboxStore } from "../../../ports/side-stores";
import { parseJsonText, readOutboxMessage } from "../document-codec";
import { run } from "./sqlite-errors";

interface OutboxRow {
  key: string;
  doc: string;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

export class SqliteOutboxStore implements OutboxStore {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  enqueue(message: OutboxMessage): Promise<boolean> {
    return run("enqueue an outbox message", () => {
      const result = this.db
        .prepare("INSERT OR IGNORE INTO outbox (key, state, next_attempt_at, lease_until, doc) VALUES (?, ?, ?, ?, ?)")
        .run(
          message.key,
          message.state,
          message.nextAttemptAt.getTime(),
          ms(message.leaseUntil),
          JSON.stringify(message),
        );
      return result.changes === 1;
    });
  }

  enqueueOrReplacePending(message: OutboxMessage): Promise<boolean> {
    return run("enqueue or replace an outbox message", () =>
      this.db
        .transaction((): boolean => {
          const row = this.db.prepare("SELECT key, doc FROM outbox WHERE key = ?").get(message.key) as
            OutboxRow | undefined;
          if (!row) {
            this.db
              .prepare("INSERT INTO outbox (key, state, next_attempt_at, lease_until, doc) VALUES (?, ?, ?, ?, ?)")
              .run(
                message.key,
                message.state,
                message.nextAttemptAt.getTime(),
                ms(message.leaseUntil),
                JSON.stringify(message),
              );
            return true;
          }
          const current = this.decode(row);
          if (!current || current.state !== "pending" || current.attempts > 0) return false;
          this.write({ ...current, message: message.message, replaceRef: message.replaceRef });
          return true;
        })
        .immediate(),
    );
  }

  /** Claimed messages come back with state "sending", the lease set and `attempts` already counting this try. */
  claimDue(_owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    return run("claim due outbox messages", () =>
      this.db
        .transaction((): OutboxMessage[] => {
          const t = now.getTime();
          const rows = this.db
            .prepare(
              `SELECT key, doc FROM outbox
               WHERE (state = 'pending' AND next_attempt_at <= @t) OR (state = 'sending' AND lease_until <= @t)
               ORDER BY next_attempt_at ASC, key ASC LIMIT @limit`,
            )
            .all({ t, limit: Math.max(0, Math.floor(limit)) }) as OutboxRow[];
          const claimed: OutboxMessage[] = [];
          for (const row of rows) {
            const current = this.decode(row);
            if (!current) continue;
            const next = claimedOutbox(current, now, leaseMs);
            this.write(next);
            claimed.push(next);
          }
          return claimed;
        })
        .immediate(),
    );
  }

  markSent(key: string, now: Date): Promise<void> {
    return this.update("mark an outbox message sent", key, (m) => sentOutbox(m, now));
  }

  markFailed(key: string, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    return this.update("mark an outbox message failed", key, (m) => failedOutbox(m, error, nextAttemptAt, dead));
  }

  get(key: string): Promise<OutboxMessage | null> {
    return run("read an outbox message", () => {
      const row = this.db.prepare("SELECT key, doc FROM outbox WHERE key = ?").get(key) as OutboxRow | undefined;
      return row ? this.decode(row) : null;
    });
  }

  private update(action: string, key: string, change: (m: OutboxMessage) => OutboxMessage): Promise<void> {
    return run(action, () =>
      this.db
        .transaction(() => {
          const row = this.db.prepare("SELECT key, doc FROM outbox WHERE key = ?").get(key) as OutboxRow | undefined;
          const current = row ? this.decode(row) : null;
          if (current) this.write(change(current));
        })
        .immediate(),
    );
  }

  private write(message: OutboxMessage): void {
    this.db
      .prepare("UPDATE outbox SET state = ?, next_attempt_at = ?, lease_until = ?, doc = ? WHERE key = ?")
      .run(
        message.state,
        message.nextAttemptAt.getTime(),
        ms(message.leaseUntil),
        JSON.stringify(message),
        message.key,
      );
  }

  private decode(row: OutboxRow): OutboxMessage | null {
    return readOutboxMessage(parseJsonText(row.doc), row.key, this.logger);
  }
}
