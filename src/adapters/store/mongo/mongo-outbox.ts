/** Outbox on MongoDB: unique key on insert, guarded compare-and-swap (`v`) for every state change. */
import type { Collection, Filter, Sort } from "mongodb";
import { claimedOutbox, failedOutbox, sentOutbox, type OutboxMessage } from "../../../domain/outbox";
import type { Logger } from "../../../ports/logger";
import type { OutboxStore } from "../../../ports/side-stores";
import { readOutboxMessage } from "../document-codec";
import type { CompareAndSwap } from "./compare-and-swap";
import { guard, unlessDuplicate } from "./mongo-errors";

export type OutboxDoc = OutboxMessage & { _id: string; v: number; owner: string | null };

const MAX_ROUNDS = 8;

/** Messages due to be sent: pending and due, or claimed by a sender whose lease ran out (indexes state_due, state_lease). */
export function dueFilter(now: Date): Filter<OutboxDoc> {
  return {
    $or: [
      { state: "pending", nextAttemptAt: { $lte: now } },
      { state: "sending", leaseUntil: { $lte: now } },
    ],
  };
}
export const DUE_SORT: Sort = { nextAttemptAt: 1, _id: 1 };

export class MongoOutboxStore implements OutboxStore {
  constructor(
    private readonly outbox: Collection<OutboxDoc>,
    private readonly cas: CompareAndSwap,
    private readonly logger: Logger,
  ) {}

  enqueue(message: OutboxMessage): Promise<boolean> {
    return guard("enqueue an outbox message", () =>
      unlessDuplicate(async () => {
        await this.outbox.insertOne({ ...message, _id: message.key, v: 0, owner: null });
        return true;
      }, false),
    );
  }

  enqueueOrReplacePending(message: OutboxMessage): Promise<boolean> {
    return guard("enqueue or replace an outbox message", async () => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const inserted = await unlessDuplicate(async () => {
          await this.outbox.insertOne({ ...message, _id: message.key, v: 0, owner: null });
          return true;
        }, false);
        if (inserted) return true;
        // A swap on the version, like every other change here: a claimer and this replace never both win.
        const doc = await this.outbox.findOne({ _id: message.key });
        const current = doc ? readOutboxMessage(doc, message.key, this.logger) : null;
        if (!doc) continue;
        if (!current || current.state !== "pending" || current.attempts > 0) return false;
        const next = { ...current, message: message.message, replaceRef: message.replaceRef };
        if (
          await this.cas.replace(this.outbox, message.key, "v", doc.v, {
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
        const docs = await this.outbox
          .find(dueFilter(now))
          .sort(DUE_SORT)
          .limit(want - claimed.length)
          .toArray();
        let contended = false;
        for (const doc of docs) {
          const current = readOutboxMessage(doc, doc._id, this.logger);
          if (!current) continue;
          const next = claimedOutbox(current, now, leaseMs);
          if (
            await this.cas.replace(this.outbox, doc._id, "v", doc.v, { ...next, _id: doc._id, v: doc.v + 1, owner })
          ) {
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

  get(key: string): Promise<OutboxMessage | null> {
    return guard("read an outbox message", async () => {
      const doc = await this.outbox.findOne({ _id: key });
      return doc ? readOutboxMessage(doc, key, this.logger) : null;
    });
  }

  private update(action: string, key: string, change: (m: OutboxMessage) => OutboxMessage): Promise<void> {
    return guard(action, async () => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await this.outbox.findOne({ _id: key });
        const current = doc ? readOutboxMessage(doc, key, this.logger) : null;
        if (!doc || !current) return;
        const next = { ...change(current), _id: key, v: doc.v + 1, owner: null };
        if (await this.cas.replace(this.outbox, key, "v", doc.v, next)) return;
      }
      throw new Error(`outbox message ${key} kept changing while being updated`);
    });
  }
}
