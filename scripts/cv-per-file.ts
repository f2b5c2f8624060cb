/**
 * Leave-one-file-out figures of the whole offline classifier (rules + learned model + safety floor),
 * per held-out file and field: for each labelled fixture file, the model is trained on all the other
 * files and the classifier is scored on the file left out, exactly as the eval scores it (answers
 * raised to the safety floor). The sample file is never trained on; it is scored with the model
 * trained on every file, as a check only.
 *
 * Besides the shipped blend (model-blend.ts DEFAULT_BLEND) it scores, from the same trained folds,
 * the rules alone and one setting at a time of each field's blend, so the blend is chosen by this
 * cross-validation and never by the sample. Non-reports: recall is the fraction of gold non-reports
 * not filed (the eval's isReportNonReports), precision the fraction of messages not filed that are
 * truly non-reports. "crit<high" counts gold-critical reports answered below high.
 *
 * Run: npx tsx scripts/cv-per-file.ts            (shipped training options and blend, per file)
 *      GRID=1 npx tsx scripts/cv-per-file.ts     (also every blend setting, one field at a time)
 *      OPTIONS='{"l2":0.1,"signals":[]}' …        (other training options, TrainOptions)
 *      BLEND='{"kindRuleWeight":0.5}' …           (another blend as "shipped")
 *      FOLDS_CACHE=/tmp/cv-folds …                (reuse the folds' weights of an earlier run: blends only)
 *      DUMP=/tmp/cv.jsonl …                       (every held-out answer of the shipped blend, one JSON line
 *                                                   each: file, id, text as redacted, gold, answer; for
 *                                                   confusion tables by field and language)
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCatalogueMatcher } from "../src/adapters/classifier-offline/catalogue-matcher";
import type { ModelWeights } from "../src/adapters/classifier-offline/linear-model";
import { DEFAULT_BLEND, type BlendParams } from "../src/adapters/classifier-offline/model-blend";
import { classifyOffline } from "../src/adapters/classifier-offline/offline-classifier";
import { createFeatureReader } from "../src/adapters/classifier-offline/signal-features";
import { createRegexRedactor } from "../src/adapters/redaction/regex-redactor";
import { floorOutput } from "../src/app/pipeline/classify-filed";
import { scoreEval } from "../src/cli/eval-score";
import { loadCatalogue } from "../src/config/catalogue";
import { safetyFloorOf } from "../src/domain/safety-floor";
import { SEVERITY_RANK } from "../src/domain/taxonomy";
import {
  loadExamples,
  trainModelWeights,
  TRAIN_OPTIONS,
  type TrainingExample,
  type TrainOptions,
} from "./offline-model-train";
import { SAMPLE_FILE, TRAINING_FILES } from "./train-offline-model";

const catalogue = loadCatalogue();
const matcher = createCatalogueMatcher(catalogue);
const redactor = createRegexRedactor(catalogue);
const options: TrainOptions = {
  ...TRAIN_OPTIONS,
  ...(JSON.parse(process.env.OPTIONS ?? "{}") as Partial<TrainOptions>),
};
const shipped: BlendParams = { ...DEFAULT_BLEND, ...(JSON.parse(process.env.BLEND ?? "{}") as Partial<BlendParams>) };
const read = createFeatureReader(matcher, options.signals);

const FIELDS = ["isReport", "nrRecall", "nrPrecision", "kind", "system", "severity", "patientSafety"] as const;
type Field = (typeof FIELDS)[number];
type Scores = Record<Field, number | null> & { critLow: number };

/** Held-out answers collected for DUMP. */
const dumped: string[] = [];

