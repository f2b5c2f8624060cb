/**
 * OpenAI's o-series and newer models refuse `max_tokens` (HTTP 400, "Use 'max_completion_tokens'
 * instead") and any temperature but their default. Against the fake OpenAI-compatible server, which
 * refuses as OpenAI does: the classifier switches once to `max_completion_tokens` (said in one line)
 * and repeats the call, the start-up probe does the same, a refused temperature is dropped, a
 * forced setting never switches, and a server refusing both names cannot make it loop.
 */
import OpenAI from "openai";
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { loadPrompt } from "../../src/adapters/llm/classify-prompt";
import { createLlmClassifier } from "../../src/adapters/llm/llm-classifier";
import type { TokenLimitSetting } from "../../src/adapters/llm/request-params";
import { classifiersFromEnv } from "../../src/compose-from-env";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseEnv } from "../../src/config/env";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import { FakeOpenAiServer, reply, type RecordedRequest } from "../fakes/fake-openai-server";
import { recordingLogger, type LogLine } from "../support/recording-logger";

const catalogue = loadCatalogue();
const prompt = loadPrompt(`${__dirname}/../../prompts/classify.md`);
const offline = createOfflineClassifier(catalogue);
const text = asRedacted("9 East: BCMA won't scan any IV bags since the update");

const ANSWER = {
  isReport: true,
  summary: "Barcode scanning of IV bags fails since the update.",
  kind: "disruption",
  system: "bcma",
  severity: "high",
  patientSafety: true,
  location: "9 East",
  tags: ["scanner"],
  missing: [],
};

/** OpenAI's own wording (the `param` field is left out where `withParam` is false, as some gateways do). */
const REFUSE_MAX_TOKENS =
  "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
const REFUSE_TEMPERATURE =
  "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.";

/** A reasoning model as OpenAI serves it: no max_tokens, no temperature but the default. */
function reasoningModel(withParam: boolean) {
  return (request: RecordedRequest) => {
    if (request.body.max_tokens !== undefined)
      return reply.error(400, REFUSE_MAX_TOKENS, withParam ? "max_tokens" : undefined);
    if (request.body.temperature !== undefined && request.body.temperature !== 1)
      return reply.error(400, REFUSE_TEMPERATURE, withParam ? "temperature" : undefined);
    return reply.json(ANSWER);
  };
}

describe("max_tokens or max_completion_tokens", () => {
  let server: FakeOpenAiServer;
  let logs: LogLine[];
  beforeAll(async () => {
    server = await FakeOpenAiServer.start();
  });
  beforeEach(() => {
    logs = [];
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  function setup(tokenLimitParam?: TokenLimitSetting) {
    return createLlmClassifier({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "k", maxRetries: 2 }),
      model: "o-mini",
      promptTemplate: prompt.template,
      promptVersion: prompt.version,
      catalogue,
      fallback: offline,
      logger: recordingLogger(logs),
      maxTokens: 300,
      tokenLimitParam,
    });
  }

  it.each([true, false])(
    "switches once to max_completion_tokens when the model refuses max_tokens (param named: %s)",
    async (withParam) => {
      server.respondWith(reasoningModel(withParam));
      const classifier = setup();
      const first = await classifier.classify(text);
      expect(first.source).toBe("llm");
      expect(first.flaggedReason).toBeNull();
      const bodies = server.requests.map((r) => r.body);
      // max_tokens refused, then temperature refused, then answered: no SDK retries of the 400s.
      expect(bodies).toHaveLength(3);
      expect(bodies[0].max_tokens).toBe(300);
      expect(bodies[1]).toMatchObject({ max_completion_tokens: 300, temperature: 0 });
      expect(bodies[1].max_tokens).toBeUndefined();
      expect(bodies[2].max_completion_tokens).toBe(300);
      expect(bodies[2].temperature).toBeUndefined();

      // Found once: the next report costs one request.
      server.requests.length = 0;
      expect((await classifier.classify(text)).source).toBe("llm");
      expect(server.requests).toHaveLength(1);
      const mismatchLines = logs.filter((l) => l.msg.startsWith("LLM configuration mismatch"));
      expect(mismatchLines.map((l) => l.msg)).toEqual([
        "LLM configuration mismatch: the model refused max_tokens; using max_completion_tokens (LLM_TOKEN_LIMIT_PARAM)",
        "LLM configuration mismatch: the model refused the temperature; using its default",
      ]);
    },
  );

  it("the start-up probe finds it too, and keeps the structured-output mode it answered in", async () => {
    server.respondWith(reasoningModel(true));
    const classifier = setup();
    const line = await classifier.prepare();
    expect(line).toBe("LLM structured output: json_schema (probe answered)");
    expect(classifier.mode()).toBe("json_schema");
    server.requests.length = 0;
    expect((await classifier.classify(text)).source).toBe("llm");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.max_completion_tokens).toBe(300);
  });

  it("a forced max_completion_tokens is sent from the first request, through the environment", async () => {
    server.respondWith(reasoningModel(true));
    const env = parseEnv({
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_MODEL: "o-mini",
      LLM_MAX_TOKENS: "400",
      LLM_TOKEN_LIMIT_PARAM: "max_completion_tokens",
      LLM_MAX_RETRIES: "0",
    });
    const built = classifiersFromEnv(env, catalogue, silentLogger);
    expect((await built.classifier.classify(text)).source).toBe("llm");
    expect(server.requests[0]!.body.max_completion_tokens).toBe(400);
    expect(server.requests[0]!.body.max_tokens).toBeUndefined();
  });

  it("a forced max_tokens never switches: the offline answer is used and flagged", async () => {
    server.respondWith(reasoningModel(true));
    const out = await setup("max_tokens").classify(text);
    expect(out.source).toBe("offline");
    expect(out.flaggedReason).toContain("llm_unavailable: HTTP 400");
    expect(server.requests.every((r) => r.body.max_tokens === 300)).toBe(true);
  });

  it("a server that refuses both names falls back after a bounded number of requests", async () => {
    server.respondWith((request) =>
      request.body.max_tokens !== undefined
        ? reply.error(400, REFUSE_MAX_TOKENS, "max_tokens")
        : reply.error(400, "Unrecognized request argument supplied: max_completion_tokens", "max_completion_tokens"),
    );
    const out = await setup().classify(text);
    expect(out.source).toBe("offline");
    expect(out.flaggedReason).toContain("HTTP 400");
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it("an unrelated 400 is not taken for a refused parameter", async () => {
    server.respondWith(() => reply.error(400, "Invalid 'messages': empty array.", "messages"));
    const out = await setup().classify(text);
    expect(out.source).toBe("offline");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.max_tokens).toBe(300);
    expect(logs.some((l) => l.msg.startsWith("LLM configuration mismatch"))).toBe(false);
  });
});
