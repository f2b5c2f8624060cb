/**
 * A circuit breaker in front of the LLM classifier. A hung or failing LLM otherwise costs every
 * report timeout × attempts before the offline fallback answers, and the cards, confirmations and
 * alerts queue behind it. After `failureThreshold` failures in a row (an error, or the LLM
 * classifier's own fallback), the LLM is skipped for `coolDownMs`: the offline classifier answers at
 * once and the result is flagged for review. Then one probe goes to the LLM; success closes the
 * circuit, failure opens it for another cool-down.
 */
import type { Classifier, ClassifierOutput } from "../../ports/classifier";
import type { Logger } from "../../ports/logger";
import type { RedactedText } from "../../domain/redacted-text";

export interface CircuitBreakerOptions {
  llm: Classifier;
  offline: Classifier;
  failureThreshold: number;
  coolDownMs: number;
  /** Milliseconds (tests pin it). */
  now?: () => number;
  logger: Logger;
}

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerClassifier extends Classifier {
  state(): CircuitState;
}

/**
 * A reply cut off at max_tokens or a server refusing the response format is the model's or the
 * settings' problem, not an outage: it falls back for that report but does not open the circuit.
 */
function isModelOrSettingsProblem(reason: string | null | undefined): boolean {
  return !!reason && /^llm_(?:model_error|config_mismatch)\b/.test(reason);
}

export function createCircuitBreakerClassifier(options: CircuitBreakerOptions): CircuitBreakerClassifier {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;
  let probing = false;

  const state = (): CircuitState =>
    failures < options.failureThreshold ? "closed" : probing || now() >= openUntil ? "half-open" : "open";

  const skip = async (text: RedactedText): Promise<ClassifierOutput> => {
    const output = await options.offline.classify(text);
    return {
      ...output,
      flaggedReason: `LLM skipped: ${failures} failures in a row, retrying it after a cool-down`,
    };
  };

  const failed = (reason: string): void => {
    failures += 1;
    if (failures >= options.failureThreshold) {
      openUntil = now() + options.coolDownMs;
      options.logger.warn(
        { failures, coolDownMs: options.coolDownMs, reason },
        "LLM circuit open: using the offline classifier until the cool-down ends",
      );
    }
  };

  return {
    name: `${options.llm.name} (circuit breaker)`,
    state,
    async classify(text) {
      const current = state();
      if (current === "open" || (current === "half-open" && probing)) return skip(text);
      const probe = current === "half-open";
      probing = probe;
      try {
        let output: ClassifierOutput;
        try {
          output = await options.llm.classify(text);
        } catch (err) {
          failed((err as Error).message);
          const fallback = await options.offline.classify(text);
          return { ...fallback, flaggedReason: `classifier error: ${(err as Error).message}`.slice(0, 200) };
        }
        if (output.source === "llm") {
          if (failures >= options.failureThreshold)
            options.logger.info({}, "LLM circuit closed: the LLM answers again");
          failures = 0;
        } else if (!isModelOrSettingsProblem(output.flaggedReason)) failed(output.flaggedReason ?? "fallback");
        return output;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
