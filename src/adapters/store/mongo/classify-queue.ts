/**
 * The classification work queue on MongoDB: one small document per report still to classify
 * (`_id` = report id), deleted when its classification is done. A claim reads this queue, never
 * the reports collection, so its cost follows the backlog and not the history (FerretDB 1.24 on
 * SQLite scans a collection for every filtered query, whatever the indexes).
 *
 * The entry is written BEFORE its report (a stored report always has one; a crash in between
 * leaves an entry without a report, dropped after ORPHAN_GRACE_MS). It carries the report as
 * queued, so a claim usually needs no read of the report: the compare-and-swap on the report's
 * version decides, and a stale copy only costs a fresh read. `leaseUntil` mirrors the claim so
 * other workers skip claimed entries without reading their reports; it is a hint, never trusted.
 */
import type { Collection, Document } from "mongodb";
import type { Report } from "../../../domain/report";
import { InsertBatcher } from "./insert-batcher";
import { unlessDuplicate } from "./mongo-errors";

export interface ClassifyQueueDoc {
  _id: string;
  createdAt: Date;
  seq: number;
  queuedAt: Date;
  /** Null while pending; the claim's lease end once claimed. */
  leaseUntil: Date | null;
  /** The report as queued (or as last claimed): a first guess, checked by the version swap. */
  report: Report | null;
}

/** An entry whose report never appeared (the writer died between the two inserts) is dropped after this. */
export const ORPHAN_GRACE_MS = 10 * 60_000;

export const needsClassification = (report: Pick<Report, "classifyJob">): boolean =>
  report.classifyJob.state === "pending" || report.classifyJob.state === "claimed";

function entryOf(report: Report, now: Date): ClassifyQueueDoc {
  return {
    _id: report.id,
    createdAt: report.createdAt,
    seq: report.seq,
    queuedAt: now,
    leaseUntil: report.classifyJob.state === "claimed" ? report.classifyJob.leaseUntil : null,
    report,
  };
}

export class ClassifyQueue {
  private readonly inserts: InsertBatcher<ClassifyQueueDoc>;

  constructor(readonly entries: Collection<ClassifyQueueDoc>) {
    this.inserts = new InsertBatcher(entries);
  }

  /** Queues the reports that need classification (already queued ones are left as they are). */
  async add(reports: readonly Report[], now: Date): Promise<void> {
    const docs = reports.filter(needsClassification).map((r) => entryOf(r, now));
    if (docs.length === 0) return;
    if (docs.length === 1) {
      await this.inserts.insert(docs[0]!); // a duplicate: queued already
      return;
    }
    await unlessDuplicate(() => this.entries.insertMany(docs, { ordered: false }), null);
  }

  /** Oldest first: pending entries, and claimed ones whose lease (as mirrored) ran out. */
  claimable(now: Date, limit: number): Promise<ClassifyQueueDoc[]> {
    const filter: Document = { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] };
    return this.entries.find(filter).sort({ createdAt: 1, seq: 1 }).limit(limit).toArray();
  }

  /** After a successful claim: others skip the entry until the lease ends. Best effort. */
  async claimed(report: Report): Promise<void> {
    await this.entries
      .updateOne({ _id: report.id }, { $set: { leaseUntil: report.classifyJob.leaseUntil, report } })
      .catch(() => undefined);
  }

  async remove(id: string): Promise<void> {
    await this.entries.deleteOne({ _id: id });
  }
}
