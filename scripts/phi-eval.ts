/**
 * Redaction only (no classifier): PHI recall word by word, split into names and record-like
 * identifiers, and look-alikes removed, for each labelled file given; with --show, every leak and
 * every removed look-alike. Uses the eval's own scoring (src/cli/eval-phi.ts).
 * With --kinds, the same per kind for the cases written by kind (test/fixtures/phi-kinds.ts).
 * Run: npx tsx scripts/phi-eval.ts [--show] [--kinds] [--rules-only] [FILE…] (no file: every test/fixtures/*.jsonl)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { parseLabelledJsonl } from "../src/cli/eval-data";
import { leakedIdentifiers, removedLookalikes } from "../src/cli/eval-phi";
import { loadCatalogue } from "../src/config/catalogue";
import { PHI_KINDS, PHI_KINDS_SECOND, PHI_KINDS_THIRD } from "../test/fixtures/phi-kinds";
import { PHI_KINDS_FOURTH } from "../test/fixtures/phi-kinds-fourth";

/** Record numbers, dates, phones, e-mails: anything with a digit or an @. */
const isRecordLike = (phi: string): boolean => /[\d@]/.test(phi);
const pct = (hits: number, total: number): string => (total === 0 ? "n/a" : `${((hits / total) * 100).toFixed(1)}%`);

const show = process.argv.includes("--show");
const given = process.argv.slice(2).filter((a) => !a.startsWith("--"));
// No file given: every labelled fixture file (the before/after figures of each round).
const fixtures = path.join(__dirname, "..", "test", "fixtures");
const files =
  given.length > 0 || process.argv.includes("--kinds")
    ? given
    : readdirSync(fixtures)
        .filter((f) => f.endsWith(".jsonl"))
        .sort()
        .map((f) => path.join(fixtures, f));
// --rules-only: the pattern rules without the learned tagger (the tagger's share, side by side).
const redactor = createRegexRedactor(loadCatalogue(), process.argv.includes("--rules-only") ? { tagger: null } : {});
const sets: [string, { id: string; text: string; phi: string[]; notPhi: string[] }[]][] = files.map((file) => [
  path.basename(file),
  parseLabelledJsonl(readFileSync(file, "utf8"), file),
]);
if (process.argv.includes("--kinds"))
  for (const [kind, cases] of Object.entries({
    ...PHI_KINDS,
    ...PHI_KINDS_SECOND,
    ...PHI_KINDS_THIRD,
    ...PHI_KINDS_FOURTH,
  }))
    sets.push([kind, cases.map((k, i) => ({ id: `${i + 1}`, text: k.text, phi: k.phi, notPhi: k.notPhi ?? [] }))]);
for (const [name, samples] of sets) {
  const t = { names: 0, namesLeaked: 0, records: 0, recordsLeaked: 0, look: 0, lookRemoved: 0 };
  const lines: string[] = [];
  for (const s of samples) {
    const out = redactor.redact(s.text).text;
    const leaked = new Set(leakedIdentifiers(s.text, out, s.phi));
    for (const p of s.phi) {
      const leak = leaked.has(p) ? 1 : 0;
      if (isRecordLike(p)) {
        t.records += 1;
        t.recordsLeaked += leak;
      } else {
        t.names += 1;
        t.namesLeaked += leak;
      }
    }
    const present = s.notPhi.filter((n) => s.text.toLowerCase().includes(n.toLowerCase()));
    const removed = removedLookalikes(s.text, out, present);
    t.look += present.length;
    t.lookRemoved += removed.length;
    if (show && (leaked.size > 0 || removed.length > 0))
      lines.push(
        `  ${s.id}: ${leaked.size > 0 ? `LEAK ${[...leaked].join(" | ")}` : ""}${removed.length > 0 ? ` LOST ${removed.join(" | ")}` : ""}\n     ${out}`,
      );
  }
  const all = t.names + t.records;
  console.log(
    `${name.slice(0, 24).padEnd(24)} n=${String(samples.length).padEnd(4)} recall ${pct(all - t.namesLeaked - t.recordsLeaked, all).padEnd(6)}` +
      ` names ${pct(t.names - t.namesLeaked, t.names).padEnd(6)} (${t.namesLeaked}/${t.names} leaked)` +
      ` records ${pct(t.records - t.recordsLeaked, t.records).padEnd(6)} (${t.recordsLeaked}/${t.records})` +
      ` look-alikes removed ${pct(t.lookRemoved, t.look)} (${t.lookRemoved}/${t.look})`,
  );
  if (lines.length > 0) console.log(lines.join("\n"));
}
