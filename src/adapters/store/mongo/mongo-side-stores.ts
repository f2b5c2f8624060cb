/** Audit log, conversation references and idempotency keys on MongoDB. */
import { ObjectId, type Collection } from "mongodb";
import type { AuditEvent } from "../../../domain/audit";
import type { Logger } from "../../../ports/logger";
import type { AuditLog, ConversationStore, IdempotencyStore } from "../../../ports/side-stores";
import { isPresent, readAuditEvent } from "../document-codec";
import { InsertBatcher } from "./insert-batcher";
import { guard, isDuplicateKey } from "./mongo-errors";

/** `_id` is an ObjectId so that events with the same instant list in insertion order. */
export type AuditDoc = AuditEvent & { _id: ObjectId };

export class MongoAuditLog implements AuditLog {
  constructor(
    private readonly events: Collection<AuditDoc>,
    private readonly logger: Logger,
  ) {}

  append(event: AuditEvent): Promise<void> {
    return guard("append an audit event", async () => {
      await this.events.insertOne({ ...event, _id: new ObjectId() });
    });
  }

  listForReport(reportId: string): Promise<AuditEvent[]> {
    return guard("list audit events", async () => {
      const docs = await this.events.find({ reportId }).sort({ at: 1, _id: 1 }).toArray();
      return docs.map((d) => readAuditEvent(d, d.id, this.logger)).filter(isPresent);
    });
  }
}

export interface ConversationDoc {
  _id: string;
  reference: Record<string, unknown>;
  updatedAt: Date;
}

export class MongoConversationStore implements ConversationStore {
  constructor(private readonly conversations: Collection<ConversationDoc>) {}

  save(key: string, reference: Record<string, unknown>, now: Date): Promise<void> {
    return guard("save a conversation reference", async () => {
      const upsert = () => this.conversations.replaceOne({ _id: key }, { reference, updatedAt: now }, { upsert: true });
      try {
        await upsert();
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await upsert(); // a concurrent first save created it
      }
    });
  }

  get(key: string): Promise<Record<string, unknown> | null> {
    return guard("read a conversation reference", async () => {
      const doc = await this.conversations.findOne({ _id: key });
      const ref = doc?.reference;
      return typeof ref === "object" && ref !== null && !Array.isArray(ref) ? ref : null;
    });
  }
}

export interface IdempotencyDoc {
  _id: string;
  key: string;
  firstSeenAt: Date;
  /** Set by claim(): what the first claimer recorded. */
  value?: string;
}

export class MongoIdempotencyStore implements IdempotencyStore {
  /** Concurrent deliveries' keys, one round trip per batch (insert-batcher.ts). */
  private readonly inserts: InsertBatcher<IdempotencyDoc>;

  constructor(private readonly keys: Collection<IdempotencyDoc>) {
    this.inserts = new InsertBatcher(keys);
  }

  firstTime(key: string, now: Date): Promise<boolean> {
    return guard(
      "record an idempotency key",
      async () => (await this.inserts.insert({ _id: key, key, firstSeenAt: now })) === "stored",
    );
  }

  seen(key: string): Promise<boolean> {
    return guard("read an idempotency key", async () => (await this.keys.findOne({ _id: key })) !== null);
  }

  claim(key: string, value: string, now: Date): Promise<string | null> {
    return guard("claim an idempotency key", async () => {
      if ((await this.inserts.insert({ _id: key, key, firstSeenAt: now, value })) === "stored") return null;
      const first = await this.keys.findOne({ _id: key });
      return first?.value ?? "";
    });
  }
}
