/**
 * Trains the offline classifier's learned part from the training files and writes
 * src/adapters/classifier-offline/model-weights.json. Deterministic: the same files give the same
 * bytes (a unit test retrains and compares). Never add heldout-b, heldout-d or the shared sample
 * file here: they measure generalisation.
 * Run: npx tsx scripts/train-offline-model.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { MODEL_WEIGHTS_FILE } from "../src/adapters/classifier-offline/model-weights";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../src/config/catalogue";
import { loadExamples, trainModelWeights } from "./offline-model-train";

const FIXTURES = path.resolve(__dirname, "../test/fixtures");
/**
 * train-e and train-f were written after the rules were tuned, dev-j (260 varied messages by a
 * colleague, five roles, several languages) after that; cv-offline-model.ts and cv-per-file.ts
 * leave each file out in turn.
 */
export const TRAINING_FILES = [
  "heldout-a.jsonl",
  "heldout-c.jsonl",
  "offline-extra.jsonl",
  "train-e.jsonl",
  "train-f.jsonl",
  "dev-j.jsonl",
].map((f) => path.join(FIXTURES, f));

/** The weights file's exact text for the committed training files. */
export function buildModelWeightsJson(): string {
  const redactor = createRegexRedactor(loadCatalogue());
  const examples = TRAINING_FILES.flatMap((f) => loadExamples(f, redactor));
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
