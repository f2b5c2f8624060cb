/**
 * The real classification thread (src/pipeline-thread-main.ts in a worker_threads Worker, on its own
 * connection to an embedded store file, or — as main.ts runs it — writing through the event loop's
 * store over a message port) is ended twice while it works through 30 reports: each time
 * a new thread takes over, the report the dead one held is re-driven after the lease, and every
 * report ends classified exactly once — none lost, none classified twice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { serveStore } from "../../src/adapters/store/store-over-port";
import { asRedacted } from "../../src/domain/redacted-text";
import { startPipelineThread } from "../../src/jobs/pipeline-thread";
import type { PipelineThreadData } from "../../src/pipeline-thread-main";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildReport } from "../fixtures/build-report";
import { until } from "../support/recording-logger";

const TEXTS = [
  "Epic freezes every time I open the MAR on 4 West",
  "label printer in the CVICU med room is jammed, no specimen labels",
  "Pyxis on 5 North won't open the narcotics drawer",
  "Vocera keeps dropping calls in the ED",
];
const COUNT = 30;

jest.setTimeout(240_000);

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-thread-"));
  store = createEmbeddedStore({ dataDir: dir, logger: silentLogger });
  await store.init();
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function classifiedCount(): Promise<number> {
  return store.reports.count({ classified: true });
}

it.each([
  ["on a connection of its own", false],
  ["asking the event loop's store through a message port (reads on a read-only handle)", true],
])("a thread ended mid-batch is replaced; every report is classified exactly once — %s", async (_how, viaPort) => {
  const reports = [];
  for (let i = 0; i < COUNT; i++) {
    const seq = await store.reports.nextSeq();
    reports.push(
      buildReport({
        seq,
        createdAt: new Date(Date.now() - 60_000 + i),
        text: asRedacted(TEXTS[i % TEXTS.length]!),
        conversationKey: `webchat:conv-${i}`,
      }),
    );
  }
  await store.reports.insertMany(reports);

  const workers: Worker[] = [];
  const data: PipelineThreadData = { owner: "thread-test", leaseMs: 1000, anonymousSalt: "salt", logFormat: "json" };
  const loop = startPipelineThread({
    spawn: () => {
      // As main.ts does with the embedded store: the thread writes through this store, over a port.
      const channel = viaPort ? new MessageChannel() : null;
      if (channel) serveStore(store, channel.port1);
      const worker = new Worker(path.resolve(__dirname, "../../src/pipeline-thread-main.ts"), {
        workerData: channel ? { ...data, storePort: channel.port2, storeDescription: "test" } : data,
        transferList: channel ? [channel.port2] : [],
        // Exactly this configuration (nothing from the test run's environment), and tsx for the .ts file.
        env: { DATA_DIR: dir, LOG_LEVEL: "fatal", PIPELINE_LEASE_MS: "1000" },
        execArgv: ["--require", require.resolve("tsx/cjs")],
      });
      if (channel) worker.on("exit", () => channel.port1.close());
      workers.push(worker);
      return worker;
    },
    logger: silentLogger,
    wakeOutbox: () => undefined,
    restartDelayMs: () => 50,
  });
  try {
    loop.wake();
    // Ended while it works: once after the first report, once a third of the way through.
    await until(() => workers.length === 1, 5_000);
    let done = 0;
    await until(() => {
      void classifiedCount().then((n) => (done = n));
      return done >= 1;
    }, 120_000);
    await workers[0]!.terminate();
    await until(() => workers.length === 2, 10_000);
    await until(() => {
      void classifiedCount().then((n) => (done = n));
      return done >= COUNT / 3;
    }, 120_000);
    await workers[1]!.terminate();
    await until(() => workers.length === 3, 10_000);
    await until(() => {
      void store.reports.count({}).then(async () => (done = await classifiedCount()));
      return done === COUNT;
    }, 180_000);
    await loop.idle();
  } finally {
    await loop.stop();
  }

  for (const { id } of reports) {
    const report = (await store.reports.get(id))!;
    expect(report.history.filter((h) => h.action === "classified")).toHaveLength(1);
    expect(report.classifyJob.state).toBe("done");
  }
  expect(loop.restarts()).toBe(2);
});
