/**
 * Outbox on MongoDB. `outbox` keeps every message (its unique `_id`, the key, makes an event go
 * out once); `outbox_queue` keeps only those still to send — the working copy, authoritative while
 * it exists — and loses each one when it is sent or given up, after its final state is written to
 * `outbox`. Claims read the queue only, so their cost follows the backlog, not the history
 * (FerretDB 1.24 on SQLite scans a collection for every filtered query, `_id` look-ups included).
 * Every state change is a guarded compare-and-swap on the entry's `v`.
 *
 * The entry is inserted before the message: a message never waits without one (a crash after the
 * entry leaves it for a key that is then refused, which is dropped at once or on the next start).
 */
import type { Collection, Filter, Sort } from "mongodb";
import { claimedOutbox, failedOutbox, sentOutbox, type OutboxMessage } from "../../../domain/outbox";
import type { Logger } from "../../../ports/logger";
import type { OutboxStore } from "../../../ports/side-stores";
import { readOutboxMessage } from "../document-codec";
import type { CompareAndSwap } from "./compare-and-swap";
import { guard, unlessDuplicate } from "./mongo-errors";

export type OutboxDoc = OutboxMessage & { _id: string; v: number; owner: string | null };

const MAX_ROUNDS = 8;

/** Messages due to be sent: pending and due, or claimed by a sender whose lease ran out. */
export function dueFilter(now: Date): Filter<OutboxDoc> {
  return {
    $or: [
      { state: "pending", nextAttemptAt: { $lte: now } },
      { state: "sending", leaseUntil: { $lte: now } },
    ],
  };
}
export const DUE_SORT: Sort = { nextAttemptAt: 1, _id: 1 };

const isFinal = (m: OutboxMessage): boolean => m.state === "sent" || m.state === "dead";

export class MongoOutboxStore implements OutboxStore {
  constructor(
    private readonly outbox: Collection<OutboxDoc>,
    private readonly queue: Collection<OutboxDoc>,
    private readonly cas: CompareAndSwap,
    private readonly logger: Logger,
  ) {}

  enqueue(message: OutboxMessage): Promise<boolean> {
    return guard("enqueue an outbox message", () => this.insertNew(message));
  }

  enqueueOrReplacePending(message: OutboxMessage): Promise<boolean> {
    return guard("enqueue or replace an outbox message", async () => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (await this.insertNew(message)) return true;
        // Known already: replaceable only while still queued, pending and never tried.
        const doc = await this.queue.findOne({ _id: message.key });
        if (!doc) {
          if (await this.outbox.findOne({ _id: message.key })) return false; // sent or given up
          continue;
        }
        const current = readOutboxMessage(doc, message.key, this.logger);
        if (!current || current.state !== "pending" || current.attempts > 0) return false;
        const next = { ...current, message: message.message, replaceRef: message.replaceRef };
        if (
          await this.cas.replace(this.queue, message.key, "v", doc.v, {
            ...next,
            _id: message.key,
            v: doc.v + 1,
            owner: null,
          })
        )
          return true;
      }
      return false;
    });
  }

  /** Claimed messages come back with state "sending", the lease set and `attempts` already counting this try. */
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    return guard("claim due outbox messages", async () => {
      const want = Math.max(0, Math.floor(limit));
      const claimed: OutboxMessage[] = [];
      for (let round = 0; round < 3 && claimed.length < want; round++) {
        const docs = await this.queue
          .find(dueFilter(now))
          .sort(DUE_SORT)
          .limit(want - claimed.length)
          .toArray();
        let contended = false;
        for (const doc of docs) {
          const current = readOutboxMessage(doc, doc._id, this.logger);
          if (!current) continue;
          const next = claimedOutbox(current, now, leaseMs);
          if (await this.cas.replace(this.queue, doc._id, "v", doc.v, { ...next, _id: doc._id, v: doc.v + 1, owner })) {
            claimed.push(next);
          } else {
            contended = true;
          }
        }
        if (!contended) break;
      }
      return claimed;
    });
  }

  markSent(key: string, now: Date): Promise<void> {
    return this.update("mark an outbox message sent", key, (m) => sentOutbox(m, now));
  }

  markFailed(key: string, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    return this.update("mark an outbox message failed", key, (m) => failedOutbox(m, error, nextAttemptAt, dead));
  }

  /** The working copy while queued, else the message as finally written. */
  get(key: string): Promise<OutboxMessage | null> {
    return guard("read an outbox message", async () => {
      const doc = (await this.queue.findOne({ _id: key })) ?? (await this.outbox.findOne({ _id: key }));
      return doc ? readOutboxMessage(doc, key, this.logger) : null;
    });
  }

  /**
   * Writes a finished entry's final state to `outbox`, then drops the entry (a crash in between
   * leaves a finished entry, which claims ignore and the next start finishes the same way).
   */
  async finish(doc: OutboxDoc): Promise<void> {
    await this.outbox.replaceOne({ _id: doc._id }, { ...doc, owner: null }, { upsert: true });
    await this.queue.deleteOne({ _id: doc._id });
  }

  /** The entry first, then the message; false (and no entry left behind) when the key is known. */
  /**
   * The message's record first, its queue entry second. The record's unique key decides whether the
   * message is new: a key already known (sent, given up or still queued) never touches the queue, so
   * a message enqueued again after it was sent is never claimable, not even for a moment (written the
   * other way round, a dispatcher could claim the fresh entry before it was found to be a repeat and
   * send it twice). Killed between the two, init()'s back-fill queues the record at the next start.
   */
  private async insertNew(message: OutboxMessage): Promise<boolean> {
    const doc: OutboxDoc = { ...message, _id: message.key, v: 0, owner: null };
    const stored = await unlessDuplicate(async () => {
      await this.outbox.insertOne(doc);
      return true;
    }, false);
    if (!stored) return false;
    for (let attempt = 1; ; attempt++) {
      try {
        await unlessDuplicate(async () => {
          await this.queue.insertOne(doc);
          return true;
        }, false);
        return true;
      } catch (err) {
        // The record is stored: keep trying to queue it rather than leave it for the next start.
        if (attempt >= 3) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private update(action: string, key: string, change: (m: OutboxMessage) => OutboxMessage): Promise<void> {
    return guard(action, async () => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const queued = await this.queue.findOne({ _id: key });
        // Not queued: a message an older version claimed before the upgrade, changed in place.
        const from = queued ? this.queue : this.outbox;
        const doc = queued ?? (await this.outbox.findOne({ _id: key }));
        const current = doc ? readOutboxMessage(doc, key, this.logger) : null;
        if (!doc || !current) return;
        const next: OutboxDoc = { ...change(current), _id: key, v: doc.v + 1, owner: null };
        if (await this.cas.replace(from, key, "v", doc.v, next)) {
          if (queued && isFinal(next)) await this.finish(next);
          return;
        }
      }
      throw new Error(`outbox message ${key} kept changing while being updated`);
    });
  }
}
