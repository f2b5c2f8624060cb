/**
 * Acknowledgement path (redact + gate + store + reply; classification excluded) at a fixed open-loop
 * rate, default 200 reports/s for 10 s, goal p99 < 50 ms:
 * - core: `core.onMessage(...)` from call (and from scheduled arrival) to the returned reply;
 * - http: POST /api/messages (Bot Framework, no auth) on an in-process restify server wired like
 *   main.ts, until the HTTP answer, i.e. after the acknowledgement reached the (fake) Bot Connector.
 *   The fake Bot Connector, which sends the activities (the load, timed there) and receives the
 *   replies, runs in a child process as a real one is remote: only the bot's own work is on the
 *   bot's event loop and in its "CPU in this process". BENCH_CONNECTOR=both also runs both in the
 *   bot's process (the old figure: they then compete for its event loop), =inprocess only that.
 * Embedded store with the product's default durability (WAL, synchronous=NORMAL; BENCH_EMBEDDED_SYNC=full
 * for FULL, EMBEDDED_SYNC's other value); MongoDB with TEST_MONGODB_URI or MONGODB_URI, else a
 * FerretDB started like the tests do, else skipped with the reason (BENCH_SKIP_MONGO=1 skips it).
 * BENCH_LEGS=http (or core) runs only those legs, e.g. under `npx tsx --cpu-prof`.
 *   npx tsx bench/ack-path.ts [reportsPerSecond] [seconds]     BENCH_SCALE=0.2 shortens the run
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createTeamsChannel } from "../src/adapters/channels/teams";
import { createEmbeddedStore } from "../src/adapters/store/embedded/embedded-store";
import { MongoClient } from "mongodb";
import { createMongoStore } from "../src/adapters/store/mongo/mongo-store";
import type { InboundMessage } from "../src/app/intake/core-types";
import { closeServer, createHttpServer, listen } from "../src/http/server";
import { systemClock } from "../src/ports/clock";
import { silentLogger } from "../src/ports/logger";
import type { Store } from "../src/ports/store";
import { startFakeBotConnector } from "../test/fakes/fake-bot-connector";
import { startRemoteConnector } from "./lib/remote-connector";
import { postActivity, teamsActivity } from "./lib/teams-load";
import { randomTestDbName, startMongoForTests, stopMongoForTests } from "../test/support/mongo-server";
import { ackPathCore } from "./lib/ack-core";
import { runOpenLoop, summary, type OpenLoopResult } from "./lib/open-loop";

const RATE = Number(process.argv[2] ?? "200");
const SECONDS = Number(process.argv[3] ?? "10") * Number(process.env.BENCH_SCALE ?? "1");
const WARMUP_SECONDS = Math.min(1, SECONDS);
const GOAL_P99_MS = 50;
/** After the last arrival, answers still missing this long are reported as unanswered. */
const DRAIN_MS = 15_000;
/** After that, how long to wait for the rest before the next run (abandoned after). */
const SETTLE_MS = 30_000;
const CONNECTOR_MODES = connectorModes(process.env.BENCH_CONNECTOR ?? "child");
/** Which legs run: "core,http" (default), or one of them (e.g. for a --cpu-prof of the HTTP path only). */
const LEGS = new Set((process.env.BENCH_LEGS ?? "core,http").split(","));
const EMBEDDED_SYNC = process.env.BENCH_EMBEDDED_SYNC === "full" ? "full" : "normal";
const SAMPLES = path.resolve(__dirname, "../test/fixtures/sample-reports.jsonl");

type ConnectorMode = "child" | "inprocess";

function connectorModes(value: string): ConnectorMode[] {
  if (value === "both") return ["child", "inprocess"];
  if (value === "child" || value === "inprocess") return [value];
  throw new Error(`BENCH_CONNECTOR must be child, inprocess or both, not ${value}`);
}

/** Report texts (with their PHI, so the redactor works for real); a fixed set if the file is absent. */
function reportTexts(): string[] {
  const fallback = [
    "Epic keeps freezing when I open the MAR on 4 West, pt John Smith MRN 4471234 waiting for meds",
    "label printer in the CVICU med room is jammed, no specimen labels",
    "Pyxis on 5 North won't open the narcotics drawer, call me at 555-201-3344",
    "Vocera keeps dropping calls in the ED since this morning",
  ];
  if (!fs.existsSync(SAMPLES)) return fallback;
  const texts = fs
    .readFileSync(SAMPLES, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; gold: { isReport: boolean } })
    .filter((s) => s.gold.isReport)
    .map((s) => s.text);
  return texts.length > 0 ? texts : fallback;
}

