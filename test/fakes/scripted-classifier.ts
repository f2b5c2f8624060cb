/** A Classifier whose answers a test scripts per message text (or a default), counting calls. */
import type { ClassificationResult } from "../../src/domain/classification";
import type { RedactedText } from "../../src/domain/redacted-text";
import type { Classifier, ClassifierOutput } from "../../src/ports/classifier";

export class ScriptedClassifier implements Classifier {
  readonly name = "scripted";
  calls: string[] = [];
  failNext = 0;
  private readonly scripted = new Map<string, Partial<ClassificationResult>>();

  constructor(
    private readonly base: ClassificationResult = {
      isReport: true,
      kind: "disruption",
      system: "ehr",
      severity: "medium",
      patientSafety: false,
      location: "4 West",
      summary: "EHR problem reported",
      tags: [],
      missing: [],
    },
  ) {}

  when(textContains: string, result: Partial<ClassificationResult>): this {
    this.scripted.set(textContains, result);
    return this;
  }

  async classify(text: RedactedText): Promise<ClassifierOutput> {
    this.calls.push(text);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("scripted classifier failure");
    }
    let result = this.base;
    for (const [needle, override] of this.scripted) if (text.includes(needle)) result = { ...this.base, ...override };
    return { result, source: "offline", promptVersion: null, model: null, flaggedReason: null };
  }
}
