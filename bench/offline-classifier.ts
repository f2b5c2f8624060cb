/**
 * Throughput of the offline path: redact, classify (already redacted text) and redact + classify
 * every sample report, repeated.
 * Run: npx tsx bench/offline-classifier.ts [rounds]
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { classifyOffline } from "../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../src/config/catalogue";

function main(): void {
  const rounds = Number(process.argv[2] ?? 200);
  const file = path.resolve(__dirname, "../test/fixtures/sample-reports.jsonl");
  const texts = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const catalogue = loadCatalogue();
  const redactor = createRegexRedactor(catalogue);
  const classify = classifyOffline(catalogue);
  const redacted = texts.map((t) => redactor.redact(t).text);
  // Warm-up, so the figures are of optimised code rather than of the compiler.
  for (let r = 0; r < 5; r += 1) for (const t of texts) classify(redactor.redact(t).text);
  const measure = (label: string, step: (text: string) => unknown, inputs: readonly string[] = texts): void => {
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let r = 0; r < rounds; r += 1) for (const t of inputs) step(t);
    const wallSeconds = Number(process.hrtime.bigint() - wall) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const n = rounds * inputs.length;
    const rate = (s: number): string => Math.round(n / s).toLocaleString("en-US");
    // CPU time is what one core can do; wall time also counts other load on the machine.
    console.log(`${label.padEnd(18)} ${rate(cpuSeconds)} messages/s of CPU, ${rate(wallSeconds)} wall (${n} messages)`);
  };
  measure("redact", (t) => redactor.redact(t));
  measure("classify", (t) => classify(t), redacted);
  measure("redact + classify", (t) => classify(redactor.redact(t).text));
  // Goal: one message classified in < 5 ms. Every labelled fixture message once, timed alone.
  const fixtures = path.resolve(__dirname, "../test/fixtures");
  const all = readdirSync(fixtures)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(path.join(fixtures, f), "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => redactor.redact((JSON.parse(l) as { text: string }).text).text),
    );
  const times = all.map((t) => {
    const start = process.hrtime.bigint();
    classify(t);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  times.sort((a, b) => a - b);
  const at = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    `classify one message: median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (${times.length} messages; goal < 5 ms)`,
  );
}

main();
