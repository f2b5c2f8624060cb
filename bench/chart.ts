/**
 * Chart rendering time (goal: < 300 ms per chart). `npx tsx bench/chart.ts [runs]`
 * Writes the last chart to test-artifacts/digest-chart.png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { renderDigestChart } from "../src/adapters/digest/chart";
import { sampleDigest } from "../test/fixtures/sample-digest";

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const digest = await sampleDigest();
  const t0 = performance.now();
  let png = await renderDigestChart(digest);
  const first = performance.now() - t0;
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    png = await renderDigestChart(digest);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  // CPU time per chart shows the real cost when other processes compete for the cores.
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  mkdirSync("test-artifacts", { recursive: true });
  writeFileSync("test-artifacts/digest-chart.png", png);
  const ok = pct(95) < 300;
  console.log(
    `chart: first ${first.toFixed(0)} ms (cold), then ${runs} runs: median ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${(times[times.length - 1] ?? 0).toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms per chart, ${png.length} bytes PNG — ${ok ? "OK" : "SLOW"} (goal < 300 ms)`,
  );
  if (!ok) process.exitCode = 1;
}

void main();
