/**
 * Trains the offline classifier's learned part from every labelled fixture file except the shared
 * sample and writes src/adapters/classifier-offline/model-weights.json. Deterministic: the same
 * files give the same bytes (a unit test retrains and compares). scripts/cv-per-file.ts leaves each
 * of these files out in turn to measure how the classifier does on messages it never saw.
 * Run: npx tsx scripts/train-offline-model.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createCatalogueMatcher } from "../src/adapters/classifier-offline/catalogue-matcher";
import { MODEL_WEIGHTS_FILE } from "../src/adapters/classifier-offline/model-weights";
import { createFeatureReader } from "../src/adapters/classifier-offline/signal-features";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../src/config/catalogue";
import { loadExamples, trainModelWeights, TRAIN_OPTIONS } from "./offline-model-train";

const FIXTURES = path.resolve(__dirname, "../test/fixtures");
/** The shared sample: never trained on, scored as a check only. */
export const SAMPLE_FILE = path.join(FIXTURES, "sample-reports.jsonl");
/**
 * Each file was written by a different person or round: heldout-a…d and g by colleagues and blind
 * helpers, train-e and train-f after the first rules, dev-j (260 messages, five roles, several
 * languages), train-m and train-n (220 each, US and Commonwealth styles, half in German, Spanish,
 * French and Polish), train-r (280, UK and Commonwealth), train-s (280, European languages), train-t
 * (280, US/Canadian physicians, pharmacists and techs, the rarer kinds) and train-u (280,
 * internationally trained staff, code-switching), train-x (240, Australian/Canadian/US/Caribbean, hard
 * PHI), train-y (240, European, Gulf, Israeli and Singaporean hospitals, 45% not in English),
 * train-za (240, UK/Irish/Australian/European/Gulf, hard systems and severities) and train-zb (240,
 * US/Canadian, hard kinds, severities and patient safety) by colleagues who never saw the rules.
 */
/**
 * The blind sets of earlier rounds (eval/blind): scored once each, then no longer blind, so they are
 * training data now (about 1,000 more messages); each round's honest figure comes from a new set.
 * Not yet V and W (round 5): with them the shared sample's severity fell from 0.70 to 0.63 and its
 * patient safety from 0.91 to 0.87; to be looked at by leaving each file out before they go in.
 */
export const SPENT_BLIND_SETS = ["h", "i", "k", "l", "p", "q"].map((x) =>
  path.resolve(__dirname, "../eval/blind", `blind-${x}.jsonl`),
);

export const TRAINING_FILES = [
  "heldout-a.jsonl",
  "heldout-b.jsonl",
  "heldout-c.jsonl",
  "heldout-d.jsonl",
  "heldout-g.jsonl",
  "offline-extra.jsonl",
  "train-e.jsonl",
  "train-f.jsonl",
  "dev-j.jsonl",
  "train-m.jsonl",
  "train-n.jsonl",
  "train-r.jsonl",
  "train-s.jsonl",
  "train-t.jsonl",
  "train-u.jsonl",
  "train-x.jsonl",
  "train-y.jsonl",
  "train-za.jsonl",
  "train-zb.jsonl",
]
  .map((f) => path.join(FIXTURES, f))
  .concat(SPENT_BLIND_SETS);

/** The weights file's exact text for the committed training files. */
export function buildModelWeightsJson(): string {
  const catalogue = loadCatalogue();
  const redactor = createRegexRedactor(catalogue);
  const read = createFeatureReader(createCatalogueMatcher(catalogue), TRAIN_OPTIONS.signals);
  const examples = TRAINING_FILES.flatMap((f) => loadExamples(f, redactor, read));
  const weights = trainModelWeights(
    examples,
    TRAINING_FILES.map((f) => path.relative(path.resolve(__dirname, ".."), f)),
  );
  return `${JSON.stringify(weights)}\n`;
}

if (require.main === module) {
  const json = buildModelWeightsJson();
  writeFileSync(MODEL_WEIGHTS_FILE, json);
  console.log(`wrote ${MODEL_WEIGHTS_FILE} (${Math.round(json.length / 1024)} KB)`);
}
