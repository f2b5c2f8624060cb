/**
 * The whole service under load, as a hospital (or an attacker) would send it: src/main.ts in a child
 * process (embedded store, offline classifier, Slack over HTTP against a fake Slack Web API in this
 * process), 300 open reports on the EHR already filed and taken into triage, then signed Slack DM
 * events at a fixed open-loop rate, 10% of them adversarial (a 4,000-letter token), while the
 * classification worker and the outbox run in the service as in production. Printed side by side:
 * - 200 events/s: acknowledgement (HTTP 200) p50 / p99 / max, goal p99 < 50 ms;
 * - 500 events/s: the latest acknowledgement (goal < 3 s) and lost reports (acknowledged with 200
 *   but not stored; goal 0); "busy" 503s are Slack-retryable refusals, counted apart;
 * - RSS of the service after the runs (goal < 300 MB).
 * Default 20 s at 200/s and 10 s at 500/s; BENCH_FULL=1 runs the issue's 60 s and 20 s.
 *   npx tsx bench/service-load.ts            BENCH_SCALE shortens the runs further
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import { EMBEDDED_DB_FILE } from "../src/adapters/store/embedded/embedded-store";
import { startFakeSlackApi } from "../test/fakes/fake-slack-api";
import { slackSignature } from "../test/fakes/slack-signing";
import { freePort, spawnService, stopService, waitForStatus } from "../test/support/service-process";

const FULL = process.env.BENCH_FULL === "1";
const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench";
const OPEN_REPORTS = 300;
// BENCH_RATES=50,200: other rates (each for the 200/s run's length), e.g. to see the cost per message unloaded.
const RUNS = process.env.BENCH_RATES
  ? process.env.BENCH_RATES.split(",").map((r) => ({ rate: Number(r), seconds: Math.max(2, (FULL ? 60 : 20) * SCALE) }))
  : [
      { rate: 200, seconds: Math.max(2, (FULL ? 60 : 20) * SCALE) },
      { rate: 500, seconds: Math.max(2, (FULL ? 20 : 10) * SCALE) },
    ];
const WORST = `Epic EHR is down on 4 West ${"a".repeat(4000)}`;
const PROBLEMS = [
  "Epic EHR is down, cannot chart meds",
  "Epic keeps freezing when I open the MAR",
  "EHR login fails with an error after the update",
  "Epic is very slow to load the flowsheets",
  "cannot sign orders in Epic, spinning wheel",
];
const UNITS = ["4 West", "5 North", "ICU", "ED", "CVICU", "PACU"];

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.BENCH_SOCKETS ?? 256) });
let sequence = 0;

function eventBody(text: string): string {
  sequence += 1;
  const user = `U${100000 + sequence}`;
  return JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `EvLoad${sequence}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message",
      channel_type: "im",
      channel: `D${user}`,
      user,
      text,
      ts: `1700000000.${sequence}`,
      team: "T1",
    },
  });
}

function postSigned(port: number, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/events",
        method: "POST",
        agent,
        timeout: 30_000,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": slackSignature(SECRET, ts, body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

const debugRows: number[][] = [];

interface RunResult {
  sent: number;
  ok: number;
  busy: number;
  other: number;
  /** What the others were: an HTTP status, or 0 for a request that failed on the way (reset, time-out). */
  otherStatuses: Set<number>;
  latencies: number[];
}

