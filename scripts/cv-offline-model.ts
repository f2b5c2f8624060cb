/**
 * Cross-validation of the offline classifier's learned part and of how it is blended with the
 * rules, on the TRAINING files only (never heldout-b, heldout-d or the shared sample file).
 * Folds: each training file held out in turn (model trained on the others), and train-e split in
 * five (model trained on everything else). The rules were tuned on heldout-a, heldout-c and
 * offline-extra, so only the train-e folds measure the rules honestly: the blend is chosen there.
 * Run: npx tsx scripts/cv-offline-model.ts
 */
import path from "node:path";
import { classifyOffline } from "../src/adapters/classifier-offline/offline-classifier";
import type { ModelWeights } from "../src/adapters/classifier-offline/linear-model";
import type { BlendParams } from "../src/adapters/classifier-offline/model-blend";
import { createCatalogueMatcher } from "../src/adapters/classifier-offline/catalogue-matcher";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { scoreEval } from "../src/cli/eval-score";
import { loadCatalogue } from "../src/config/catalogue";
import { loadExamples, trainModelWeights, TRAIN_OPTIONS, type TrainingExample } from "./offline-model-train";
import { TRAINING_FILES } from "./train-offline-model";

interface Fold {
  name: string;
  train: TrainingExample[];
  test: TrainingExample[];
  weights?: ModelWeights;
}

const catalogue = loadCatalogue();
const matcher = createCatalogueMatcher(catalogue);
const redactor = createRegexRedactor(catalogue);
const byFile = TRAINING_FILES.map((f) => ({ name: path.basename(f, ".jsonl"), examples: loadExamples(f, redactor) }));
const options = {
  minCount: Number(process.env.MIN_COUNT ?? TRAIN_OPTIONS.minCount),
  l2: Number(process.env.L2 ?? TRAIN_OPTIONS.l2),
  steps: Number(process.env.STEPS ?? TRAIN_OPTIONS.steps),
  rate: Number(process.env.RATE ?? TRAIN_OPTIONS.rate),
};

const folds: Fold[] = byFile.map((held) => ({
  name: held.name,
  train: byFile.filter((f) => f !== held).flatMap((f) => f.examples),
  test: held.examples,
}));
const last = byFile[byFile.length - 1]!;
for (let part = 0; part < 5; part += 1)
  folds.push({
    name: `${last.name}/${part}`,
    train: [...byFile.slice(0, -1).flatMap((f) => f.examples), ...last.examples.filter((_, i) => i % 5 !== part)],
    test: last.examples.filter((_, i) => i % 5 === part),
  });
for (const fold of folds) fold.weights = trainModelWeights(fold.train, [], options, true);

type Scores = { kind: number; severity: number; patientSafety: number };

function evaluate(tests: Fold[], weightsOn: boolean, blend: BlendParams): Scores {
  let right = { kind: 0, severity: 0, patientSafety: 0 };
  let n = 0;
  for (const fold of tests) {
    const classify = classifyOffline(catalogue, matcher, { weights: weightsOn ? fold.weights! : null, blend });
    const items = fold.test.map((e) => ({
      sample: e.sample,
      redacted: e.redacted,
      result: classify(e.redacted),
      source: "offline",
      flaggedReason: null,
    }));
    const s = scoreEval(items).scores;
    const reports = fold.test.filter((e) => e.sample.gold.isReport).length;
    right = {
      kind: right.kind + (s.kind ?? 0) * reports,
      severity: right.severity + (s.severity ?? 0) * reports,
      patientSafety: right.patientSafety + (s.patientSafety ?? 0) * reports,
    };
    n += reports;
  }
  const r = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return { kind: r(right.kind), severity: r(right.severity), patientSafety: r(right.patientSafety) };
}

const honest = folds.filter((f) => f.name.includes("/"));
const BIG = 1000;
const grid = (values: number[]) => values;
const base: BlendParams = {
  kindRuleWeight: BIG,
  severityRuleWeight: BIG,
  strongOverrides: true,
  safetyRuleWeight: BIG,
};
const line = (label: string, weightsOn: boolean, blend: BlendParams): void => {
  const perFold = folds
    .slice(0, byFile.length)
    .map((f) => `${f.name} ${JSON.stringify(evaluate([f], weightsOn, blend))}`);
  console.log(
    `${label}\n  ${last.name} 5-fold: ${JSON.stringify(evaluate(honest, weightsOn, blend))}\n  ${perFold.join("\n  ")}`,
  );
};

console.log(`training options ${JSON.stringify(options)}`);
line("rules only", false, base);
line("model only", true, { kindRuleWeight: 0, severityRuleWeight: 0, strongOverrides: false, safetyRuleWeight: 0 });
// One field at a time, on the honest folds only.
let best = { ...base };
const pick = (field: "kind" | "severity" | "patientSafety", candidates: BlendParams[]): void => {
  let top = -1;
  for (const c of candidates) {
    const s = evaluate(honest, true, c)[field];
    console.log(`  ${field} ${JSON.stringify(c)} -> ${s}`);
    if (s > top + 1e-9) [top, best] = [s, c];
  }
};
pick(
  "kind",
  grid([0, 0.25, 0.5, 1, 1.5, 2, 3, 5, BIG]).map((w) => ({ ...best, kindRuleWeight: w })),
);
pick(
  "severity",
  [true, false].flatMap((strong) =>
    grid([0, 0.5, 1, 1.5, 2, 3, BIG]).map((w) => ({ ...best, strongOverrides: strong, severityRuleWeight: w })),
  ),
);
pick(
  "patientSafety",
  grid([0, 0.5, 1, 1.5, 2, 3, 5, BIG]).map((w) => ({ ...best, safetyRuleWeight: w })),
);
line(`chosen blend ${JSON.stringify(best)}`, true, best);
