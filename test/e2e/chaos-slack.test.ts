/**
 * Chaos (bounded, 127.0.0.1 only): the real service takes a load of signed Slack DM events while it
 * is killed with SIGKILL at random moments, several rounds, and restarted on the same store — the
 * embedded store, and FerretDB (which is itself killed and restarted mid-load once, while Slack's
 * Web API fails for a while). The fake Slack platform redelivers every event that did not get a 2xx (as
 * Slack does), with x-slack-retry-num. Then it asserts:
 * - every event that got a 2xx is exactly one report, and no event is filed twice;
 * - every report is classified once, taken into triage (routed or clustered), its pipeline job done,
 *   its confirmation sent; nothing is left pending in the outbox;
 * - no outbox message (triage card, confirmation, alert) is posted twice: each post carries its
 *   outbox key in Slack metadata, and a re-driven send looks it up in the conversation first;
 * - no incident gets a second triage card (updates of a card never post one).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { MongoClient } from "mongodb";
import { isTakenIn } from "../../src/app/pipeline/route-report";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import type { Store } from "../../src/ports/store";
import { seededRandom } from "../../src/domain/seeded-random";
import { silentLogger } from "../../src/ports/logger";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { dmEvent, eventEnvelope, jsonBody, postSigned } from "../fakes/slack-signing";
import { mongoTestTarget, randomTestDbName, startOwnFerretDb, type OwnFerretDb } from "../support/mongo-server";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const SECRET = "chaos-signing-secret-0123456789";
const TOKEN = "xoxb-chaos-token";
const EMBEDDED_EVENTS = 90;
/** FerretDB 1.24 scans whole collections and a killed writer's guard blocks for 30 s: fewer events. */
const FERRET_EVENTS = 40;
const ROUNDS = 3;
const CONCURRENCY = 6;
const PROBLEMS = [
  "Epic froze when opening the MAR",
  "label printer jammed, no specimen labels",
  "Pyxis drawer will not open after badge scan",
  "Vocera badge drops every call",
  "bedside monitor lost the SpO2 waveform",
  "wifi keeps dropping on the workstation on wheels",
];
const UNITS = ["4 West", "CVICU", "5 North", "PACU", "NICU", "Oncology", "ED", "3 East"];

interface Pending {
  i: number;
  body: ReturnType<typeof jsonBody>;
  tries: number;
}

interface Backlog {
  reports: number;
  open: number;
  outboxPending: number;
}

/** Where the service keeps its data, and how the test reads it. */
interface StoreUnderChaos {
  env: Record<string, string>;
  backlog(): Promise<Backlog>;
  /** Outbox messages still pending or being sent (key, state, tries, next try, last error). */
  waiting(): Promise<unknown[]>;
  open(): Store;
  /** Called once mid-load (FerretDB: killed, restarted 2 s later). */
  outage?(): Promise<void>;
  close(): Promise<void>;
}

function embeddedUnderChaos(dataDir: string): StoreUnderChaos {
  const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    env: { DATA_DIR: dataDir },
    async backlog() {
      const db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { readonly: true, fileMustExist: true });
      try {
        return {
          reports: count(db, "SELECT count(*) AS n FROM reports"),
          open: count(db, "SELECT count(*) AS n FROM reports WHERE classify_state <> 'done'"),
          outboxPending: count(db, "SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')"),
        };
      } finally {
        db.close();
      }
    },
    async waiting() {
      const db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { readonly: true, fileMustExist: true });
      try {
        return db
          .prepare("SELECT doc FROM outbox WHERE state IN ('pending', 'sending')")
          .all()
          .map((row) => {
            const m = JSON.parse((row as { doc: string }).doc);
            return [m.key, m.state, m.attempts, m.nextAttemptAt, m.lastError];
          });
      } finally {
        db.close();
      }
    },
    open: () => createEmbeddedStore({ dataDir, logger: silentLogger }),
    close: async () => undefined,
  };
}