/** Open loop: arrivals at their scheduled instants whether or not earlier ones were answered. */
async function drive(port: number, rate: number, seconds: number, adversarialEvery = 10): Promise<RunResult> {
  const total = Math.round(rate * seconds);
  const result: RunResult = { sent: total, ok: 0, busy: 0, other: 0, otherStatuses: new Set(), latencies: [] };
  const pending: Promise<void>[] = [];
  const t0 = performance.now() + 5;
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const text =
      i % adversarialEvery === adversarialEvery - 1
        ? WORST
        : `${PROBLEMS[i % PROBLEMS.length]} on ${UNITS[i % UNITS.length]}, load ${sequence + 1}`;
    pending.push(
      postSigned(port, eventBody(text)).then((status) => {
        // From the scheduled arrival: a late start (the load generator itself busy) counts too.
        if (process.env.BENCH_DEBUG)
          debugRows.push([i, Math.round(scheduled - t0), Math.round(performance.now() - scheduled), status]);
        if (status === 200) {
          result.ok += 1;
          result.latencies.push(performance.now() - scheduled);
        } else if (status === 503) result.busy += 1;
        else {
          result.other += 1;
          result.otherStatuses.add(status);
        }
      }),
    );
  }
  await Promise.all(pending);
  if (process.env.BENCH_DEBUG) fs.writeFileSync(`${process.env.BENCH_DEBUG}-${rate}.json`, JSON.stringify(debugRows));
  result.latencies.sort((a, b) => a - b);
  return result;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function storedCount(dataDir: string): { reports: number; open: number; unfinished: number } {
  const db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      reports: n("SELECT count(*) AS n FROM reports"),
      open: n(
        "SELECT count(*) AS n FROM reports WHERE system = 'ehr' AND status IN ('new', 'acknowledged', 'in_progress')",
      ),
      unfinished: n("SELECT count(*) AS n FROM reports WHERE classify_state <> 'done'"),
    };
  } finally {
    db.close();
  }
}

