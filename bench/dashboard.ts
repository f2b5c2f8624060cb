/**
 * The CMIO dashboard over a year of reports: `npx tsx bench/dashboard.ts [reports=50000]`.
 * Seeds an on-disk embedded store with `reports` spread over the 52 weeks before now (20 units,
 * 8 systems, tags, acknowledged and resolved reports with their history), closes it, opens it again
 * (the store's caches are cold; the OS file cache is not), starts the real server and times the
 * first full load of /dashboard/api/summary for the whole year — goal < 1 s — then the warm median,
 * a unit-filtered load and the CSV export. Prints the figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../src/adapters/store/embedded/embedded-store";
import { defaultCatalogue } from "../src/config/catalogue";
import type { DashboardView } from "../src/domain/dashboard/dashboard-view";
import { windowContaining, trailingWindows } from "../src/domain/iso-week";
import { asRedacted } from "../src/domain/redacted-text";
import { newReport, type Report } from "../src/domain/report";
import { KINDS, SEVERITIES } from "../src/domain/taxonomy";
import { createDashboardRoutes } from "../src/http/dashboard-routes";
import { closeServer, createHttpServer, listen } from "../src/http/server";
import { silentLogger } from "../src/ports/logger";

const NOW = new Date("2026-11-25T12:00:00Z");
const YEAR_MS = 364 * 86_400_000;
const HOUR = 3_600_000;
const UNITS = defaultCatalogue()
  .units.map((u) => u.name)
  .slice(0, 20);
const SYSTEMS = [
  "ehr",
  "bcma",
  "printer",
  "network",
  "lab_system",
  "dispensing_cabinet",
  "workstation",
  "infusion_pump",
];
const TAGS = ["freeze", "login", "scanner", "labels", "slow", "wifi", "order-set", "alert-fatigue"];

function rand(i: number, salt: number): number {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 4294967296;
}

function report(seq: number, createdAt: Date): Report {
  const r = (salt: number) => rand(seq, salt);
  const pick = <T>(items: readonly T[], salt: number): T => items[Math.floor(r(salt) * items.length)] as T;
  const unit = pick(UNITS, 1);
  const system = pick(SYSTEMS, 2);
  const base = newReport({
    seq,
    now: createdAt,
    channel: "teams",
    reporter: { ref: `bench:user-${seq % 900}`, anonymous: false, displayName: null },
    conversationKey: null,
    text: asRedacted(`The ${system} keeps failing on ${unit} during med pass, third time this shift (report ${seq})`),
    redactions: {},
    truncated: false,
    attachmentsDropped: 0,
  });
  const ackAt = new Date(createdAt.getTime() + HOUR * (0.2 + r(4) * 6));
  const resolvedAt = new Date(ackAt.getTime() + HOUR * (1 + r(5) * 120));
  const resolved = resolvedAt < NOW && r(3) < 0.8;
  return {
    ...base,
    classification: {
      isReport: true,
      kind: pick(KINDS, 8),
      system,
      severity: pick(SEVERITIES, 9),
      patientSafety: r(10) < 0.1,
      location: unit,
      summary: `${system} failing on ${unit}`,
      tags: [pick(TAGS, 11), pick(TAGS, 12)],
      missing: [],
      source: "offline",
      promptVersion: null,
      model: null,
      classifiedAt: createdAt,
    },
    classifyJob: { state: "done", attempts: 1, claimedBy: null, leaseUntil: null },
    intake: { ...base.intake, stage: "confirmed" },
    status: resolved ? "resolved" : "acknowledged",
    acknowledgedAt: ackAt,
    resolvedAt: resolved ? resolvedAt : null,
    history: [
      ...base.history,
      { at: ackAt, actor: "slack:U0IT", action: "status", from: "new", to: "acknowledged", note: null },
      ...(resolved
        ? [
            {
              at: resolvedAt,
              actor: "slack:U0IT",
              action: "status",
              from: "acknowledged",
              to: "resolved",
              note: "Restarted the service",
            },
          ]
        : []),
    ],
  };
}

/** Wall time, and this process's CPU time (what the wall time would be on an idle core: the machine may be shared). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 50_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-bench-"));
  const seeding = createEmbeddedStore({ dataDir, logger: silentLogger });
  await seeding.init();
  const seedStart = performance.now();
  for (let from = 0; from < total; from += 5_000) {
    const batch: Report[] = [];
    for (let i = from; i < Math.min(total, from + 5_000); i++)
      batch.push(report(i + 1, new Date(NOW.getTime() - YEAR_MS + rand(i + 1, 13) * YEAR_MS)));
    await seeding.reports.insertMany(batch);
  }
  const seedMs = performance.now() - seedStart;
  await seeding.close();

  const store = createEmbeddedStore({ dataDir, logger: silentLogger });
  await store.init();
  const server = createHttpServer({
    logger: silentLogger,
    modules: [
      createDashboardRoutes({
        reports: store.reports,
        catalogue: defaultCatalogue(),
        timeZone: "Europe/Berlin",
        clock: { now: () => new Date(NOW) },
        logger: silentLogger,
      }),
    ],
  });
  const { url } = await listen(server, 0, "127.0.0.1");
  try {
    const weeks = trailingWindows(windowContaining(NOW, "Europe/Berlin"), 53);
    const range = `from=${weeks[0]!.period}&to=${weeks[weeks.length - 1]!.period}`;
    const load = (query: string) =>
      timed(async () => {
        const res = await fetch(`${url}/dashboard/api/summary?${query}`);
        if (!res.ok) throw new Error(`summary answered ${res.status}`);
        return (await res.json()) as DashboardView;
      });
    const first = await load(range);
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await load(range);
      warm.push(run.ms);
      warmCpu.push(run.cpuMs);
    }
    warm.sort((a, b) => a - b);
    warmCpu.sort((a, b) => a - b);
    const unit = await load(`${range}&unit=${encodeURIComponent(UNITS[0]!)}`);
    const facts = await timed(() =>
      store.reports.findFacts({ createdFrom: weeks[0]!.from, createdTo: weeks[weeks.length - 1]!.to }),
    );
    const csv = await timed(async () => (await fetch(`${url}/dashboard/api/export.csv?${range}`)).text());
    const counted = first.value.totals.reports.value;
    const ok = first.ms < 1000 && counted === total;
    console.log(
      `dashboard summary, ${counted} of ${total} reports over ${weeks.length} weeks (embedded store, on disk): first load ${first.ms.toFixed(0)} ms (CPU ${first.cpuMs.toFixed(0)} ms), ` +
        `then median ${warm[2]!.toFixed(0)} ms (min ${warm[0]!.toFixed(0)}, CPU median ${warmCpu[2]!.toFixed(0)}); one unit ${unit.ms.toFixed(0)} ms; ` +
        `findFacts alone ${facts.ms.toFixed(0)} ms (CPU ${facts.cpuMs.toFixed(0)}) (${facts.value.length} facts); CSV export ${csv.ms.toFixed(0)} ms (${(csv.value.length / 1024).toFixed(0)} KiB); ` +
        `seeding ${(seedMs / 1000).toFixed(1)} s — ${ok ? "OK" : "SLOW"} (goal: first load < 1000 ms)`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await closeServer(server);
    await store.close();
    if (process.env.KEEP_BENCH_DIR) console.log(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
