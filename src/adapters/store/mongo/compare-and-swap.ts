/**
 * Compare-and-swap that is atomic on every MongoDB-wire server we support.
 *
 * MongoDB makes `replaceOne({_id, version})` atomic by itself, but FerretDB 1.x runs an update as
 * "query, then write by _id" with nothing in between locked, so two writers can both match the
 * same version. The one primitive that is atomic everywhere (MongoDB, FerretDB, Cosmos DB) is an
 * insert into a unique index. So a writer first inserts a guard `collection/id/fromVersion`; only
 * the writer whose insert succeeds may perform the transition, and it removes the guard afterwards
 * (any later writer with the same stale version then fails the version filter). A guard left by a
 * crashed writer expires after `guardTtlMs` and may then be taken over.
 */
import { randomUUID } from "node:crypto";
import type { Collection, Document } from "mongodb";
import { isDuplicateKey } from "./mongo-errors";

export interface CasGuardDoc {
  _id: string;
  token: string;
  expiresAt: Date;
}

export class CompareAndSwap {
  constructor(
    private readonly guards: Collection<CasGuardDoc>,
    private readonly now: () => Date,
    private readonly guardTtlMs: number,
  ) {}

  /**
   * Replaces document `id` of `collection` with `next` if its `versionField` still equals
   * `expected`. True when this caller won; false when another writer got there first.
   */
  async replace<T extends Document>(
    collection: Collection<T>,
    id: string,
    versionField: string,
    expected: number,
    next: T,
  ): Promise<boolean> {
    const key = `${collection.collectionName}/${id}/${expected}`;
    const token = randomUUID();
    if (!(await this.take(key, token))) return false;
    try {
      const filter = { _id: id, [versionField]: expected } as unknown as Parameters<Collection<T>["replaceOne"]>[0];
      const result = await collection.replaceOne(filter, next);
      return result.matchedCount === 1;
    } finally {
      await this.guards.deleteOne({ _id: key, token }).catch(() => undefined);
    }
  }

  private async take(key: string, token: string): Promise<boolean> {
    const insert = () =>
      this.guards.insertOne({ _id: key, token, expiresAt: new Date(this.now().getTime() + this.guardTtlMs) });
    try {
      await insert();
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await this.guards.findOne({ _id: key });
    if (!held || held.expiresAt.getTime() > this.now().getTime()) return false;
    await this.guards.deleteOne({ _id: key, token: held.token });
    try {
      await insert();
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
}
