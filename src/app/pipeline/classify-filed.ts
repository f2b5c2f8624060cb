/**
 * Classifies a report that is already filed (stored): the configured classifier (LLM or offline),
 * with two rules no model can overrule.
 * - A filed report stays filed: a classifier that says "not a report" is flagged for review and the
 *   report is still routed, classified by the offline gate that accepted it.
 * - The safety floor (domain/safety-floor.ts): an answer below the floor is raised to it; when a
 *   model's answer was raised, or the text tries to instruct the classifier, it is flagged for
 *   review, and the model's own answer is kept (`raisedFrom`).
 */
import { applySafetyFloor, safetyFloorOf, type SafetyFloor } from "../../domain/safety-floor";
import type { RedactedText } from "../../domain/redacted-text";
import type { Classifier, ClassifierOutput } from "../../ports/classifier";
import type { Logger } from "../../ports/logger";
import type { Redactor } from "../../ports/redactor";
import { redactFreeText } from "./redact-free-text";

export interface ClassifyFiledDeps {
  classifier: Classifier;
  /** The offline classifier that accepted the report at intake. */
  gate: Classifier;
  logger: Logger;
  /** Redacts what an error message may carry before it is logged. */
  redactor?: Redactor;
}

const MAX_REASON = 300;

function joinReasons(...reasons: Array<string | null | undefined>): string | null {
  const kept = reasons.filter((r): r is string => typeof r === "string" && r !== "");
  return kept.length > 0 ? kept.join("; ").slice(0, MAX_REASON) : null;
}

async function runClassifier(deps: ClassifyFiledDeps, text: RedactedText, reportId: string): Promise<ClassifierOutput> {
  try {
    return await deps.classifier.classify(text);
  } catch (err) {
    const message = (err as Error).message;
    const logged = deps.redactor ? redactFreeText(deps.redactor, message).text : message;
    deps.logger.warn({ reportId, err: logged }, "classifier failed; using the offline classifier");
    const fallback = await deps.gate.classify(text);
    return { ...fallback, flaggedReason: `classifier error: ${(err as Error).message}`.slice(0, 200) };
  }
}

/** A classifier's "not a report" for a filed report: the gate's classification, flagged. */
async function keepFiled(deps: ClassifyFiledDeps, text: RedactedText, output: ClassifierOutput) {
  if (output.result.isReport) return output;
  const said = `${output.source === "llm" ? "the LLM" : "the classifier"} says this may not be a report; kept as filed`;
  if (output.source !== "offline") {
    const gate = await deps.gate.classify(text);
    if (gate.result.isReport) return { ...gate, flaggedReason: joinReasons(output.flaggedReason, said) };
  }
  return {
    ...output,
    result: { ...output.result, isReport: true },
    flaggedReason: joinReasons(output.flaggedReason, said),
  };
}

/** Raises an output to the floor and says why in the review reason. Exported for the eval. */
export function floorOutput(output: ClassifierOutput, floor: SafetyFloor): ClassifierOutput {
  const { result, raisedFrom } = applySafetyFloor(output.result, floor);
  const raisedModel = raisedFrom !== null && output.source === "llm";
  const raisedNote = raisedModel
    ? `safety floor: the LLM said ${raisedFrom.severity}${raisedFrom.patientSafety ? "" : ", no patient safety"}; raised to ${result.severity}, patient safety (${floor.cues.join(", ")})`
    : null;
  const injectionNote = floor.injection ? "the text tries to instruct the classifier" : null;
  return {
    ...output,
    result,
    flaggedReason: joinReasons(output.flaggedReason, raisedNote, injectionNote),
    raisedFrom: raisedFrom ? { ...raisedFrom, cues: floor.cues } : null,
  };
}

export async function classifyFiled(
  deps: ClassifyFiledDeps,
  text: RedactedText,
  reportId: string,
): Promise<ClassifierOutput> {
  const output = await runClassifier(deps, text, reportId);
  const filed = await keepFiled(deps, text, output);
  return floorOutput(filed, safetyFloorOf(text));
}