const TEXTS = reportTexts();
let seq = 0;

function inbound(): InboundMessage {
  seq += 1;
  const user = `bench-user-${seq % 1000}`;
  return {
    sender: { channel: "teams", userId: user, userName: null, conversationKey: `teams:a:${user}`, direct: true },
    text: TEXTS[seq % TEXTS.length]!,
    attachments: 0,
    deliveryId: `bench-${process.pid}-${seq}`,
  };
}

/** Counts something during a measured run (acks, connector replies) and says it in one line. */
interface Tally {
  reset(): void | Promise<void>;
  line(): string | Promise<string>;
}

/**
 * Warm-up (not counted), then the measured run. Waits (up to SETTLE_MS) for stragglers so the next
 * run starts clean; false when they did not finish: the store cannot keep up with this rate.
 */
type RunLoop = (rate: number, seconds: number) => Promise<OpenLoopResult>;

async function measure(label: string, rate: number, runLoop: RunLoop, tally: Tally): Promise<boolean> {
  const warmup = await runLoop(rate, WARMUP_SECONDS);
  if (!(await settles(warmup.settled))) {
    console.log(`  ${label}: the warm-up second alone was still unfinished ${(DRAIN_MS + SETTLE_MS) / 1000} s later`);
    return false;
  }
  await tally.reset();
  const cpu = process.cpuUsage();
  const result = await runLoop(rate, SECONDS);
  const used = process.cpuUsage(cpu);
  console.log(summary(label, result, GOAL_P99_MS));
  console.log(`    ${await tally.line()}`);
  console.log(`    ${cpuLine(used, result.sent)}`);
  if (result.unanswered === 0) return true;
  const started = performance.now();
  const done = await settles(result.settled);
  console.log(
    done
      ? `    (the last answer came ${((performance.now() - started) / 1000).toFixed(1)} s after the drain time)`
      : `    (some still unanswered ${SETTLE_MS / 1000} s after the drain time: abandoned)`,
  );
  return done;
}

/** CPU of this process (bot, load generator; not a child-process connector) per request of a run. */
function cpuLine(used: NodeJS.CpuUsage, requests: number): string {
  const perRequest = (micros: number) => (micros / 1000 / Math.max(1, requests)).toFixed(2);
  return (
    `CPU in this process: ${perRequest(used.user + used.system)} ms per request ` +
    `(user ${perRequest(used.user)}, system ${perRequest(used.system)}), load average ${os.loadavg()[0]!.toFixed(1)}`
  );
}

async function settles(settled: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    settled.then(() => true),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), SETTLE_MS);
    }),
  ]);
  clearTimeout(timer);
  return done;
}

async function coreLeg(label: string, store: Store, rate = RATE): Promise<boolean> {
  if (!LEGS.has("core")) return true;
  const core = ackPathCore(store);
  let acks = 0;
  const fire = async () => {
    const response = await core.onMessage(inbound());
    if (response.replies.some((r) => r.trackForReport)) acks += 1;
  };
  return measure(`${label} core.onMessage`, rate, (r, seconds) => runOpenLoop(r, seconds, fire, DRAIN_MS), {
    reset: () => {
      acks = 0;
    },
    line: () => `${acks} acknowledged as reports (the rest answered as not-a-report by the gate)`,
  });
}

async function httpLegs(label: string, store: Store): Promise<void> {
  if (!LEGS.has("http")) return;
  for (const mode of CONNECTOR_MODES) await httpLeg(label, store, mode);
}

