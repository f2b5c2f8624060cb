/**
 * The LLM circuit breaker: after N failures in a row the LLM is skipped for a cool-down (offline
 * result, flagged), then one probe goes through; success closes the circuit, failure re-opens it.
 */
import { createCircuitBreakerClassifier } from "../../src/app/pipeline/llm-circuit-breaker";
import type { ClassificationResult } from "../../src/domain/classification";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Classifier, ClassifierOutput } from "../../src/ports/classifier";
import { silentLogger } from "../../src/ports/logger";

const RESULT = { isReport: true } as unknown as ClassificationResult;
const out = (source: "llm" | "offline", flaggedReason: string | null = null): ClassifierOutput => ({
  result: RESULT,
  source,
  promptVersion: null,
  model: null,
  flaggedReason,
});

function fakeLlm() {
  let failing = true;
  let calls = 0;
  const llm: Classifier = {
    name: "llm",
    classify: async () => {
      calls += 1;
      return failing ? out("offline", "LLM unavailable: timeout") : out("llm");
    },
  };
  return { llm, calls: () => calls, recover: () => (failing = false), fail: () => (failing = true) };
}

const offline: Classifier = { name: "offline", classify: async () => out("offline") };
const text = asRedacted("Epic down");

describe("LLM circuit breaker", () => {
  it("opens after N failures, skips the LLM for the cool-down, probes once, closes on success", async () => {
    let now = 0;
    const fake = fakeLlm();
    const breaker = createCircuitBreakerClassifier({
      llm: fake.llm,
      offline,
      failureThreshold: 3,
      coolDownMs: 60_000,
      now: () => now,
      logger: silentLogger,
    });
    for (let i = 0; i < 3; i++) await breaker.classify(text);
    expect(fake.calls()).toBe(3);
    expect(breaker.state()).toBe("open");

    const skipped = await breaker.classify(text);
    expect(fake.calls()).toBe(3);
    expect(skipped.source).toBe("offline");
    expect(skipped.flaggedReason).toMatch(/LLM skipped/);

    now += 60_001;
    await breaker.classify(text); // the probe fails: open again
    expect(fake.calls()).toBe(4);
    expect(breaker.state()).toBe("open");
    await breaker.classify(text);
    expect(fake.calls()).toBe(4);

    now += 60_001;
    fake.recover();
    const probe = await breaker.classify(text);
    expect(probe.source).toBe("llm");
    expect(breaker.state()).toBe("closed");
    await breaker.classify(text);
    expect(fake.calls()).toBe(6);
  });

  it("a success in between resets the count; a thrown error counts as a failure", async () => {
    let calls = 0;
    const llm: Classifier = {
      name: "llm",
      classify: async () => {
        calls += 1;
        if (calls === 3) return out("llm");
        throw new Error("socket hang up");
      },
    };
    const breaker = createCircuitBreakerClassifier({
      llm,
      offline,
      failureThreshold: 3,
      coolDownMs: 1000,
      now: () => 0,
      logger: silentLogger,
    });
    const first = await breaker.classify(text);
    expect(first).toMatchObject({ source: "offline", flaggedReason: expect.stringMatching(/socket hang up/) });
    await breaker.classify(text);
    await breaker.classify(text); // success
    await breaker.classify(text);
    await breaker.classify(text);
    expect(breaker.state()).toBe("closed");
    await breaker.classify(text);
    expect(breaker.state()).toBe("open");
  });
});
