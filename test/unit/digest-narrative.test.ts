import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { narrate, narrativeProblem } from "../../src/app/digest/build-digest";
import { createLlmDigestNarrator, DIGEST_MAX_TOKENS, parseDigestPrompt } from "../../src/adapters/llm/digest-narrator";
import type { Digest } from "../../src/domain/digest";
import { allowedNumbers, factsFromDigest, numbersIn, unsupportedNumbers } from "../../src/domain/digest-facts";
import { templateBullets } from "../../src/domain/digest-template";
import type { Logger } from "../../src/ports/logger";
import { FakeOpenAiServer, reply } from "../fakes/fake-openai-server";
import { sampleDigest } from "../fixtures/sample-digest";

function recordingLogger(): Logger & { warnings: unknown[] } {
  const warnings: unknown[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (obj) => void warnings.push(obj) };
}

let digest: Digest;
let empty: Digest;
beforeAll(async () => {
  digest = await sampleDigest();
  empty = await sampleDigest({ perWeek: 0 });
});

describe("numbers in a narrative", () => {
  it("reads integers, thousands separators, decimals and percentages", () => {
    expect(numbersIn("1,204 reports, up 12.5% (3) on 4 West")).toEqual([1204, 12.5, 3, 4]);
  });

  it("allows every figure of the facts, numbers in names and dates, and nothing made up", () => {
    const facts = factsFromDigest(digest);
    const allowed = allowedNumbers(facts);
    for (const n of [facts.reports, facts.previousWeek, Math.abs(facts.change), facts.openHighCritical])
      expect(allowed.has(n)).toBe(true);
    expect(allowed.has(47)).toBe(true); // 2026-W47
    expect(unsupportedNumbers([`${facts.reports + 1000} reports`], facts)).toEqual([facts.reports + 1000]);
  });
});

describe("template narrator", () => {
  it.each([
    ["a busy week", () => digest],
    ["an empty week", () => empty],
  ])("writes 3–5 bullets whose numbers are all figures (%s)", (_name, get) => {
    const facts = factsFromDigest(get());
    const bullets = templateBullets(facts);
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    expect(bullets.length).toBeLessThanOrEqual(5);
    expect(narrativeProblem(bullets, facts)).toBeNull();
  });

  it("states the real figures", () => {
    const facts = factsFromDigest(digest);
    const text = templateBullets(facts).join(" ");
    expect(text).toContain(`${facts.reports} reports this week`);
    expect(text).toContain(`from ${facts.previousWeek} the week before`);
    expect(text).toContain(`${facts.patientSafety} reports could affect patient safety`);
    expect(templateBullets(factsFromDigest(empty))[0]).toBe("No reports came in this week.");
  });

  it("is deterministic", () => {
    const facts = factsFromDigest(digest);
    expect(templateBullets(facts)).toEqual(templateBullets(structuredClone(facts)));
  });
});