/** The bot's side (Teams channel on the restify server, as main.ts wires it) and the connector's side. */
async function httpLeg(label: string, store: Store, mode: ConnectorMode): Promise<boolean> {
  const teams = createTeamsChannel({
    appType: "MultiTenant",
    core: ackPathCore(store),
    conversations: store.conversations,
    clock: systemClock,
    logger: silentLogger,
  });
  const server = createHttpServer({ logger: silentLogger, modules: [teams.routes] });
  const { url: botUrl } = await listen(server, 0, "127.0.0.1");
  const connector = mode === "child" ? await startRemoteConnector() : await localConnector();
  try {
    let before = 0;
    const where =
      mode === "child"
        ? "fake Bot Connector and load in a child process"
        : "fake Bot Connector and load in this process";
    return await measure(
      `${label} POST /api/messages (${where})`,
      RATE,
      (rate, seconds) => connector.run(botUrl, rate, seconds, DRAIN_MS, TEXTS),
      {
        reset: async () => {
          before = await connector.sentCount();
        },
        line: async () => `${(await connector.sentCount()) - before} replies reached the fake Bot Connector`,
      },
    );
  } finally {
    await closeServer(server);
    await connector.close();
  }
}

/** The old setup: the fake Bot Connector and the load generator share the bot's process and event loop. */
async function localConnector() {
  const local = await startFakeBotConnector();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return {
    run: (botUrl: string, rate: number, seconds: number, drainMs: number, texts: string[]) =>
      runOpenLoop(rate, seconds, () => postActivity(agent, botUrl, teamsActivity(texts, local.url)), drainMs),
    sentCount: () => Promise.resolve(local.sent().length),
    close: async () => {
      agent.destroy();
      await local.close();
    },
  };
}

async function embeddedLegs(): Promise<void> {
  const memory = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await memory.init();
  console.log("store: embedded SQLite in memory (no disk: the floor of the code path)");
  await coreLeg("memory", memory);
  await httpLegs("memory", memory);
  await memory.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ack-"));
  const store = createEmbeddedStore({ dataDir: dir, logger: silentLogger, synchronous: EMBEDDED_SYNC });
  try {
    await store.init();
    console.log(`store: ${store.describe()}, synchronous=${EMBEDDED_SYNC.toUpperCase()}`);
    await coreLeg("embedded", store);
    await httpLegs("embedded", store);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function mongoUri(): Promise<{ uri: string; flavor: string } | { skip: string }> {
  const given = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  if (given) return { uri: given, flavor: process.env.TEST_MONGODB_URI ? "TEST_MONGODB_URI" : "MONGODB_URI" };
  try {
    await startMongoForTests();
  } catch (err) {
    return { skip: (err as Error).message };
  }
  const started = process.env.TEST_MONGODB_URI;
  if (started) return { uri: started, flavor: process.env.TEST_MONGODB_FLAVOR ?? "FerretDB" };
  return { skip: process.env.TEST_MONGODB_SKIP_REASON ?? "no MongoDB server" };
}

/** A MongoDB store on a database of its own, dropped afterwards. */
async function withMongoStore(
  target: { uri: string; flavor: string },
  work: (store: Store) => Promise<void>,
): Promise<void> {
  const dbName = randomTestDbName("bench_ack");
  const store = createMongoStore({ uri: target.uri, dbName, logger: silentLogger });
  try {
    await store.init();
    console.log(`store: ${store.describe()} [${target.flavor}]`);
    await work(store);
  } finally {
    await store.close();
    const admin = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 });
    await admin
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await admin.close();
  }
}

async function mongoLegs(): Promise<void> {
  const target = await mongoUri();
  if ("skip" in target) {
    console.log(`MongoDB leg SKIPPED: ${target.skip}`);
    return;
  }
  try {
    let keptUp = false;
    await withMongoStore(target, async (store) => {
      keptUp = await coreLeg("mongodb", store);
      if (keptUp) await httpLegs("mongodb", store);
    });
    if (!keptUp) {
      const lower = Math.max(1, Math.round(RATE / 10));
      console.log(`  mongodb could not keep up with ${RATE}/s (HTTP leg skipped); the core leg again at ${lower}/s:`);
      await withMongoStore(target, (store) => coreLeg("mongodb", store, lower).then(() => undefined));
    }
  } finally {
    await stopMongoForTests();
  }
}

async function main(): Promise<void> {
  console.log(
    `ack path: ${RATE} reports/s open loop for ${SECONDS} s (+${WARMUP_SECONDS} s warm-up), ${TEXTS.length} texts, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  await embeddedLegs();
  if (process.env.BENCH_SKIP_MONGO === "1") console.log("MongoDB leg SKIPPED: BENCH_SKIP_MONGO=1");
  else await mongoLegs();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
