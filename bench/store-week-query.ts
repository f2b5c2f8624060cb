/**
 * Embedded store: time to list one week of reports (find {createdFrom, createdTo}) among many.
 * `npx tsx bench/store-week-query.ts [total=100000] [perWeek=5000]` — goal < 1 s.
 * Uses a temporary on-disk store (WAL, synchronous=FULL), seeded with insertMany in batches.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../src/adapters/store/embedded/embedded-store";
import type { Report } from "../src/domain/report";
import { silentLogger } from "../src/ports/logger";
import { buildClassifiedReport } from "../test/fixtures/build-report";

const WEEK_MS = 7 * 24 * 3600_000;
const SYSTEMS = ["ehr", "bcma", "printer", "network", "lab_system"] as const;
const SEVERITIES = ["critical", "high", "medium", "low"] as const;

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const perWeek = Number(process.argv[3] ?? 5_000);
  const weeks = Math.ceil(total / perWeek);
  const start = Date.UTC(2024, 0, 1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "store-bench-"));
  const store = createEmbeddedStore({ dataDir, logger: silentLogger });
  try {
    await store.init();
    const t0 = performance.now();
    const batch = 10_000;
    for (let from = 0; from < total; from += batch) {
      const reports: Report[] = [];
      for (let i = from; i < Math.min(total, from + batch); i++) {
        const week = Math.floor(i / perWeek);
        const createdAt = new Date(start + week * WEEK_MS + ((i % perWeek) / perWeek) * WEEK_MS);
        reports.push(
          buildClassifiedReport(
            { seq: i + 1, createdAt },
            { system: SYSTEMS[i % SYSTEMS.length], severity: SEVERITIES[i % SEVERITIES.length] },
          ),
        );
      }
      await store.reports.insertMany(reports);
    }
    const seedMs = performance.now() - t0;

    const middle = Math.floor(weeks / 2);
    const createdFrom = new Date(start + middle * WEEK_MS);
    const createdTo = new Date(start + (middle + 1) * WEEK_MS);
    const times: number[] = [];
    let found = 0;
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      found = (await store.reports.find({ createdFrom, createdTo, sort: "createdAsc" })).length;
      times.push(performance.now() - t);
    }
    const t = performance.now();
    const counted = await store.reports.count({ createdFrom, createdTo });
    const countMs = performance.now() - t;
    const cold = times[0] ?? 0;
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const ok = median < 1000 && found === perWeek;
    console.log(
      `embedded week query: ${found} of ${total} reports; find median ${median.toFixed(0)} ms over ${times.length} runs (first, cold: ${cold.toFixed(0)} ms)` +
        `, count ${counted} in ${countMs.toFixed(1)} ms; seeding ${(seedMs / 1000).toFixed(1)} s` +
        ` (${Math.round(total / (seedMs / 1000))} reports/s) — ${ok ? "OK" : "SLOW"} (goal < 1000 ms)`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
