import type { ClassificationResult, RaisedFrom } from "../domain/classification";
import type { RedactedText } from "../domain/redacted-text";

export interface ClassifierOutput {
  result: ClassificationResult;
  source: "llm" | "offline";
  promptVersion: string | null;
  model: string | null;
  /** Set when the preferred path failed and a fallback produced the result. */
  flaggedReason: string | null;
  /** Set when the safety floor raised the classifier's answer: what the classifier itself said. */
  raisedFrom?: RaisedFrom | null;
}

export interface Classifier {
  readonly name: string;
  classify(text: RedactedText): Promise<ClassifierOutput>;
}
