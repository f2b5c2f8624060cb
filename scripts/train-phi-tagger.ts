/**
 * Writes the redactor's learned tagger (scripts/phi-tagger-train.ts) or, with --cv, measures it
 * leave-one-file-out: each labelled file is redacted by the rules alone and by the rules plus a
 * tagger trained on all the other files, at each threshold pair "seed/grow" given.
 *
 *   npx tsx scripts/train-phi-tagger.ts                   writes src/adapters/redaction/data/phi-tagger-weights.json
 *   npx tsx scripts/train-phi-tagger.ts --cv [--show S/G]  (TAGGER_THRESHOLDS=0.5/0.2,0.65/0.2; TAGGER_L2, _EPOCHS,
 *                                                         _RATE, _MIN, _HARD override the training options)
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { TaggerWeights } from "../src/adapters/redaction/phi-tagger";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { leakedIdentifiers, removedLookalikes } from "../src/cli/eval-phi";
import { loadCatalogue } from "../src/config/catalogue";
import {
  buildTaggerWeightsJson,
  loadLabelledFiles,
  TAGGER_OPTIONS,
  TAGGER_WEIGHTS_FILE,
  taggerTrainingFiles,
  trainTagger,
  type LabelledMessage,
} from "./phi-tagger-train";

const env = (k: string, d: number): number => Number(process.env[k] ?? d);
const catalogue = loadCatalogue();
const show = process.argv.includes("--show") ? process.argv[process.argv.indexOf("--show") + 1] : undefined;

interface Tally {
  ids: number;
  leaked: number;
  look: number;
  lost: number;
}

function score(messages: readonly LabelledMessage[], model: TaggerWeights | null, key: string): Tally {
  const redactor = createRegexRedactor(catalogue, { tagger: model });
  const t: Tally = { ids: 0, leaked: 0, look: 0, lost: 0 };
  for (const m of messages) {
    const out = redactor.redact(m.text).text;
    const leaks = leakedIdentifiers(m.text, out, m.phi);
    const losses = removedLookalikes(m.text, out, m.notPhi);
    t.ids += m.phi.length;
    t.leaked += leaks.length;
    t.look += m.notPhi.length;
    t.lost += losses.length;
    if (key === show && leaks.length + losses.length > 0)
      console.log(`  LEAK ${leaks.join(" | ")}  LOST ${losses.join(" | ")}\n     ${out.slice(0, 300)}`);
  }
  return t;
}

function crossValidate(): void {
  const options = {
    l2: env("TAGGER_L2", TAGGER_OPTIONS.l2),
    rate: env("TAGGER_RATE", TAGGER_OPTIONS.rate),
    epochs: env("TAGGER_EPOCHS", TAGGER_OPTIONS.epochs),
    minCount: env("TAGGER_MIN", TAGGER_OPTIONS.minCount),
    hardNegative: env("TAGGER_HARD", TAGGER_OPTIONS.hardNegative),
  };
  const keys = ["rules", ...(process.env.TAGGER_THRESHOLDS ?? "0.5/0.2,0.65/0.2").split(",")];
  const sums = new Map(keys.map((k) => [k, { ids: 0, leaked: 0, look: 0, lost: 0 }]));
  const sets = loadLabelledFiles(taggerTrainingFiles(), options.hardNegative);
  for (const held of sets) {
    const weights = trainTagger(
      sets.filter((s) => s !== held).flatMap((s) => s.examples),
      options,
    );
    const parts = [held.name.padEnd(24)];
    for (const key of keys) {
      const [seed, grow] = key.split("/").map(Number);
      const r = score(held.messages, key === "rules" ? null : { threshold: seed!, grow: grow ?? seed!, weights }, key);
      const acc = sums.get(key)!;
      acc.ids += r.ids;
      acc.leaked += r.leaked;
      acc.look += r.look;
      acc.lost += r.lost;
      parts.push(`${key}: ${r.leaked}/${r.ids} lost ${r.lost}/${r.look}`);
    }
    console.log(parts.join("  "));
  }
  for (const [key, s] of sums)
    console.log(
      `${key.padEnd(8)} recall ${(100 * (1 - s.leaked / s.ids)).toFixed(1)}% (${s.leaked}/${s.ids} leaked)  look-alikes removed ${((100 * s.lost) / s.look).toFixed(1)}% (${s.lost}/${s.look})`,
    );
}

if (process.argv.includes("--cv")) crossValidate();
else {
  writeFileSync(TAGGER_WEIGHTS_FILE, buildTaggerWeightsJson());
  console.log(`written ${path.relative(process.cwd(), TAGGER_WEIGHTS_FILE)}`);
}
