/**
 * The compiled model scorer (model-scorer.ts) is a faster way to the same numbers: for every
 * message of the sample and fixture files, its log-probabilities equal, exactly, those of
 * logProbabilities(model, textFeatures(folded)), and with the rule signals (signal-features.ts) those of
 * the words followed by the signals.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { logProbabilities, type ModelWeights } from "../../src/adapters/classifier-offline/linear-model";
import { createModelScorer } from "../../src/adapters/classifier-offline/model-scorer";
import { loadModelWeights } from "../../src/adapters/classifier-offline/model-weights";
import { createCatalogueMatcher } from "../../src/adapters/classifier-offline/catalogue-matcher";
import { createFeatureReader, SIGNAL_GROUPS } from "../../src/adapters/classifier-offline/signal-features";
import { textFeatures } from "../../src/adapters/classifier-offline/text-features";
import { loadCatalogue } from "../../src/config/catalogue";
import { prepareText } from "../../src/adapters/classifier-offline/text-prep";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const SAMPLES = path.resolve(__dirname, "../fixtures/sample-reports.jsonl");

function texts(): string[] {
  const files = [
    SAMPLES,
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => path.join(FIXTURES, f)),
  ];
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
}

describe("compiled model scorer", () => {
  const weights = loadModelWeights();
  const score = createModelScorer(weights);
  const all = texts();

  it("gives exactly the log-probabilities of the feature list, for every fixture message", () => {
    expect(all.length).toBeGreaterThan(400);
    for (const text of [...all, "", "   ", "printer printer printer down down", "Ünïcödé ß ł 4W 12"]) {
      const folded = prepareText(text).folded;
      const logp = score(folded);
      const features = textFeatures(folded);
      expect(logp(weights.models.kind)).toEqual(logProbabilities(weights.models.kind, features));
      expect(logp(weights.models.patientSafety)).toEqual(logProbabilities(weights.models.patientSafety, features));
    }
  });

  it("adds the rule signals after the words, as the feature reader lists them, for every head", () => {
    const catalogue = loadCatalogue();
    const read = createFeatureReader(createCatalogueMatcher(catalogue), SIGNAL_GROUPS);
    const heads = Object.values(weights.models);
    let withSignals = 0;
    for (const text of all.slice(0, 200)) {
      const folded = prepareText(text).folded;
      const words = textFeatures(folded);
      const everything = read(text);
      expect(everything.slice(0, words.length)).toEqual(words);
      const signals = everything.slice(words.length);
      if (signals.length > 0) withSignals += 1;
      const logp = score(folded, signals);
      for (const head of heads) expect(logp(head)).toEqual(logProbabilities(head, everything));
    }
    expect(withSignals).toBe(200);
  });

  it("gives the same numbers when its n-gram memory is tiny and starts afresh all the time", () => {
    const forgetful = createModelScorer(weights, 50);
    for (const text of all.slice(0, 120)) {
      const folded = prepareText(text).folded;
      expect(forgetful(folded)(weights.models.kind)).toEqual(score(folded)(weights.models.kind));
    }
  });

  it("scores a severity model too, and a model it was not compiled with", () => {
    const withSeverity: ModelWeights = {
      ...weights,
      models: { ...weights.models, severity: { ...weights.models.patientSafety, classes: ["low", "high"] } },
    };
    const logp = createModelScorer(withSeverity)(prepareText(all[0]!).folded);
    const features = textFeatures(prepareText(all[0]!).folded);
    expect(logp(withSeverity.models.severity!)).toEqual(logProbabilities(withSeverity.models.severity!, features));
    const other = { ...weights.models.kind, bias: weights.models.kind.bias.map((b) => b + 1) };
    expect(logp(other)).toEqual(logProbabilities(other, features));
  });
});
