/**
 * Combines the rules with the learned model (linear-model.ts). Each class scores its model
 * log-probability plus a weighted vote of the rules: for kind, the rules' cue weight for that kind;
 * for severity (only when a severity model is given), a bonus for the rules' severity; for patient
 * safety, a bonus for the rules' answer. When the rules saw harm or a whole-unit outage their
 * severity and patient safety win outright (`strongOverrides`). The severity and patient-safety
 * settings were checked by leaving each training file out in turn (scripts/cv-offline-model.ts);
 * severity follows the rules (applied to the blended kind), because a severity model did not beat
 * them there.
 * Each blend takes the features, or (the `…With` forms) the model log-probabilities of the message
 * already computed (model-scorer.ts); both give the same answer.
 */
import type { Kind, Severity } from "../../domain/taxonomy";
import { logProbabilities, type ModelWeights } from "./linear-model";
import type { LogProbabilities } from "./model-scorer";

export interface BlendParams {
  /** Log-odds per unit of rule cue weight for a kind. */
  kindRuleWeight: number;
  /** Log-odds bonus for the severity the rules chose. */
  severityRuleWeight: number;
  /** The rules' severity wins outright when they saw harm or a whole-unit outage. */
  strongOverrides: boolean;
  /** Log-odds bonus for the rules' patient-safety answer. */
  safetyRuleWeight: number;
  /** With no system named, the system model's answer is taken when at least this probable (1 = never). */
  systemModelMin: number;
  /** Log-odds bonus for the non-report gate's rules (report-detector.ts) when an isReport model is shipped. */
  reportRuleWeight: number;
}

/**
 * Severity follows the rules; patient safety gives the rules' answer a bonus of 3. Checked by
 * leaving each training file out in turn (scripts/cv-offline-model.ts): no severity or patient-safety
 * blend raised the mean accuracy by 0.03 without costing some file more than 0.03.
 */
export const DEFAULT_BLEND: BlendParams = {
  kindRuleWeight: 1,
  severityRuleWeight: 1000,
  strongOverrides: true,
  safetyRuleWeight: 3,
  systemModelMin: 0.5,
  reportRuleWeight: 1000,
};

/** The system model's choice for a message that names no system, or null (other, or not sure enough). */
export function modelSystemWith(
  weights: ModelWeights,
  params: BlendParams,
  logp: LogProbabilities,
  known: (id: string) => boolean,
): string | null {
  const model = weights.models.system;
  if (!model || params.systemModelMin >= 1) return null;
  const p = logp(model);
  let best = -1;
  for (let k = 0; k < p.length; k += 1) {
    const id = model.classes[k]!;
    if (id === "other" || !known(id)) continue;
    if (best < 0 || p[k]! > p[best]!) best = k;
  }
  return best >= 0 && Math.exp(p[best]!) >= params.systemModelMin ? model.classes[best]! : null;
}

function argmax<T extends string>(classes: readonly string[], scores: readonly number[]): T {
  let best = 0;
  for (let k = 1; k < scores.length; k += 1) if (scores[k]! > scores[best]!) best = k;
  return classes[best] as T;
}

const fromFeatures =
  (features: readonly string[]): LogProbabilities =>
  (model) =>
    logProbabilities(model, features);

export function blendKindWith(
  weights: ModelWeights,
  params: BlendParams,
  logp: LogProbabilities,
  ruleTotals: ReadonlyMap<Kind, number>,
): Kind {
  const model = weights.models.kind;
  const p = logp(model);
  const scores = model.classes.map((c, k) => p[k]! + params.kindRuleWeight * (ruleTotals.get(c as Kind) ?? 0));
  return argmax<Kind>(model.classes, scores);
}

export function blendSeverityWith(
  weights: ModelWeights,
  params: BlendParams,
  logp: LogProbabilities,
  rule: { severity: Severity; strong?: boolean },
): Severity {
  const model = weights.models.severity;
  if (!model || (rule.strong && params.strongOverrides)) return rule.severity;
  const p = logp(model);
  const scores = model.classes.map((c, k) => p[k]! + (c === rule.severity ? params.severityRuleWeight : 0));
  return argmax<Severity>(model.classes, scores);
}

export function blendSafetyWith(
  weights: ModelWeights,
  params: BlendParams,
  logp: LogProbabilities,
  rule: { patientSafety: boolean; strong?: boolean },
): boolean {
  if (rule.strong && params.strongOverrides) return rule.patientSafety;
  const model = weights.models.patientSafety;
  const p = logp(model);
  const odds = p[model.classes.indexOf("true")]! - p[model.classes.indexOf("false")]!;
  return odds + (rule.patientSafety ? params.safetyRuleWeight : -params.safetyRuleWeight) > 0;
}

/** Is it a report: the isReport model's log-odds plus a bonus for the gate's rules (the rules alone without a model). */
export function blendReportWith(
  weights: ModelWeights,
  params: BlendParams,
  logp: LogProbabilities,
  ruleSaysReport: boolean,
): boolean {
  const model = weights.models.isReport;
  if (!model) return ruleSaysReport;
  const p = logp(model);
  const odds = p[model.classes.indexOf("true")]! - p[model.classes.indexOf("false")]!;
  return odds + (ruleSaysReport ? params.reportRuleWeight : -params.reportRuleWeight) > 0;
}

export function blendKind(
  weights: ModelWeights,
  params: BlendParams,
  features: readonly string[],
  ruleTotals: ReadonlyMap<Kind, number>,
): Kind {
  return blendKindWith(weights, params, fromFeatures(features), ruleTotals);
}

export function blendSeverity(
  weights: ModelWeights,
  params: BlendParams,
  features: readonly string[],
  rule: { severity: Severity; strong?: boolean },
): Severity {
  return blendSeverityWith(weights, params, fromFeatures(features), rule);
}

export function blendSafety(
  weights: ModelWeights,
  params: BlendParams,
  features: readonly string[],
  rule: { patientSafety: boolean; strong?: boolean },
): boolean {
  return blendSafetyWith(weights, params, fromFeatures(features), rule);
}