async function ferretUnderChaos(dir: string, dataDir: string): Promise<StoreUnderChaos> {
  const port = await freePort();
  const sqliteDir = path.join(dir, "ferret");
  fs.mkdirSync(sqliteDir, { recursive: true });
  let db: OwnFerretDb = await startOwnFerretDb(port, sqliteDir);
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  const dbName = randomTestDbName("chaos");
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000 });
  return {
    env: { DATA_DIR: dataDir, MONGODB_URI: uri, MONGODB_DB: dbName },
    async backlog() {
      const d = client.db(dbName);
      return {
        reports: await d.collection("reports").countDocuments({}),
        open: await d.collection("reports").countDocuments({ "classifyJob.state": { $ne: "done" } }),
        outboxPending: await d.collection("outbox").countDocuments({ state: { $in: ["pending", "sending"] } }),
      };
    },
    async waiting() {
      const docs = await client
        .db(dbName)
        .collection("outbox")
        .find({ state: { $in: ["pending", "sending"] } })
        .toArray();
      return docs.map((m) => [m._id, m.state, m.attempts, m.nextAttemptAt, m.leaseUntil, m.lastError]);
    },
    open: () => createMongoStore({ uri, dbName, logger: silentLogger }),
    async outage() {
      await db.stop("SIGKILL");
      await new Promise((r) => setTimeout(r, 2000));
      db = await startOwnFerretDb(port, sqliteDir);
    },
    async close() {
      await client.close();
      await db.stop("SIGTERM");
    },
  };
}