function score(
  test: readonly TrainingExample[],
  weights: ModelWeights | null,
  blend: BlendParams,
  dumpAs?: string,
): Scores {
  const classify = classifyOffline(catalogue, matcher, { weights, blend });
  let critLow = 0;
  let notFiled = 0;
  let notFiledRight = 0;
  const items = test.map((e) => {
    const output = floorOutput(
      { result: classify(e.redacted), source: "offline", promptVersion: null, model: null, flaggedReason: null },
      safetyFloorOf(e.redacted),
    );
    const r = output.result;
    if (!r.isReport) {
      notFiled += 1;
      if (!e.sample.gold.isReport) notFiledRight += 1;
    }
    if (dumpAs !== undefined)
      dumped.push(JSON.stringify({ file: dumpAs, id: e.sample.id, text: e.redacted, gold: e.sample.gold, answer: r }));
    if (e.sample.gold.severity === "critical" && (!r.isReport || SEVERITY_RANK[r.severity] < SEVERITY_RANK.high))
      critLow += 1;
    return { sample: e.sample, redacted: e.redacted, result: r, source: "offline", flaggedReason: null };
  });
  const s = scoreEval(items).scores;
  return {
    isReport: s.isReport,
    nrRecall: s.isReportNonReports,
    nrPrecision: notFiled === 0 ? null : notFiledRight / notFiled,
    kind: s.kind,
    system: s.system,
    severity: s.severity,
    patientSafety: s.patientSafety,
    critLow,
  };
}

/**
 * Files the rules were never tuned on (heldout-a, heldout-c, offline-extra and dev-j were used to
 * find the rules' gaps; train-e, train-f and heldout-g were looked at): only on these is the rules'
 * own figure honest, so the blend is chosen by their mean, with the mean of all files beside it.
 */
const NEVER_TUNED_ON = new Set([
  "heldout-b",
  "heldout-d",
  "train-m",
  "train-n",
  "train-r",
  "train-s",
  "train-t",
  "train-u",
]);

const fmt = (x: number | null): string => (x === null ? "  -  " : x.toFixed(3));
const mean = (xs: ReadonlyArray<number | null>): number | null => {
  const kept = xs.filter((x): x is number => x !== null);
  return kept.length === 0 ? null : kept.reduce((a, b) => a + b, 0) / kept.length;
};

const started = Date.now();
/** ONLY=heldout-a,train-m leaves out (and scores) those files alone, to split a run over processes. */
const only = new Set((process.env.ONLY ?? "").split(",").filter((f) => f !== ""));
const byFile = TRAINING_FILES.map((f) => ({
  name: path.basename(f, ".jsonl"),
  examples: loadExamples(f, redactor, read),
}));
/**
 * FOLDS_CACHE=/tmp/dir keeps each fold's weights there (by training options and the files' texts),
 * so another blend grid over the same folds needs no training.
 */
