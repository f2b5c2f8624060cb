/**
 * Loads the committed weights of the learned part (model-weights.json, written by
 * scripts/train-offline-model.ts), validated. Not kept: the classifier keeps them compiled (see
 * bundledModelScorer), and the parsed rows took 11 MB in every thread.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ModelWeightsSchema, type ModelWeights } from "./linear-model";
import { createModelScorer, type ModelScorer } from "./model-scorer";

export const MODEL_WEIGHTS_FILE = path.join(__dirname, "model-weights.json");

export function loadModelWeights(file = MODEL_WEIGHTS_FILE): ModelWeights {
  return ModelWeightsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

let bundled: ModelScorer | undefined;

/** The committed weights compiled once per thread (classifiers of one thread share it: it is synchronous). */
export function bundledModelScorer(): ModelScorer {
  bundled ??= createModelScorer(loadModelWeights());
  return bundled;
}
