/**
 * Loads the committed weights of the learned part (model-weights.json, written by
 * scripts/train-offline-model.ts), validated once and kept for later calls.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ModelWeightsSchema, type ModelWeights } from "./linear-model";

export const MODEL_WEIGHTS_FILE = path.join(__dirname, "model-weights.json");

let cached: ModelWeights | undefined;

export function loadModelWeights(file = MODEL_WEIGHTS_FILE): ModelWeights {
  if (file !== MODEL_WEIGHTS_FILE) return ModelWeightsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  cached ??= ModelWeightsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return cached;
}
