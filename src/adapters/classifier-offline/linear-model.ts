/**
 * A small multinomial logistic-regression model (one per field), trained offline by
 * scripts/train-offline-model.ts and stored in model-weights.json. Features are binary and the
 * vector is scaled to unit length, so the score of a class is its bias plus the root-mean weight
 * of the features present. Unknown features are ignored. Weights are stored as whole hundredths.
 */
import { z } from "zod";
import { SIGNAL_GROUPS } from "./signal-features";

export const LinearModelSchema = z.object({
  classes: z.array(z.string().min(1)).min(2),
  /** In hundredths, one per class. */
  bias: z.array(z.number().int()),
  /** feature → one weight per class (same order as classes), in hundredths. */
  weights: z.record(z.string(), z.array(z.number().int())),
});
export type LinearModel = z.infer<typeof LinearModelSchema>;

export const ModelWeightsSchema = z.object({
  version: z.literal(1),
  /** What the weights were trained on, for people reading the file. */
  trainedOn: z.array(z.string()),
  /** Which rule signals (signal-features.ts) are features besides the words; none when absent. */
  signals: z.array(z.enum(SIGNAL_GROUPS)).optional(),
  models: z.object({
    kind: LinearModelSchema,
    patientSafety: LinearModelSchema,
    severity: LinearModelSchema.optional(),
    /** Is the message a report at all ("true"/"false"), blended with the non-report gate's rules. */
    isReport: LinearModelSchema.optional(),
    /** Read only when the catalogue matcher finds no system named ("the MAR froze" → ehr). */
    system: LinearModelSchema.optional(),
  }),
});
export type ModelWeights = z.infer<typeof ModelWeightsSchema>;

/** Natural-log probabilities of every class, in the model's class order. */
export function logProbabilities(model: LinearModel, features: readonly string[]): number[] {
  const scores = model.bias.map((b) => b / 100);
  const present = features.filter((f) => model.weights[f] !== undefined);
  const scale = present.length > 0 ? 1 / (100 * Math.sqrt(features.length)) : 0;
  for (const feature of present) {
    const row = model.weights[feature]!;
    for (let k = 0; k < scores.length; k += 1) scores[k]! += (row[k] ?? 0) * scale;
  }
  const max = Math.max(...scores);
  const logSum = max + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - max), 0));
  return scores.map((s) => s - logSum);
}