async function runChaos(
  api: FakeSlackApi,
  dir: string,
  under: StoreUnderChaos,
  label: string,
  EVENTS: number,
  drainMs: number,
): Promise<void> {
  const random = seededRandom(16);
  const triageFile = path.join(dir, "triage.json");
  fs.writeFileSync(
    triageFile,
    JSON.stringify({
      defaultDestination: "slack:C0TRIAGE",
      alerts: ["slack:C0ONCALL"],
      digest: [],
      triagers: { slack: { userIds: ["U0IT"] } },
    }),
  );
  let service: ServiceProcess | null = null;
  let url = "";
  const start = async () => {
    const port = await freePort();
    service = spawnService({
      PORT: String(port),
      ...under.env,
      LOG_LEVEL: "warn",
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      TRIAGE_CONFIG_FILE: triageFile,
      // A killed instance's claimed reports are re-driven this soon after a restart.
      PIPELINE_LEASE_MS: "3000",
    });
    url = `http://127.0.0.1:${port}/slack/events`;
    await waitForStatus(service, `http://127.0.0.1:${port}/readyz`, 200, 60_000);
  };

  const queue: Pending[] = Array.from({ length: EVENTS }, (_, i) => {
    const text = `${UNITS[i % UNITS.length]}: ${PROBLEMS[i % PROBLEMS.length]} (case ${1000 + i})`;
    return { i, body: jsonBody(eventEnvelope(dmEvent(`U${100 + i}`, text), { eventId: `EvChaos${i}` })), tries: 0 };
  });
  const accepted = new Set<number>();
  let refused = 0;
  const sendOne = async (item: Pending): Promise<void> => {
    const headers: Record<string, string> =
      item.tries > 0 ? { "x-slack-retry-num": String(Math.min(item.tries, 2)) } : {};
    item.tries += 1;
    try {
      const res = await postSigned(url, item.body, { secret: SECRET, headers });
      if (res.status >= 200 && res.status < 300) return void accepted.add(item.i);
      refused += 1;
    } catch {
      // connection refused or reset by the kill
    }
    queue.push(item); // Slack redelivers what did not get a 2xx
    await new Promise((r) => setTimeout(r, 50));
  };

  try {
    for (let round = 0; round <= ROUNDS; round++) {
      await start();
      const alive = () => service?.child.exitCode === null && service.child.signalCode === null;
      const killAt = round < ROUNDS ? Date.now() + 300 + random() * 1500 : Infinity;
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < killAt && alive()) {
          const item = queue.shift();
          if (item) await sendOne(item);
          else if (round < ROUNDS) await new Promise((r) => setTimeout(r, 20));
          else return;
        }
      });
      if (round === 1) {
        api.failNext("chat.postMessage", 15, { status: 500 }); // Slack's Web API failing for a while
        if (under.outage) await under.outage(); // the store killed and restarted mid-load
      }
      if (round < ROUNDS) {
        await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
        service!.child.kill("SIGKILL");
        await service!.exited;
      }
      await Promise.all(workers);
    }
    expect(accepted.size).toBe(EVENTS);

    // Drained: every report's pipeline done and nothing pending in the outbox (bounded wait).
    const drainedBy = Date.now() + drainMs;
    let left: Backlog = { reports: 0, open: -1, outboxPending: -1 };
    while (Date.now() < drainedBy) {
      left = await under.backlog();
      if (left.reports >= EVENTS && left.open === 0 && left.outboxPending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (left.outboxPending > 0 || left.open > 0) {
      // Not drained in time: say what is waiting, and why, before failing.
      console.info(
        `chaos (${label}) not drained: ${JSON.stringify(left)}; waiting: ${JSON.stringify(await under.waiting())}`,
      );
      console.info(`chaos (${label}) service stderr: ${service!.stderr().slice(-4000)}`);
    }
    expect(left).toEqual({ reports: EVENTS, open: 0, outboxPending: 0 });
    await stopService(service!);
    service = null;

    const store = under.open();
    try {
      const reports = await store.reports.find({ sort: "createdAsc" });
      const byCase = new Map<string, number>();
      for (const report of reports) {
        const match = /case (\d+)/.exec(report.text);
        if (match?.[1]) byCase.set(match[1], (byCase.get(match[1]) ?? 0) + 1);
        expect(report.classifyJob.state).toBe("done");
        expect(report.history.filter((h) => h.action === "classified")).toHaveLength(1);
        expect(isTakenIn(report)).toBe(true);
        expect((await store.outbox.get(`intake:${report.id}:classified`))?.state).toBe("sent");
      }
      expect(byCase.size).toBe(EVENTS);
      expect([...byCase.values()].every((n) => n === 1)).toBe(true);

      // Every outbox post carries its key in Slack metadata: no key may be posted twice.
      const byKey = new Map<string, number>();
      for (const post of api.posted()) {
        const key = (post.metadata as { event_payload?: { outbox_key?: string } } | undefined)?.event_payload
          ?.outbox_key;
        if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      const duplicatePosts = [...byKey.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
      const heads = reports.filter((r) => r.clusterId === r.id);
      // One card posted per incident (its first post; later changes are chat.update), on both stores:
      // an update never posts a card of its own (it waits for the first post, queued with it), and a
      // posted card's ref is recorded before its outbox entry is marked sent.
      const extraCards = heads
        .map((head) =>
          [...byKey.entries()]
            .filter(([key]) => new RegExp(`^triage-card:${head.id}(?::|$)`).test(key))
            .reduce((n, [, count]) => n + count, 0),
        )
        .map((posts) => {
          expect(posts).toBeGreaterThanOrEqual(1);
          return posts - 1;
        })
        .reduce((a, b) => a + b, 0);
      console.info(
        `chaos (${label}): ${EVENTS} events, ${ROUNDS} kills, ${refused} non-2xx answers (retried), ` +
          `${reports.length} reports, ${heads.length} triage cards, ${extraCards} extra card posts, ` +
          `${byKey.size} outbox posts, ${duplicatePosts.length} posted twice, ` +
          `${api.callsTo("conversations.history").length} history look-ups`,
      );
      expect(extraCards).toBe(0);
      expect(duplicatePosts).toEqual([]);
    } finally {
      await store.close();
    }
  } finally {
    if (service) await stopService(service, 1000);
  }
}

describe("chaos: kill -9 under a load of signed Slack events", () => {
  let api: FakeSlackApi;
  let dir: string;

  beforeEach(async () => {
    api = await startFakeSlackApi({ token: TOKEN });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-slack-"));
  });
  afterEach(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`embedded store: ${EMBEDDED_EVENTS} events, ${ROUNDS} kills, Slack failing: nothing lost, doubled or stuck`, async () => {
    await runChaos(api, dir, embeddedUnderChaos(path.join(dir, "data")), "embedded", EMBEDDED_EVENTS, 90_000);
  }, 240_000);

  const target = mongoTestTarget();
  const ferret = target.uri !== null && target.flavor.startsWith("ferretdb");
  (ferret ? it : it.skip)(
    `FerretDB: ${FERRET_EVENTS} events, ${ROUNDS} kills, the database killed and restarted, Slack failing`,
    async () => {
      const under = await ferretUnderChaos(dir, path.join(dir, "data"));
      try {
        await runChaos(api, dir, under, "ferretdb", FERRET_EVENTS, 180_000);
      } finally {
        await under.close();
      }
    },
    420_000,
  );
});
