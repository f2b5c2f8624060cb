/**
 * Time from a crash to a fully drained backlog: 1,000 reports stored but not yet processed (what a
 * kill -9 in the middle of a burst leaves: stored, some claimed by the dead instance), on the
 * embedded store, Slack configured against a local fake Web API. The service is started, killed
 * with SIGKILL while it works, and started again; the figure is from the kill to every report
 * classified, taken into triage and confirmed with nothing left in the outbox, and the same for a
 * clean start (no kill) for comparison.
 * `npx tsx bench/crash-drain.ts [reports]`; BENCH_SCALE shortens it; PIPELINE_LEASE_MS (default
 * here 5000) is how long the dead instance's claims block others.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../src/adapters/store/embedded/embedded-store";
import { asRedacted } from "../src/domain/redacted-text";
import { newReport, type Report } from "../src/domain/report";
import { silentLogger } from "../src/ports/logger";
import { startFakeSlackApi } from "../test/fakes/fake-slack-api";
import {
  freePort,
  spawnService,
  stopService,
  waitForStatus,
  type ServiceProcess,
} from "../test/support/service-process";

const TOKEN = "xoxb-bench";
const LEASE_MS = Number(process.env.PIPELINE_LEASE_MS ?? 5000);
const COUNT = Math.max(50, Math.round(Number(process.argv[2] ?? 1000) * Number(process.env.BENCH_SCALE ?? 1)));
const PROBLEMS = [
  "Epic froze when opening the MAR",
  "label printer jammed, no specimen labels",
  "Pyxis drawer will not open after badge scan",
  "Vocera badge drops every call",
  "bedside monitor lost the SpO2 waveform",
];
const UNITS = ["4 West", "CVICU", "5 North", "PACU", "NICU", "ED", "3 East"];

async function seed(dataDir: string): Promise<void> {
  const store = createEmbeddedStore({ dataDir, logger: silentLogger });
  await store.init();
  const now = new Date();
  const reports: Report[] = [];
  for (let i = 0; i < COUNT; i++) {
    const user = `U${1000 + i}`;
    const key = `slack:T1:${user}`;
    await store.conversations.save(key, { channel: `D${user}`, user, team: "T1", direct: true }, now);
    reports.push(
      newReport({
        seq: i + 1,
        now: new Date(now.getTime() + i),
        channel: "slack",
        reporter: { ref: `slack:${user}`, displayName: `Nurse ${i}`, anonymous: false },
        conversationKey: key,
        text: asRedacted(`${UNITS[i % UNITS.length]}: ${PROBLEMS[i % PROBLEMS.length]} (case ${i})`),
        redactions: {},
        truncated: false,
        attachmentsDropped: 0,
      }),
    );
  }
  await store.reports.insertMany(reports);
  await store.close();
}

function backlog(dataDir: string): { open: number; outbox: number } {
  const db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const open = (db.prepare("SELECT count(*) AS n FROM reports WHERE classify_state <> 'done'").get() as { n: number })
      .n;
    const outbox = (
      db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')").get() as { n: number }
    ).n;
    return { open, outbox };
  } finally {
    db.close();
  }
}

async function untilDrained(dataDir: string, service: ServiceProcess, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = backlog(dataDir);
    if (left.open === 0 && left.outbox === 0) return;
    if (Date.now() > deadline || service.child.exitCode !== null)
      throw new Error(`not drained: ${JSON.stringify(left)} ${service.stderr().slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(kill: boolean): Promise<void> {
  const api = await startFakeSlackApi({ token: TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-drain-"));
  const dataDir = path.join(dir, "data");
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
  const services: ServiceProcess[] = [];
  const start = async (): Promise<{ service: ServiceProcess; readyMs: number }> => {
    const port = await freePort();
    const started = performance.now();
    const service = spawnService({
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_API_URL: api.url,
      TRIAGE_CONFIG_FILE: triageFile,
      PIPELINE_LEASE_MS: String(LEASE_MS),
    });
    services.push(service);
    await waitForStatus(service, `http://127.0.0.1:${port}/readyz`, 200, 60_000);
    return { service, readyMs: performance.now() - started };
  };
  try {
    await seed(dataDir);
    let t0 = performance.now();
    if (kill) {
      const first = await start();
      // Let it get into the backlog (claims held, some cards and confirmations out), then kill -9.
      while (backlog(dataDir).open > COUNT * 0.9) await new Promise((r) => setTimeout(r, 20));
      first.service.child.kill("SIGKILL");
      await first.service.exited;
      t0 = performance.now();
    }
    const left = backlog(dataDir);
    const second = await start();
    await untilDrained(dataDir, second.service);
    const total = performance.now() - t0;
    console.log(
      `${kill ? "after kill -9" : "clean start  "}: ${left.open} reports and ${left.outbox} outbox messages queued → ` +
        `ready in ${(second.readyMs / 1000).toFixed(1)} s, fully drained ${(total / 1000).toFixed(1)} s after the ` +
        `${kill ? "kill" : "start"} (lease ${LEASE_MS} ms; ${api.callsTo("chat.postMessage").length} posts, ` +
        `${api.callsTo("chat.update").length} updates)`,
    );
  } finally {
    await Promise.all(services.map((s) => stopService(s, 2000)));
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`crash → drained, ${COUNT} queued reports, embedded store, offline classifier, fake Slack`);
  await run(false);
  await run(true);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