describe("LLM narrator through a fake OpenAI server", () => {
  let server: FakeOpenAiServer;
  const prompt = parseDigestPrompt(readFileSync("prompts/digest.md", "utf8"));
  const narratorFor = () =>
    createLlmDigestNarrator({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test", maxRetries: 0 }),
      model: "fake-model",
      prompt,
    });

  beforeAll(async () => {
    server = await FakeOpenAiServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("uses good bullets, and sends only aggregated figures (no summaries, no report text)", async () => {
    const f = factsFromDigest(digest);
    const bullets = [
      `${f.reports} reports this week, ${f.change >= 0 ? "up" : "down"} from ${f.previousWeek}.`,
      `${f.patientSafety} could affect patient safety and ${f.openHighCritical} critical or high items remain open.`,
      `${f.topSystems[0]?.name} was the most reported system.`,
    ];
    server.enqueue(reply.json({ bullets }));
    const logger = recordingLogger();
    const out = await narrate({ narrator: narratorFor(), logger }, digest);
    expect(out.narrativeSource).toBe("llm");
    expect(out.narrative).toEqual(bullets);
    expect(logger.warnings).toEqual([]);
    const sent = JSON.stringify(server.messagesOf(0));
    expect(sent).toContain(`\\"reports\\": ${f.reports}`);
    for (const item of [...digest.patientSafety, ...digest.openHighCritical]) expect(sent).not.toContain(item.summary);
    expect(server.requests[0]?.body.response_format).toEqual({ type: "json_object" });
  });

  it("falls back to the template when a bullet has a number that is not a figure, and logs why", async () => {
    const f = factsFromDigest(digest);
    server.enqueue(reply.json({ bullets: [`${f.reports + 17} reports this week.`, "Second.", "Third."] }));
    const logger = recordingLogger();
    const out = await narrate({ narrator: narratorFor(), logger }, digest);
    expect(out.narrativeSource).toBe("template");
    expect(out.narrative).toEqual(templateBullets(f));
    expect(logger.warnings).toEqual([
      expect.objectContaining({ reason: `numbers not in the figures: ${f.reports + 17}` }),
    ]);
  });

  it("falls back to the template when the model fails (500)", async () => {
    server.enqueue(reply.serverError());
    const logger = recordingLogger();
    const out = await narrate({ narrator: narratorFor(), logger }, digest);
    expect(out.narrativeSource).toBe("template");
    expect(out.narrative).toEqual(templateBullets(factsFromDigest(digest)));
    expect(logger.warnings).toHaveLength(1);
  });

  it("falls back on a reply that is not JSON or has too few bullets", async () => {
    server.enqueue(reply.content("Here is your digest!"), reply.json({ bullets: ["Only one."] }));
    for (let i = 0; i < 2; i++) {
      const out = await narrate({ narrator: narratorFor(), logger: recordingLogger() }, digest);
      expect(out.narrativeSource).toBe("template");
    }
  });

  const goodBullets = () => {
    const f = factsFromDigest(digest);
    return [
      `${f.reports} reports this week.`,
      `${f.patientSafety} could affect patient safety.`,
      `${f.topSystems[0]?.name} was the most reported system.`,
    ];
  };

  it("bounds the reply with max_tokens and sends a temperature by default", async () => {
    server.enqueue(reply.json({ bullets: goodBullets() }));
    const out = await narrate({ narrator: narratorFor(), logger: recordingLogger() }, digest);
    expect(out.narrativeSource).toBe("llm");
    const body = server.requests[0]?.body;
    expect(body.max_tokens).toBe(DIGEST_MAX_TOKENS);
    expect(body).not.toHaveProperty("max_completion_tokens");
    expect(body.temperature).toBe(0.2);
  });

  it("with LLM_TOKEN_LIMIT_PARAM=max_completion_tokens sends that bound and no temperature", async () => {
    server.enqueue(reply.json({ bullets: goodBullets() }));
    const narrator = createLlmDigestNarrator({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test", maxRetries: 0 }),
      model: "o4-mini",
      prompt,
      tokenLimitParam: "max_completion_tokens",
      maxTokens: 700,
    });
    const out = await narrate({ narrator, logger: recordingLogger() }, digest);
    expect(out.narrativeSource).toBe("llm");
    const body = server.requests[0]?.body;
    expect(body.max_completion_tokens).toBe(700);
    expect(body).not.toHaveProperty("max_tokens");
    expect(body).not.toHaveProperty("temperature");
  });

  it("on auto, switches once to max_completion_tokens and drops a refused temperature, said in log lines", async () => {
    server.enqueue(
      reply.error(
        400,
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        "max_tokens",
      ),
      reply.error(400, "Unsupported value: 'temperature' does not support 0.2 with this model.", "temperature"),
      reply.json({ bullets: goodBullets() }),
      reply.json({ bullets: goodBullets() }),
    );
    const logger = recordingLogger();
    const narrator = createLlmDigestNarrator({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test", maxRetries: 0 }),
      model: "o4-mini",
      prompt,
      logger,
    });
    const first = await narrate({ narrator, logger: recordingLogger() }, digest);
    expect(first.narrativeSource).toBe("llm");
    const bodies = server.requests.map((r) => r.body);
    expect(bodies[0].max_tokens).toBe(DIGEST_MAX_TOKENS);
    expect(bodies[2].max_completion_tokens).toBe(DIGEST_MAX_TOKENS);
    expect(bodies[2]).not.toHaveProperty("max_tokens");
    expect(bodies[2]).not.toHaveProperty("temperature");
    expect(logger.warnings).toHaveLength(2);
    // The next digest goes straight to the settings found.
    await narrate({ narrator, logger: recordingLogger() }, digest);
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3]?.body.max_completion_tokens).toBe(DIGEST_MAX_TOKENS);
    expect(server.requests[3]?.body).not.toHaveProperty("temperature");
  });

  it('falls back to the template when the reply is cut off (finish_reason "length"), even if it parses', async () => {
    server.enqueue(
      { type: "content", content: JSON.stringify({ bullets: goodBullets() }), finishReason: "length" },
      reply.cutOff('{"bullets": ["12 reports this week and the the the the'),
    );
    for (let i = 0; i < 2; i++) {
      const logger = recordingLogger();
      const out = await narrate({ narrator: narratorFor(), logger }, digest);
      expect(out.narrativeSource).toBe("template");
      expect(out.narrative).toEqual(templateBullets(factsFromDigest(digest)));
      expect(JSON.stringify(logger.warnings)).toContain("finish_reason length");
    }
    expect(server.requests).toHaveLength(2); // a model error: not retried
  });

  it("without an LLM, the template writes the narrative", async () => {
    const out = await narrate({ narrator: null, logger: recordingLogger() }, digest);
    expect(out.narrativeSource).toBe("template");
    expect(out.narrative.length).toBeGreaterThanOrEqual(3);
  });
});
