/**
 * The MongoDB store (also FerretDB and Cosmos DB for MongoDB): the official driver, majority
 * writes by default, indexes created by init(), and only the portable subset of the API.
 */
import { MongoClient, type Db, type Document, type WriteConcernSettings } from "mongodb";
import { StorageError } from "../../../domain/errors";
import type { Logger } from "../../../ports/logger";
import type { Store } from "../../../ports/store";
import { CompareAndSwap, type CasGuardDoc } from "./compare-and-swap";
import { COLLECTIONS, INDEXES } from "./indexes";
import { MongoDigestRunStore, MongoLeaseStore, type DigestRunDoc, type LeaseDoc } from "./mongo-coordination";
import { MongoOutboxStore, type OutboxDoc } from "./mongo-outbox";
import { MongoReportStore, type ReportDoc } from "./mongo-report-store";
import { ClassifyQueue, type ClassifyQueueDoc } from "./classify-queue";
import { backfillQueues } from "./queue-backfill";
import { ReportNumbers, type CounterDoc } from "./report-numbers";
import {
  MongoAuditLog,
  MongoConversationStore,
  MongoIdempotencyStore,
  type AuditDoc,
  type ConversationDoc,
  type IdempotencyDoc,
} from "./mongo-side-stores";

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  logger: Logger;
  /** Default { w: "majority" }: a write returns once a majority of the replica set has it. */
  writeConcern?: WriteConcernSettings;
  /** How long to look for a reachable server before failing (default 5000 ms). */
  serverSelectionTimeoutMS?: number;
  /** How long a compare-and-swap guard left by a crashed writer blocks others (default 30 s). */
  casGuardTtlMs?: number;
  /** Wall clock for guard expiry only (tests may pin it). */
  now?: () => Date;
  /** Called with each command sent to the server (benchmarks count round trips with it). */
  onCommand?: (command: { name: string; collection: string }) => void;
}

/** Host list and database, without credentials or options, for logs and /readyz. */
export function describeMongoUri(uri: string, dbName: string): string {
  const withoutScheme = uri.replace(/^mongodb(\+srv)?:\/\//, "");
  const hosts = withoutScheme.replace(/^[^@/]*@/, "").split(/[/?]/)[0] ?? "";
  return `mongodb (${hosts}/${dbName})`;
}

function unreachable(what: string, err: unknown, where: string): StorageError {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new StorageError(`MongoDB at ${where} is unreachable (${what}): ${detail}`, { cause: err });
}

/** No answer on an open connection for this long: the operation fails (and is retried by its loop). */
export const SOCKET_TIMEOUT_MS = 60_000;

export function createMongoStore(options: MongoStoreOptions): Store {
  const where = describeMongoUri(options.uri, options.dbName);
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    connectTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    // A server that stops answering on an open connection must not hold a worker forever (the
    // outbox and pipeline loops await each operation): the call fails and the loop tries again.
    // Above the 30 s a crashed writer's guard can make FerretDB wait.
    socketTimeoutMS: SOCKET_TIMEOUT_MS,
    writeConcern: options.writeConcern ?? { w: "majority" },
    appName: "clinician-feedback-bot",
    monitorCommands: options.onCommand !== undefined,
  });
  const { onCommand } = options;
  if (onCommand)
    client.on("commandStarted", (event) => {
      const target: unknown = (event.command as Record<string, unknown>)[event.commandName];
      onCommand({ name: event.commandName, collection: typeof target === "string" ? target : "" });
    });
  const db: Db = client.db(options.dbName);
  const coll = <T extends Document>(name: string) => db.collection<T>(name);
  const cas = new CompareAndSwap(
    coll<CasGuardDoc>(COLLECTIONS.casGuards),
    options.now ?? (() => new Date()),
    options.casGuardTtlMs ?? 30_000,
  );
  const { logger } = options;
  const numbers = new ReportNumbers(
    coll<CounterDoc>(COLLECTIONS.counters),
    coll<CounterDoc>(COLLECTIONS.reportSeq),
    logger,
  );
  const classifyQueue = new ClassifyQueue(coll<ClassifyQueueDoc>(COLLECTIONS.classifyQueue));
  const outbox = new MongoOutboxStore(
    coll<OutboxDoc>(COLLECTIONS.outbox),
    coll<OutboxDoc>(COLLECTIONS.outboxQueue),
    cas,
    logger,
  );

  const ping = async (): Promise<void> => {
    try {
      await db.command({ ping: 1 });
    } catch (err) {
      throw unreachable("ping", err, where);
    }
  };

  return {
    kind: "mongodb",
    describe: () => where,
    async init() {
      await ping();
      try {
        for (const index of INDEXES) {
          await coll(index.collection).createIndex(index.keys, { name: index.name, unique: index.unique ?? false });
        }
      } catch (err) {
        throw unreachable("create indexes", err, where);
      }
      try {
        const started = Date.now();
        await numbers.migrateHead();
        const counts = await backfillQueues({
          reports: coll<ReportDoc>(COLLECTIONS.reports),
          classifyQueue: classifyQueue.entries,
          outbox: coll<OutboxDoc>(COLLECTIONS.outbox),
          outboxQueue: coll<OutboxDoc>(COLLECTIONS.outboxQueue),
          outboxStore: outbox,
          now: new Date(),
        });
        if (counts.reportsQueued + counts.messagesQueued + counts.entriesFinished > 0)
          logger.info(
            { event: "store.queues_backfilled", ...counts, ms: Date.now() - started },
            "work queues filled in from stored reports and messages",
          );
      } catch (err) {
        throw unreachable("fill in the work queues", err, where);
      }
    },
    ping,
    close: () => client.close(),
    reports: new MongoReportStore(coll<ReportDoc>(COLLECTIONS.reports), numbers, classifyQueue, cas, logger),
    audit: new MongoAuditLog(coll<AuditDoc>(COLLECTIONS.audit), logger),
    conversations: new MongoConversationStore(coll<ConversationDoc>(COLLECTIONS.conversations)),
    leases: new MongoLeaseStore(coll<LeaseDoc>(COLLECTIONS.leases), cas),
    idempotency: new MongoIdempotencyStore(coll<IdempotencyDoc>(COLLECTIONS.idempotency)),
    digestRuns: new MongoDigestRunStore(coll<DigestRunDoc>(COLLECTIONS.digestRuns), cas),
    outbox,
  };
}