/** CPU seconds (user + system) used so far by the process and by its main thread (the event loop). */
function cpuSeconds(pid: number): { process: number; main: number } {
  const ticks = (file: string): number => {
    const fields = fs.readFileSync(file, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15) in 1/100 s
  };
  return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

function walMb(dataDir: string): number {
  const file = path.join(dataDir, `${EMBEDDED_DB_FILE}-wal`);
  return fs.existsSync(file) ? fs.statSync(file).size / 1024 / 1024 : 0;
}

/** The V8 flags of `npm run start:prod` (the Dockerfile's CMD has the same; a test checks). */
function productionNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts["start:prod"]!.split(" ").filter((a) => a.startsWith("--max-"));
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  console.log(
    `service load: Slack DMs to src/main.ts in a child process, ${OPEN_REPORTS} open reports on the EHR, 10% adversarial; ` +
      `${RUNS.map((r) => `${r.rate}/s for ${r.seconds} s`).join(", ")}${FULL ? "" : " (BENCH_FULL=1: 60 s and 20 s)"}; ` +
      `pipeline ${process.env.PIPELINE_THREAD === "off" ? "in the event loop" : "in a worker thread"}; ` +
      `${process.env.BENCH_COMPILED === "1" ? `compiled, node ${(process.env.BENCH_NODE_ARGS ?? productionNodeFlags().join(" ")) || "(no flags)"}` : "tsx"}; ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const api = await startFakeSlackApi({ token: TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
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
  const port = await freePort();
  const service = spawnService(
    {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      TRIAGE_CONFIG_FILE: triageFile,
      // PIPELINE_THREAD=off: the pipeline in the event loop, for a side-by-side figure (default: a worker thread).
      PIPELINE_THREAD: process.env.PIPELINE_THREAD ?? "auto",
    },
    // BENCH_PROFILE=DIR: a V8 CPU profile of the service, written there when it stops.
    // BENCH_HEAP=DIR: a heap snapshot of the service after the runs, written there (SIGUSR2).
    {
      // BENCH_COMPILED=1: the built service (npm run build; node dist/main.js), as in production.
      ...(process.env.BENCH_COMPILED === "1" ? { compiledMain: path.resolve(__dirname, "../dist/main.js") } : {}),
      nodeArgs: [
        // BENCH_NODE_ARGS="--max-semi-space-size=4": V8 flags for the service, to try memory settings;
        // compiled, by default the flags production runs with (npm run start:prod, the Dockerfile).
        ...(process.env.BENCH_NODE_ARGS !== undefined
          ? process.env.BENCH_NODE_ARGS.split(" ").filter(Boolean)
          : process.env.BENCH_COMPILED === "1"
            ? productionNodeFlags()
            : []),
        ...(process.env.BENCH_PROFILE
          ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
          : []),
        ...(process.env.BENCH_HEAP
          ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${path.resolve(process.env.BENCH_HEAP)}`]
          : []),
      ],
    },
  );
  try {
    await waitForStatus(service, `http://127.0.0.1:${port}/readyz`, 200, 120_000);
    // The open reports, filed through the service itself, then classified and taken into triage.
    const setup = performance.now();
    await drive(port, 50, OPEN_REPORTS / 50, 1_000_000);
    for (;;) {
      const left = storedCount(dataDir);
      if (left.unfinished === 0) break;
      if (performance.now() - setup > 300_000)
        throw new Error(`setup not classified in 300 s: ${JSON.stringify(left)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const before = storedCount(dataDir);
    console.log(
      `  setup: ${before.open} open EHR reports filed and taken in, in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );
    console.log(`  service RSS after start-up and setup: ${rssMb(service.child.pid!).toFixed(0)} MB`);
    let stored = before.reports;
    for (const run of RUNS) {
      const load = os.loadavg()[0]!;
      const cpu0 = cpuSeconds(service.child.pid!);
      // This process sends the load and plays Slack's Web API: when it lags, the figures are its own.
      const ownLag = monitorEventLoopDelay({ resolution: 10 });
      ownLag.enable();
      const result = await drive(port, run.rate, run.seconds);
      ownLag.disable();
      const cpu1 = cpuSeconds(service.child.pid!);
      await new Promise((r) => setTimeout(r, 1000));
      const after = storedCount(dataDir);
      const lost = result.ok - (after.reports - stored);
      stored = after.reports;
      const l = result.latencies;
      console.log(
        `  ${run.rate}/s for ${run.seconds} s: ${result.ok} acknowledged (200), ${result.busy} busy (503, Slack retries), ${result.other} other${result.other ? ` (${[...result.otherStatuses].map((s) => (s === 0 ? "no HTTP answer" : `HTTP ${s}`)).join(", ")})` : ""}; ` +
          `ack p50 ${pct(l, 50).toFixed(1)} ms, p99 ${pct(l, 99).toFixed(1)} ms, latest ${(l[l.length - 1] ?? NaN).toFixed(0)} ms; ` +
          `lost ${Math.max(0, lost)} (load average ${load.toFixed(1)} before); ` +
          `service CPU ${(cpu1.process - cpu0.process).toFixed(1)} s (event-loop thread ${(cpu1.main - cpu0.main).toFixed(1)} s, ` +
          `${((1000 * (cpu1.main - cpu0.main)) / Math.max(1, result.ok)).toFixed(1)} ms per acknowledged message); ` +
          `load generator's own event-loop delay p99 ${(ownLag.percentile(99) / 1e6).toFixed(0)} ms, max ${(ownLag.max / 1e6).toFixed(0)} ms` +
          (run.rate === 200
            ? ` — goal p99 < 50 ms: ${pct(l, 99) < 50 ? "met" : "NOT met"}`
            : ` — goals latest < 3 s: ${(l[l.length - 1] ?? Infinity) < 3000 ? "met" : "NOT met"}, none lost: ${lost <= 0 ? "met" : "NOT met"}`),
      );
    }
    const rss = service.child.pid ? rssMb(service.child.pid) : NaN;
    const left = storedCount(dataDir);
    console.log(
      `  service RSS after the runs: ${rss.toFixed(0)} MB (goal < 300 MB: ${rss < 300 ? "met" : "NOT met"}); ` +
        `${left.unfinished} reports still being classified; WAL ${walMb(dataDir).toFixed(0)} MB; Slack API calls: ${api.callsTo("chat.postMessage").length} posts, ${api.callsTo("chat.update").length} updates`,
    );
    if (process.env.BENCH_HEAP) {
      const dir = path.resolve(process.env.BENCH_HEAP);
      const count = () => fs.readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")).length;
      const had = count();
      service.child.kill("SIGUSR2");
      // Written synchronously by the service; its size is known once the next poll sees the file grow no more.
      for (let i = 0; i < 600 && count() === had; i++) await new Promise((r) => setTimeout(r, 500));
      await waitForStatus(service, `http://127.0.0.1:${port}/healthz`, 200, 300_000);
      console.log(`  heap snapshot written to ${dir}`);
    }
  } finally {
    await stopService(service, 5000);
    await api.close();
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
