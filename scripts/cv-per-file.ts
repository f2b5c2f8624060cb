/**
 * Leave-one-file-out figures of the whole offline classifier (rules + learned model + safety
 * floor), per file and field: for each training file, the model is trained on the other training
 * files and the classifier scored on the file left out. Files named in EXTRA_FILES (comma-separated,
 * under test/fixtures) are scored with the model trained on all training files, as unseen data.
 * Never add heldout-b, heldout-d or heldout-g to the training files: they measure generalisation.
 * Run: npx tsx scripts/cv-per-file.ts   (EXTRA_FILES=heldout-b,heldout-d,heldout-g to score those too;
 * BLEND='{"kindRuleWeight":0.5}' to try another blend)
 */
import path from "node:path";
import { createCatalogueMatcher } from "../src/adapters/classifier-offline/catalogue-matcher";
import type { ModelWeights } from "../src/adapters/classifier-offline/linear-model";
import { DEFAULT_BLEND, type BlendParams } from "../src/adapters/classifier-offline/model-blend";
import { classifyOffline } from "../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { floorOutput } from "../src/app/pipeline/classify-filed";
import { scoreEval, type EvalScores } from "../src/cli/eval-score";
import { loadCatalogue } from "../src/config/catalogue";
import { safetyFloorOf } from "../src/domain/safety-floor";
import { loadExamples, trainModelWeights, type TrainingExample } from "./offline-model-train";
import { TRAINING_FILES } from "./train-offline-model";

const FIXTURES = path.resolve(__dirname, "../test/fixtures");
const catalogue = loadCatalogue();
const matcher = createCatalogueMatcher(catalogue);
const redactor = createRegexRedactor(catalogue);
/** BLEND='{"kindRuleWeight":0.5}' tries another blend (model-blend.ts) against the shipped one. */
const blend: BlendParams = { ...DEFAULT_BLEND, ...(JSON.parse(process.env.BLEND ?? "{}") as Partial<BlendParams>) };

function score(test: readonly TrainingExample[], weights: ModelWeights): EvalScores {
  const classify = classifyOffline(catalogue, matcher, { weights, blend });
  const items = test.map((e) => {
    const output = floorOutput(
      { result: classify(e.redacted), source: "offline", promptVersion: null, model: null, flaggedReason: null },
      safetyFloorOf(e.redacted),
    );
    return { sample: e.sample, redacted: e.redacted, result: output.result, source: "offline", flaggedReason: null };
  });
  return scoreEval(items).scores;
}

const FIELDS = ["isReport", "isReportNonReports", "kind", "system", "severity", "patientSafety"] as const;
const fmt = (x: number | null): string => (x === null ? "  -  " : x.toFixed(3));
function row(name: string, n: number, s: EvalScores): string {
  return `${name.padEnd(16)} ${String(n).padStart(4)}  ${FIELDS.map((f) => fmt(s[f]).padStart(7)).join(" ")}`;
}

const byFile = TRAINING_FILES.map((f) => ({ name: path.basename(f, ".jsonl"), examples: loadExamples(f, redactor) }));
console.log(`${"left out".padEnd(16)}    n  ${FIELDS.map((f) => f.slice(0, 7).padStart(7)).join(" ")}`);
const pooled: Record<string, number[]> = {};
for (const held of byFile) {
  const weights = trainModelWeights(
    byFile.filter((f) => f !== held).flatMap((f) => f.examples),
    [],
  );
  const s = score(held.examples, weights);
  console.log(row(held.name, held.examples.length, s));
  for (const f of FIELDS) (pooled[f] ??= []).push(s[f] ?? NaN);
}
const mean = (xs: number[]): number | null => {
  const kept = xs.filter((x) => !Number.isNaN(x));
  return kept.length === 0 ? null : kept.reduce((a, b) => a + b, 0) / kept.length;
};
console.log(`${"mean".padEnd(16)}       ${FIELDS.map((f) => fmt(mean(pooled[f] ?? [])).padStart(7)).join(" ")}`);
const extra = (process.env.EXTRA_FILES ?? "").split(",").filter((f) => f !== "");
if (extra.length > 0) {
  const all = trainModelWeights(
    byFile.flatMap((f) => f.examples),
    [],
  );
  console.log("unseen (model trained on all training files):");
  for (const name of extra) {
    const examples = loadExamples(path.join(FIXTURES, `${name}.jsonl`), redactor);
    console.log(row(name, examples.length, score(examples, all)));
  }
}
