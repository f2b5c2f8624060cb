/**
 * The MongoDB store's work queues (classify_queue, outbox_queue) and intake round trips, on the
 * server from globalSetup (FerretDB 1.24 unless MONGODB_URI is set):
 * - a database written by the previous version (no queue collections, the report-number head in
 *   `counters`) keeps working after the upgrade: init() fills the queues in, idempotently;
 * - claims read the queues, not the reports or the outbox history;
 * - intake writes by insert only (no reads of history-sized collections), concurrent ones batched.
 */
import { MongoClient, type Db } from "mongodb";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import { COLLECTIONS } from "../../src/adapters/store/mongo/indexes";
import type { OutboxMessage } from "../../src/domain/outbox";
import type { Report } from "../../src/domain/report";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildClassifiedReport, buildReport } from "../fixtures/build-report";
import { mongoTestTarget, randomTestDbName } from "../support/mongo-server";

const target = mongoTestTarget();
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function message(key: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    key,
    createdAt: at(0),
    target: { channel: "slack", conversationKey: null, destination: "C-TRIAGE" },
    message: { text: `about ${key}` },
    replaceRef: null,
    recordRefOn: null,
    state: "pending",
    attempts: 0,
    nextAttemptAt: at(0),
    leaseUntil: null,
    lastError: null,
    sentAt: null,
    ...overrides,
  };
}

/** Documents exactly as the previous version wrote them (reports and outbox keyed by id, head in counters). */
async function writeAsPreviousVersion(db: Db, reports: Report[], messages: OutboxMessage[]): Promise<void> {
  await db.collection("reports").insertMany(reports.map((r) => ({ ...r, _id: r.id }) as never));
  await db.collection("outbox").insertMany(messages.map((m) => ({ ...m, _id: m.key, v: 0, owner: null }) as never));
  await db.collection("counters").insertMany([{ _id: "reports", value: 41 }, { _id: "reports#41" }] as never[]);
}

