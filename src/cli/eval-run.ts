/** Runs redaction and classification over labelled samples, a few at a time. */
import { buildClassifyMessages } from "../adapters/llm/classify-prompt";
import { countChatTokens } from "../adapters/llm/token-count";
import { floorOutput } from "../app/pipeline/classify-filed";
import type { Catalogue } from "../domain/catalogue";
import { safetyFloorOf } from "../domain/safety-floor";
import type { Classifier } from "../ports/classifier";
import type { Logger } from "../ports/logger";
import type { Redactor } from "../ports/redactor";
import type { LabelledSample } from "./eval-data";
import { medianLengthIndex, type EvalItem } from "./eval-score";

export interface EvalRunOptions {
  samples: readonly LabelledSample[];
  redactor: Redactor;
  classifier: Classifier;
  logger: Logger;
  concurrency: number;
}

export async function classifySamples(options: EvalRunOptions): Promise<EvalItem[]> {
  const { samples, redactor, classifier, logger } = options;
  const items: EvalItem[] = new Array<EvalItem>(samples.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < samples.length) {
      const index = next++;
      const sample = samples[index]!;
      const redaction = redactor.redact(sample.text);
      try {
        // As stored by the service: raised to the safety floor (app/pipeline/classify-filed.ts).
        const output = floorOutput(await classifier.classify(redaction.text), safetyFloorOf(redaction.text));
        items[index] = {
          sample,
          redacted: redaction.text,
          result: output.result,
          source: output.source,
          flaggedReason: output.flaggedReason,
        };
      } catch (err) {
        logger.error({ id: sample.id, err: (err as Error).message }, "classifier threw");
        items[index] = {
          sample,
          redacted: redaction.text,
          result: null,
          source: null,
          flaggedReason: `error: ${(err as Error).message}`,
        };
      }
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency, samples.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return items;
}

/** o200k tokens of the whole classification prompt (system + user) for the median-length message. */
export function medianPromptTokens(
  samples: readonly LabelledSample[],
  redactor: Redactor,
  catalogue: Catalogue,
  template: string,
): number | null {
  const index = medianLengthIndex(samples.map((s) => s.text));
  const sample = samples[index];
  if (!sample) return null;
  return countChatTokens(buildClassifyMessages(redactor.redact(sample.text).text, catalogue, template));
}
