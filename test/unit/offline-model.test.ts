/**
 * The learned part of the offline classifier: the committed weights are exactly what the training
 * script makes from the committed training files (nobody hand-edits them), stay small, and are
 * blended with the rules as documented in model-blend.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createCatalogueMatcher } from "../../src/adapters/classifier-offline/catalogue-matcher";
import { logProbabilities, type ModelWeights } from "../../src/adapters/classifier-offline/linear-model";
import { blendKind, blendSafety, DEFAULT_BLEND } from "../../src/adapters/classifier-offline/model-blend";
import { loadModelWeights, MODEL_WEIGHTS_FILE } from "../../src/adapters/classifier-offline/model-weights";
import { classifyOffline } from "../../src/adapters/classifier-offline/offline-classifier";
import { textFeatures } from "../../src/adapters/classifier-offline/text-features";
import { prepareText } from "../../src/adapters/classifier-offline/text-prep";
import { loadCatalogue } from "../../src/config/catalogue";
import { TRAIN_OPTIONS } from "../../scripts/offline-model-train";
import { buildModelWeightsJson, SPENT_BLIND_SETS, TRAINING_FILES } from "../../scripts/train-offline-model";

const features = (text: string): string[] => textFeatures(prepareText(text).folded);

describe("offline model weights", () => {
  it("are reproduced byte for byte by retraining from the committed training files", () => {
    expect(buildModelWeightsJson()).toBe(readFileSync(MODEL_WEIGHTS_FILE, "utf8"));
    // Training takes ~12 s of CPU; a loaded CI machine may give it a small share of a core.
  }, 900_000);

  it("train on every labelled fixture file except the shared sample and on the spent blind sets, with every head, and stay under 2 MB", () => {
    const fixtures = readdirSync(path.resolve(__dirname, "../fixtures"))
      .filter((f) => f.endsWith(".jsonl") && f !== "sample-reports.jsonl")
      .map((f) => `test/fixtures/${f}`)
      .concat(SPENT_BLIND_SETS.map((f) => path.relative(path.resolve(__dirname, "../.."), f)))
      .sort();
    const weights = loadModelWeights();
    expect([...weights.trainedOn].sort()).toEqual(fixtures);
    expect(TRAINING_FILES.join(" ")).not.toMatch(/sample-reports/);
    expect(Object.keys(weights.models).sort()).toEqual(["isReport", "kind", "patientSafety", "severity", "system"]);
    expect(weights.signals).toEqual(TRAIN_OPTIONS.signals);
    expect(readFileSync(MODEL_WEIGHTS_FILE).length).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("text features", () => {
  it("are words, word pairs and in-word character 3- to 5-grams, digits folded, each once", () => {
    const f = features("Printer 4W down, printer down");
    expect(f).toEqual(expect.arrayContaining(["w:printer", "b:printer 0w", "c: pr", "c:print", "c:own ", "w:0w"]));
    expect(new Set(f).size).toBe(f.length);
    expect(features("")).toEqual(["len:short"]);
  });
});

describe("blending the model with the rules", () => {
  const weights = loadModelWeights();
  const probabilities = (text: string, field: "kind" | "patientSafety"): Record<string, number> => {
    const model = weights.models[field];
    const logp = logProbabilities(model, features(text));
    return Object.fromEntries(model.classes.map((c, k) => [c, Math.exp(logp[k]!)]));
  };

  it("gives probabilities that sum to one, and ignores unknown features", () => {
    const p = probabilities("the label printer keeps jamming", "kind");
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const bias = logProbabilities(weights.models.kind, ["never-seen-feature"]);
    expect(bias).toEqual(logProbabilities(weights.models.kind, []));
  });

  it("follows a strong rule cue and lets the model decide when the rules saw nothing", () => {
    const f = features("something about the thing on the unit");
    const modelBest =
      weights.models.kind.classes[
        logProbabilities(weights.models.kind, f).reduce((best, v, k, all) => (v > all[best]! ? k : best), 0)
      ];
    expect(blendKind(weights, DEFAULT_BLEND, f, new Map())).toBe(modelBest);
    expect(blendKind(weights, DEFAULT_BLEND, f, new Map([["privacy_security", 20]]))).toBe("privacy_security");
  });

  it("keeps the rules' patient-safety answer when they saw harm", () => {
    const f = features("hello there");
    expect(blendSafety(weights, DEFAULT_BLEND, f, { patientSafety: true, strong: true })).toBe(true);
  });

  it("is the rules alone with { weights: null }", () => {
    const catalogue = loadCatalogue();
    const rulesOnly = classifyOffline(catalogue, createCatalogueMatcher(catalogue), { weights: null });
    // No kind wording: the rules fall back to the most common kind.
    expect(rulesOnly("the thing on 4 West is acting weird again").kind).toBe("disruption");
  });

  it("uses a model given explicitly", () => {
    const catalogue = loadCatalogue();
    const everythingIsTraining: ModelWeights = {
      ...weights,
      models: {
        ...weights.models,
        kind: {
          ...weights.models.kind,
          bias: weights.models.kind.classes.map((c) => (c === "training_need" ? 5000 : 0)),
          weights: {},
        },
      },
    };
    const classify = classifyOffline(catalogue, createCatalogueMatcher(catalogue), { weights: everythingIsTraining });
    expect(classify("the thing on 4 West is acting weird again").kind).toBe("training_need");
  });
});