if (target.uri === null) {
  describe.skip(`mongo work queues (skipped: ${target.skipReason})`, () => {
    it("is skipped", () => undefined);
  });
} else {
  const uri = target.uri;
  describe(`mongo work queues [${target.flavor}]`, () => {
    jest.setTimeout(60_000);
    let admin: MongoClient;
    let dbName: string;
    let commands: string[];
    const stores: Store[] = [];
    const open = async (): Promise<Store> => {
      const store = createMongoStore({
        uri,
        dbName,
        logger: silentLogger,
        onCommand: (c) => commands.push(`${c.name} ${c.collection}`),
      });
      stores.push(store);
      await store.init();
      return store;
    };
    const queueSize = (name: string) => admin.db(dbName).collection(name).countDocuments({});

    beforeAll(() => {
      admin = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    });
    afterAll(async () => {
      await admin.close();
    });
    beforeEach(() => {
      dbName = randomTestDbName("queues");
      commands = [];
    });
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await admin.db(dbName).dropDatabase();
    });

    it("keeps a database written by the previous version working: queues filled in at start, idempotently", async () => {
      const pending = buildReport({ seq: 40, createdAt: at(2) });
      const expired = buildReport({
        seq: 39,
        createdAt: at(1),
        version: 1,
        classifyJob: { state: "claimed", attempts: 1, claimedBy: "old", leaseUntil: at(3) },
      });
      const done = buildClassifiedReport({ seq: 38, createdAt: at(0) });
      await writeAsPreviousVersion(
        admin.db(dbName),
        [pending, expired, done],
        [message("due"), message("sent", { state: "sent", sentAt: at(1), attempts: 1 })],
      );

      const store = await open();
      await store.init(); // a second start adds nothing
      expect(await queueSize(COLLECTIONS.classifyQueue)).toBe(2);
      expect(await queueSize(COLLECTIONS.outboxQueue)).toBe(1);

      expect((await store.reports.claimForClassification("new", at(10), 60_000))?.id).toBe(expired.id);
      expect((await store.reports.claimForClassification("new", at(10), 60_000))?.id).toBe(pending.id);
      expect(await store.reports.claimForClassification("new", at(10), 60_000)).toBeNull();
      const due = await store.outbox.claimDue("new", at(10), 60_000, 10);
      expect(due.map((m) => m.key)).toEqual(["due"]);
      await store.outbox.markSent("due", at(11));
      expect(await store.outbox.get("due")).toMatchObject({ state: "sent", sentAt: at(11) });
      expect(await queueSize(COLLECTIONS.outboxQueue)).toBe(0);
      // The old head is carried over: no number is handed out twice.
      expect(await store.reports.nextSeq()).toBeGreaterThan(41);
    });

    it("finishes at start an outbox entry whose writer died between sending and dropping it", async () => {
      const store = await open();
      expect(await store.outbox.enqueue(message("k"))).toBe(true);
      // As if the process died after marking the entry sent, before writing `outbox` and dropping it.
      await admin
        .db(dbName)
        .collection(COLLECTIONS.outboxQueue)
        .updateOne({ _id: "k" } as never, { $set: { state: "sent", sentAt: at(4), v: 1 } });
      await store.init();
      expect(await queueSize(COLLECTIONS.outboxQueue)).toBe(0);
      expect(await store.outbox.get("k")).toMatchObject({ state: "sent", sentAt: at(4) });
      expect(await store.outbox.enqueue(message("k"))).toBe(false);
      expect(await queueSize(COLLECTIONS.outboxQueue)).toBe(0);
    });

    it("a message enqueued again after it was sent is never claimable, not even for a moment", async () => {
      // Early alert and pipeline alert share a key: the second enqueue comes after the first was
      // sent. A dispatcher claiming while that second enqueue is under way must not get it.
      let hook: (() => void) | null = null;
      const writer = createMongoStore({
        uri,
        dbName,
        logger: silentLogger,
        onCommand: (c) => {
          if (c.name === "insert" && hook) hook();
        },
      });
      stores.push(writer);
      await writer.init();
      const dispatcher = await open();
      for (let round = 0; round < 8; round++) {
        const key = `alert:R-00${round}:slack:C-ONCALL`;
        expect(await writer.outbox.enqueue(message(key))).toBe(true);
        const [claimed] = await dispatcher.outbox.claimDue("first", at(1), 60_000, 10);
        expect(claimed?.key).toBe(key);
        await dispatcher.outbox.markSent(key, at(1));
        const claims: Promise<OutboxMessage[]>[] = [];
        hook = () => {
          claims.push(dispatcher.outbox.claimDue("second", at(2), 60_000, 10));
        };
        expect(await writer.outbox.enqueue(message(key))).toBe(false);
        hook = null;
        claims.push(dispatcher.outbox.claimDue("second", at(2), 60_000, 10));
        const seen = (await Promise.all(claims)).flat().map((m) => m.key);
        expect(seen).not.toContain(key);
      }
    });

    it("claims from the queues without reading the reports' or the outbox's history", async () => {
      const store = await open();
      await store.reports.insertMany(
        Array.from({ length: 50 }, (_, i) => buildClassifiedReport({ seq: i + 1, createdAt: at(i) })),
      );
      await store.reports.insert(buildReport({ seq: 100, createdAt: at(60) }));
      for (const key of ["a", "b"]) await store.outbox.enqueue(message(key));
      await store.outbox.claimDue("w", at(0), 60_000, 1);
      await store.outbox.markSent("a", at(0));
      commands = [];
      const claimed = await store.reports.claimForClassification("w", at(70), 60_000);
      const due = await store.outbox.claimDue("w", at(70), 60_000, 10);
      expect(claimed?.id).toBe("R-0100");
      expect(due.map((m) => m.key)).toEqual(["b"]);
      // The report is changed by its key (the swap); nothing reads reports or outbox by a query.
      expect(commands.filter((c) => /^(find|aggregate|count) (reports|outbox)$/.test(c))).toEqual([]);
    });

    it("takes a report in by inserts alone, concurrent ones batched, each delivery filed once", async () => {
      const store = await open();
      await store.reports.insertMany(
        Array.from({ length: 50 }, (_, i) => buildClassifiedReport({ seq: i + 1, createdAt: at(i) })),
      );
      commands = [];
      const intake = async (delivery: string): Promise<string | null> => {
        const seq = await store.reports.nextSeq();
        const first = await store.idempotency.claim(`delivery:${delivery}`, `R-${seq}`, at(0));
        if (first !== null) return null;
        await store.reports.insert(buildReport({ seq, createdAt: at(100 + seq) }));
        return `R-${seq}`;
      };
      // 16 deliveries, each sent twice at once (a platform retry racing the first).
      const deliveries = Array.from({ length: 16 }, (_, i) => `d${i}`);
      const filed = await Promise.all([...deliveries, ...deliveries].map(intake));
      const during = [...commands];
      expect(filed.filter((f) => f !== null)).toHaveLength(16);
      const seqs = (await store.reports.find({ createdFrom: at(100) })).map((r) => r.seq);
      expect(new Set(seqs).size).toBe(16);
      expect(seqs.every((s) => s > 50)).toBe(true);
      const reads = during.filter((c) => /^(find|aggregate|count) (reports|counters|idempotency_keys)$/.test(c));
      // Only the racing duplicates read: each loser looks up the id its winner recorded.
      expect(reads.filter((c) => c !== "find idempotency_keys")).toEqual([]);
      expect(reads.length).toBeLessThanOrEqual(16);
      const reportInserts = during.filter((c) => c === "insert reports").length;
      expect(reportInserts).toBeLessThan(16); // batched: fewer round trips than reports
      expect(await queueSize(COLLECTIONS.classifyQueue)).toBe(16);
    });
  });
}