const cacheDir = process.env.FOLDS_CACHE;
const cached = (key: string, train: () => ModelWeights): ModelWeights => {
  if (!cacheDir) return train();
  const file = path.join(cacheDir, `${createHash("sha256").update(key).digest("hex").slice(0, 24)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ModelWeights;
  const weights = train();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(weights));
  return weights;
};
const fingerprint = (files: typeof byFile): string =>
  JSON.stringify([options, files.map((f) => f.examples.map((e) => [e.redacted, e.sample.gold]))]);
const folds = byFile
  .filter((f) => only.size === 0 || only.has(f.name))
  .map((held) => {
    const rest = byFile.filter((f) => f !== held);
    return {
      name: held.name,
      test: held.examples,
      weights: cached(fingerprint(rest), () =>
        trainModelWeights(
          rest.flatMap((f) => f.examples),
          [],
          options,
        ),
      ),
    };
  });
const sample = loadExamples(SAMPLE_FILE, redactor, read);
const all = process.env.NO_SAMPLE
  ? null
  : cached(fingerprint(byFile), () =>
      trainModelWeights(
        byFile.flatMap((f) => f.examples),
        [],
        options,
      ),
    );
console.log(
  `training options ${JSON.stringify(options)}; folds trained in ${Math.round((Date.now() - started) / 1000)} s`,
);
console.log(`blend ${JSON.stringify(shipped)}`);

function table(
  label: string,
  weightsOf: (fold: (typeof folds)[number]) => ModelWeights | null,
  blend: BlendParams,
  dump = false,
) {
  console.log(`\n== ${label} ==`);
  console.log(`${"left out".padEnd(14)}    n  ${FIELDS.map((f) => f.slice(0, 8).padStart(8)).join(" ")} crit<high`);
  const rows = folds.map((fold) => ({
    fold,
    s: score(fold.test, weightsOf(fold), blend, dump ? fold.name : undefined),
  }));
  for (const { fold, s } of rows)
    console.log(
      `${fold.name.padEnd(14)} ${String(fold.test.length).padStart(4)}  ${FIELDS.map((f) => fmt(s[f]).padStart(8)).join(" ")} ${s.critLow}`,
    );
  console.log(
    `${"mean".padEnd(14)}       ${FIELDS.map((f) => fmt(mean(rows.map((r) => r.s[f]))).padStart(8)).join(" ")} ${rows.reduce((n, r) => n + r.s.critLow, 0)}`,
  );
  const honest = rows.filter((r) => NEVER_TUNED_ON.has(r.fold.name));
  console.log(
    `${"mean untuned".padEnd(14)}       ${FIELDS.map((f) => fmt(mean(honest.map((r) => r.s[f]))).padStart(8)).join(" ")} ${honest.reduce((n, r) => n + r.s.critLow, 0)}`,
  );
  if (all === null) return;
  const onSample = score(sample, weightsOf === noModel ? null : all, blend);
  console.log(
    `${"sample (check)".padEnd(14)} ${String(sample.length).padStart(4)}  ${FIELDS.map((f) => fmt(onSample[f]).padStart(8)).join(" ")} ${onSample.critLow}`,
  );
}
const noModel = (): null => null;

table("rules alone (no model)", noModel, shipped);
table("shipped blend", (f) => f.weights, shipped, process.env.DUMP !== undefined);
if (process.env.DUMP) writeFileSync(process.env.DUMP, dumped.map((line) => `${line}\n`).join(""));

if (process.env.GRID) {
  // One field's blend at a time, the rest as shipped: mean leave-one-file-out accuracy of that field.
  type Setting = { field: Field; param: keyof BlendParams; values: Array<number | boolean | string> };
  const settings: Setting[] = [
    { field: "kind", param: "kindRuleWeight", values: [0, 0.25, 0.5, 1, 2, 4] },
    { field: "system", param: "systemModelMin", values: [1, 0.7, 0.5, 0.4, 0.3, 0] },
    { field: "system", param: "systemNamedWeight", values: [1000, 0, 1, 2, 3, 5] },
    { field: "severity", param: "severityRuleWeight", values: [1000, 0, 0.5, 1, 1.25, 1.5, 2, 3] },
    { field: "severity", param: "strongOverrides", values: [true, false] },
    { field: "severity", param: "criticalAtLeastHigh", values: [1, 0.5, 0.35, 0.25, 0.15] },
    { field: "severity", param: "severityDecision", values: ["argmax", "median"] },
    { field: "patientSafety", param: "safetyThreshold", values: [-1.5, -1, -0.5, 0, 0.5] },
    { field: "patientSafety", param: "safetyRuleWeight", values: [1000, 0, 0.5, 1, 2, 3, 5] },
    { field: "isReport", param: "reportRuleWeight", values: [1000, 0, 0.5, 1, 2, 3, 5] },
    { field: "isReport", param: "reportThreshold", values: [0, 0.5, 1, 1.5, 2, 3] },
    { field: "isReport", param: "namedReportThreshold", values: [-1, 0, 0.5, 1, 1.5] },
  ];
  const grid = settings.filter((g) => !process.env.GRID_PARAMS || process.env.GRID_PARAMS.split(",").includes(g.param));
  console.log(`\n== blend grid: ${folds.map((f) => f.name).join(" ")} | mean, mean untuned | sample ==`);
  for (const { field, param, values } of grid)
    for (const value of values) {
      const blend = { ...shipped, [param]: value };
      const perFile = folds.map((fold) => score(fold.test, fold.weights, blend));
      const onSample = all === null ? null : score(sample, all, blend);
      const extra = field === "isReport" ? perFile.map((s) => fmt(s.nrRecall)).join(" ") : "";
      const crit = field === "severity" ? ` crit<high ${perFile.reduce((n, s) => n + s.critLow, 0)}` : "";
      console.log(
        `${field.padEnd(13)} ${`${param}=${String(value)}`.padEnd(26)} ${perFile.map((s) => fmt(s[field])).join(" ")} | ${fmt(mean(perFile.map((s) => s[field])))} ${fmt(mean(perFile.filter((_, i) => NEVER_TUNED_ON.has(folds[i]!.name)).map((s) => s[field])))} | ${onSample === null ? "-" : fmt(onSample[field])}${crit}${extra ? ` nrRecall ${extra} | ${fmt(mean(perFile.map((s) => s.nrRecall)))}` : ""}`,
      );
    }
}
console.log(`\ndone in ${Math.round((Date.now() - started) / 1000)} s`);
