/**
 * Report numbers on MongoDB: a number is taken by inserting `reports#N` into `counters` (a unique
 * `_id`, the one step atomic on MongoDB, Cosmos DB and FerretDB alike), as before. What changed:
 *
 * - Numbers are reserved in blocks sized by the demand of the moment (calls in the last
 *   DEMAND_WINDOW_MS, at least those waiting): a report now and then gets one number (quiet hours
 *   leave no gaps and instances stay in creation order); a burst reserves up to MAX_BLOCK in one
 *   `insertMany`, one round trip per block instead of per report. A block a process does not use
 *   up before it stops leaves a gap of at most MAX_BLOCK - 1; numbers stay unique.
 * - The head (highest number handed out, only a hint for where to start) lives in a collection of
 *   its own with one document. `counters` holds one allocation record per report, so on a server
 *   that scans for every look-up (FerretDB 1.24 on SQLite) reading the head there grew with
 *   history. The head is read and raised once per block.
 */
import type { Collection } from "mongodb";
import type { Logger } from "../../../ports/logger";
import { isDuplicateKey } from "./mongo-errors";

/** `_id: "reports#N"` records that N was taken (the head of older versions lives here too). */
export interface CounterDoc {
  _id: string;
  value?: number;
}

/** The largest block one reservation takes. */
const MAX_BLOCK = 32;
/** Demand is the number of calls within this window. */
const DEMAND_WINDOW_MS = 500;
const HEAD_ID = "reports";

export class ReportNumbers {
  /** Reserved and not yet handed out, ascending. */
  private pool: number[] = [];
  private waiting = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** The last number this process reserved (the head may lag behind it). */
  private lastSeq = 0;
  /** When recent calls came (monotonic ms), for the block size. */
  private recentCalls: number[] = [];

  constructor(
    private readonly counters: Collection<CounterDoc>,
    private readonly head: Collection<CounterDoc>,
    private readonly logger: Logger,
  ) {}

  /** Next number: from the pool, or after reserving a block (calls go one at a time per process). */
  next(): Promise<number> {
    this.waiting += 1;
    const now = performance.now();
    this.recentCalls.push(now);
    while (this.recentCalls[0]! < now - DEMAND_WINDOW_MS) this.recentCalls.shift();
    const taken = this.queue.then(async () => {
      try {
        if (this.pool.length === 0)
          await this.reserve(Math.min(MAX_BLOCK, Math.max(this.waiting, this.recentCalls.length)));
        return this.pool.shift()!;
      } finally {
        this.waiting -= 1;
      }
    });
    this.queue = taken.catch(() => undefined);
    return taken;
  }

  /** Numbers inserted with reports that carry their own (imports, seeding) move the head past them. */
  async noteStored(seq: number): Promise<void> {
    if (seq <= this.lastSeq && !this.pool.some((n) => n <= seq)) return;
    this.pool = this.pool.filter((n) => n > seq);
    await this.raiseHead(seq);
  }

  /** Start-up: a head kept by an older version in `counters` is carried over (idempotent, $max). */
  async migrateHead(): Promise<void> {
    const old = await this.counters.findOne({ _id: HEAD_ID });
    if (old?.value) await this.raiseHead(old.value);
  }

  private async reserve(size: number): Promise<void> {
    // The head too, not only this process's last number: reports imported with their own numbers
    // (seeding, another process) have no allocation records, only the raised head.
    let start = Math.max(this.lastSeq, await this.readHead()) + 1;
    for (let attempt = 0; ; attempt++) {
      const got = await this.insertBlock(start, size);
      if (got > 0) {
        this.pool = Array.from({ length: got }, (_, i) => start + i);
        this.lastSeq = start + got - 1;
        break;
      }
      if (attempt > 1000) throw new Error(`no free report number found after ${start}`);
      // Another instance holds `start`: past the head if it moved, else the next number.
      start = attempt % 10 === 0 ? Math.max(start, await this.readHead()) + 1 : start + 1;
    }
    // Not awaited: the head only speeds up the search (the allocation records decide).
    const top = this.lastSeq;
    this.raiseHead(top).catch((err: unknown) =>
      this.logger.debug({ seq: top, err: String(err) }, "report number head not raised (harmless)"),
    );
  }

  /** Inserts `reports#start…` in order; returns how many were taken before the first one held by another. */
  private async insertBlock(start: number, size: number): Promise<number> {
    const docs = Array.from({ length: size }, (_, i) => ({ _id: `reports#${start + i}` }));
    try {
      if (size === 1) await this.counters.insertOne(docs[0]!);
      else await this.counters.insertMany(docs, { ordered: true });
      return size;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const inserted = (err as { insertedCount?: unknown; result?: { insertedCount?: unknown } }).insertedCount;
      return typeof inserted === "number" ? Math.max(0, Math.min(size, inserted)) : 0;
    }
  }

  private async readHead(): Promise<number> {
    const doc = await this.head.findOne({ _id: HEAD_ID });
    return doc?.value ?? 0;
  }

  private async raiseHead(seq: number): Promise<void> {
    const raise = () => this.head.updateOne({ _id: HEAD_ID }, { $max: { value: seq } }, { upsert: true });
    try {
      await raise();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await raise(); // two first-ever upserts raced; the document exists now
    }
  }
}
