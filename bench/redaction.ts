/**
 * PHI redaction speed: a realistic 4,000-character message (goal: under 5 ms each), the lexicon's
 * one-time load, and adversarial inputs at 1,000 / 2,000 / 4,000 / 8,000 characters (long tokens,
 * digit runs, many capitalised words, repeated cues and honorifics, punctuation storms) to show that
 * the cost grows linearly with length (no pathological backtracking): the "x per doubling" column
 * should stay near 2. Times are CPU time (best of five batches), not wall time.
 * Run: npx tsx bench/redaction.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { nameLexicon } from "../src/adapters/redaction/name-lexicon";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../src/config/catalogue";

const scale = Number(process.env.BENCH_SCALE ?? 1);

function timeOnce<T>(f: () => T): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * CPU milliseconds per call, the best of five batches of `rounds` calls. CPU time rather than wall
 * time: on a shared, loaded machine wall time mostly measures the wait for a core.
 */
function cpuPerCall(f: () => unknown, rounds: number): number {
  let best = Infinity;
  for (let batch = 0; batch < 5; batch += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < rounds; i += 1) f();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / rounds);
  }
  return best;
}

/** "pt Aabcde and Babcdf gave Cabcdg ..." — distinct made-up names, each after a cue or an "and". */
function distinctNames(length: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i += 1) {
    const name = `${String.fromCharCode(65 + (i % 26))}${(i * 7919).toString(36).replace(/\d/g, "x")}ski`;
    const part = i % 2 === 0 ? `pt ${name} and ` : `${name} keeps calling; `;
    parts.push(part);
    size += part.length;
  }
  return parts.join("").slice(0, length);
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const ADVERSARIAL: Record<string, string> = {
  "long token": "A",
  "digit run": "1",
  "digits and spaces": "12 ",
  "capitalised words": "Grace Okafor Teodora Marchetti Glasgow Coma Scale ",
  "repeated cues": "pt mr. mrs. bed 4 Frau Sra. M. pt ",
  "honorific + common words": "Mrs. Price in bed 4 Mr. Baker's ",
  "MRN label + groups": "MRN 12 34 56 78 90 ",
  "phone-ish": "+1 (800) 555-0111 +",
  "dates and ages": "5 juin 1939 92M 95 yo 2 de abril de ",
  "e-mail written out": "a.b at c dot d dot ",
  particles: "van der de la da von ",
  "file name, no extension": "scan_OKAFOR_G_1234567_",
  "phone groups": "0475 12 34 56 ",
  initials: "Herr K. J.R. pt JR PRZYBYLSKI J. ",
  "spelled e-mail, no domain": "a dot b punkt c arobase ",
  "addresses and postcodes": "Am Mühlbach 3a, 79098 Freiburg, BN2 4QF, ",
  "caps particles": "VAN DEN BERG, DE LA ",
  "punctuation storm": "-.-,-'-/-(-)-:",
};

function main(): void {
  const catalogue = loadCatalogue();
  const lexiconMs = timeOnce(() => nameLexicon());
  const redactor = createRegexRedactor(catalogue);
  console.log(`lexicon load (once per process): ${lexiconMs.toFixed(1)} ms`);

  const samples = readFileSync(path.resolve(__dirname, "../test/fixtures/dev-j.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const realistic = samples.join(" ").slice(0, 4000);
  for (let i = 0; i < 20; i += 1) redactor.redact(realistic); // warm-up
  const rounds = Math.max(5, Math.round(40 * scale));
  const ms = cpuPerCall(() => redactor.redact(realistic), rounds);
  console.log(`4,000-char realistic message: ${ms.toFixed(2)} ms of CPU per message (goal < 5 ms)`);

  console.log("adversarial input (ms of CPU per call at 1k / 2k / 4k / 8k chars; x per doubling, ~2 = linear)");
  const lengths = [1000, 2000, 4000, 8000];
  const cases: [string, string[]][] = [
    ...Object.entries(ADVERSARIAL).map(([label, unit]): [string, string[]] => [
      label,
      lengths.map((n) => repeatTo(unit, n)),
    ]),
    // Every name different, each found and then looked for again (echoes, misspellings, "and" links).
    ["distinct names", lengths.map((n) => distinctNames(n))],
  ];
  for (const [label, texts] of cases) {
    texts.forEach((t) => redactor.redact(t));
    const times = texts.map((t) => cpuPerCall(() => redactor.redact(t), Math.max(3, Math.round(10 * scale))));
    const ratios = times.slice(1).map((t, i) => t / Math.max(times[i]!, 0.001));
    const worst = Math.max(...ratios);
    console.log(
      `  ${label.padEnd(26)} ${times.map((t) => t.toFixed(2).padStart(7)).join(" ")}   x${ratios.map((r) => r.toFixed(1)).join(" x")}${worst > 3 ? "  <- superlinear?" : ""}`,
    );
  }
}

main();
