/**
 * Start-up repair of the work queues (classify-queue.ts, outbox_queue in mongo-outbox.ts), run by
 * init() on every start, idempotent:
 * - a database written before the queues existed (or by an older instance during an upgrade)
 *   gets an entry for every report still to classify and every message still to send;
 * - a finished outbox entry whose writer died before dropping it is finished.
 * Reports and messages are found by one query each on their state (indexed on MongoDB; a scan on
 * FerretDB, once per start). An entry added for a message that finished meanwhile is dropped again.
 */
import type { Collection } from "mongodb";
import { isDuplicateKey } from "./mongo-errors";
import type { ClassifyQueueDoc } from "./classify-queue";
import type { MongoOutboxStore, OutboxDoc } from "./mongo-outbox";
import type { ReportDoc } from "./mongo-report-store";

export interface BackfillCounts {
  reportsQueued: number;
  messagesQueued: number;
  entriesFinished: number;
}

const QUEUED_JOB_STATES = ["pending", "claimed"];
const OPEN_OUTBOX_STATES: OutboxDoc["state"][] = ["pending", "sending"];

async function insertIfAbsent<T extends { _id: string }>(collection: Collection<T>, doc: T): Promise<boolean> {
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

export async function backfillQueues(parts: {
  reports: Collection<ReportDoc>;
  classifyQueue: Collection<ClassifyQueueDoc>;
  outbox: Collection<OutboxDoc>;
  outboxQueue: Collection<OutboxDoc>;
  outboxStore: MongoOutboxStore;
  now: Date;
}): Promise<BackfillCounts> {
  const counts: BackfillCounts = { reportsQueued: 0, messagesQueued: 0, entriesFinished: 0 };
  const unclassified = await parts.reports
    .find<Pick<ReportDoc, "_id" | "createdAt" | "seq">>(
      { "classifyJob.state": { $in: QUEUED_JOB_STATES } },
      { projection: { _id: 1, createdAt: 1, seq: 1 } },
    )
    .toArray();
  for (const r of unclassified) {
    // No copy of the report: the first claim reads it (and quarantines it if it is unreadable).
    const entry: ClassifyQueueDoc = {
      _id: r._id,
      createdAt: r.createdAt instanceof Date ? r.createdAt : new Date(0),
      seq: typeof r.seq === "number" ? r.seq : 0,
      queuedAt: parts.now,
      leaseUntil: null,
      report: null,
    };
    if (await insertIfAbsent(parts.classifyQueue, entry)) counts.reportsQueued += 1;
  }

  for (const doc of await parts.outboxQueue.find({ state: { $in: ["sent", "dead"] } }).toArray()) {
    await parts.outboxStore.finish(doc);
    counts.entriesFinished += 1;
  }
  // Queued messages' own `outbox` documents say "pending" too: their entries exist, the insert is refused.
  for (const doc of await parts.outbox.find({ state: { $in: OPEN_OUTBOX_STATES } }).toArray()) {
    if (!(await insertIfAbsent(parts.outboxQueue, doc))) continue;
    const now = await parts.outbox.findOne({ _id: doc._id });
    if (now && !OPEN_OUTBOX_STATES.includes(now.state)) await parts.outboxQueue.deleteOne({ _id: doc._id });
    else counts.messagesQueued += 1;
  }
  return counts;
}
