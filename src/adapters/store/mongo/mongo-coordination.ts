/**
 * Leases and digest runs on MongoDB. Each is a small versioned document (`v`); a new one is
 * created by a unique insert and changed by a guarded compare-and-swap, so racing instances
 * cannot both win on any server (see compare-and-swap.ts).
 */
import type { Collection } from "mongodb";
import type { DigestRunClaim, DigestRunStore, LeaseStore } from "../../../ports/side-stores";
import type { CompareAndSwap } from "./compare-and-swap";
import { guard, unlessDuplicate } from "./mongo-errors";

/** Attempts before a caller that keeps losing races gives up (it reports "not acquired"). */
const MAX_ROUNDS = 8;

export interface LeaseDoc {
  _id: string;
  owner: string | null;
  leaseUntil: Date;
  v: number;
}

export class MongoLeaseStore implements LeaseStore {
  constructor(
    private readonly leases: Collection<LeaseDoc>,
    private readonly cas: CompareAndSwap,
  ) {}

  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
    return guard(`acquire lease ${name}`, async () => {
      const leaseUntil = new Date(now.getTime() + ttlMs);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await this.leases.findOne({ _id: name });
        if (!doc) {
          const created = await unlessDuplicate(async () => {
            await this.leases.insertOne({ _id: name, owner, leaseUntil, v: 0 });
            return true;
          }, false);
          if (created) return true;
          continue;
        }
        if (doc.owner !== owner && doc.leaseUntil.getTime() > now.getTime()) return false;
        if (await this.cas.replace(this.leases, name, "v", doc.v, { _id: name, owner, leaseUntil, v: doc.v + 1 })) {
          return true;
        }
      }
      return false;
    });
  }

  release(name: string, owner: string): Promise<void> {
    return guard(`release lease ${name}`, async () => {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await this.leases.findOne({ _id: name });
        if (!doc || doc.owner !== owner) return;
        const freed = { _id: name, owner: null, leaseUntil: new Date(0), v: doc.v + 1 };
        if (await this.cas.replace(this.leases, name, "v", doc.v, freed)) return;
      }
    });
  }
}

export interface DigestRunDoc {
  _id: string;
  period: string;
  destination: string;
  state: "claimed" | "sent";
  owner: string;
  leaseUntil: Date;
  sentAt: Date | null;
  v: number;
}

const runId = (period: string, destination: string): string => JSON.stringify([period, destination]);

export class MongoDigestRunStore implements DigestRunStore {
  constructor(
    private readonly runs: Collection<DigestRunDoc>,
    private readonly cas: CompareAndSwap,
  ) {}

  claim(period: string, destination: string, owner: string, now: Date, ttlMs: number): Promise<DigestRunClaim> {
    return guard(`claim digest run ${period}`, async () => {
      const _id = runId(period, destination);
      const claimed = (v: number): DigestRunDoc => ({
        _id,
        period,
        destination,
        state: "claimed",
        owner,
        leaseUntil: new Date(now.getTime() + ttlMs),
        sentAt: null,
        v,
      });
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await this.runs.findOne({ _id });
        if (!doc) {
          const created = await unlessDuplicate(async () => {
            await this.runs.insertOne(claimed(0));
            return true;
          }, false);
          if (created) return "claimed";
          continue;
        }
        if (doc.state === "sent") return "already_sent";
        if (doc.owner !== owner && doc.leaseUntil.getTime() > now.getTime()) return "in_progress";
        if (await this.cas.replace(this.runs, _id, "v", doc.v, claimed(doc.v + 1))) return "claimed";
      }
      return "in_progress";
    });
  }

  markSent(period: string, destination: string, owner: string, now: Date): Promise<void> {
    return guard(`mark digest run ${period} sent`, async () => {
      const _id = runId(period, destination);
      const sent = (v: number): DigestRunDoc => ({
        _id,
        period,
        destination,
        state: "sent",
        owner,
        leaseUntil: now,
        sentAt: now,
        v,
      });
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await this.runs.findOne({ _id });
        if (doc?.state === "sent") return;
        if (!doc) {
          const created = await unlessDuplicate(async () => {
            await this.runs.insertOne(sent(0));
            return true;
          }, false);
          if (created) return;
          continue;
        }
        if (await this.cas.replace(this.runs, _id, "v", doc.v, sent(doc.v + 1))) return;
      }
      throw new Error(`digest run ${period}/${destination} kept changing while being marked sent`);
    });
  }

  sentPeriods(destination: string, limit: number): Promise<string[]> {
    return guard("list sent digest runs", async () => {
      const n = Math.max(0, Math.floor(limit));
      if (n === 0) return [];
      const docs = await this.runs.find({ destination, state: "sent" }).sort({ period: -1 }).limit(n).toArray();
      return docs.map((d) => d.period);
    });
  }
}
