import type { AuditEvent } from "../domain/audit";
import type { OutboxMessage } from "../domain/outbox";

export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  listForReport(reportId: string): Promise<AuditEvent[]>;
}

/** Channel conversation references (opaque JSON), to message a reporter or a channel later. */
export interface ConversationStore {
  save(key: string, reference: Record<string, unknown>, now: Date): Promise<void>;
  get(key: string): Promise<Record<string, unknown> | null>;
}

export interface LeaseStore {
  /** True when `owner` now holds lease `name` until now+ttlMs (free, expired, or already its own). */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

export interface IdempotencyStore {
  /** True the first time a key is seen, false on every later call (any instance). */
  firstTime(key: string, now: Date): Promise<boolean>;
  /** True when `key` was recorded (by firstTime or claim). Reads only. */
  seen(key: string): Promise<boolean>;
  /**
   * A keyed claim: records `value` under `key` unless the key exists (any instance, atomically).
   * Null when recorded now; otherwise the value recorded first ("" for a key recorded by firstTime).
   * Intake claims a platform delivery id with the report id it is about to write, so a retry after
   * a crash between the two writes the same report id again (and a duplicate insert is refused).
   */
  claim(key: string, value: string, now: Date): Promise<string | null>;
}

export type DigestRunClaim = "claimed" | "already_sent" | "in_progress";

/** One row per (period, destination): the digest is sent exactly once. */
export interface DigestRunStore {
  /** Claims the run unless it was sent, or another owner holds an unexpired claim. */
  claim(period: string, destination: string, owner: string, now: Date, ttlMs: number): Promise<DigestRunClaim>;
  markSent(period: string, destination: string, owner: string, now: Date): Promise<void>;
  /** Periods already sent to a destination (newest first). */
  sentPeriods(destination: string, limit: number): Promise<string[]>;
}

export interface OutboxStore {
  /** Stores the message unless one with the same key exists. True if stored now. */
  enqueue(message: OutboxMessage): Promise<boolean>;
  /**
   * Coalescing: stores the message, or, while one with the same key is still pending and never
   * tried, replaces its content (message and replaceRef) and keeps its schedule. False when one
   * with that key was already claimed, sent or failed (the caller queues under another key).
   */
  enqueueOrReplacePending(message: OutboxMessage): Promise<boolean>;
  /**
   * Atomically claims up to `limit` due messages (pending and nextAttemptAt <= now, or sending with an
   * expired lease). Claimed messages come back as "sending" with `attempts` already counting this try.
   */
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  markSent(key: string, now: Date): Promise<void>;
  /** Back to pending with a later nextAttemptAt, or "dead" when `dead` is true. */
  markFailed(key: string, error: string, nextAttemptAt: Date, dead: boolean): Promise<void>;
  get(key: string): Promise<OutboxMessage | null>;
}
