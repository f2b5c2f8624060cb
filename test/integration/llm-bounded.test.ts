/**
 * The LLM path bounded, against the fake OpenAI-compatible server, one fault shape per test:
 * max_tokens and schema bounds sent; a reply cut off at max_tokens; a reply over the bounds; a
 * server that refuses `response_format` json_schema (llama-cpp-python), one that refuses maxLength
 * (OpenAI/Azure strict mode), one that refuses any response_format; a refusal met mid-run; an
 * unreachable server at start-up; and an LLM that says a filed report is not a report.
 */
import OpenAI from "openai";
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { loadPrompt } from "../../src/adapters/llm/classify-prompt";
import { createLlmClassifier } from "../../src/adapters/llm/llm-classifier";
import { classifyFiled } from "../../src/app/pipeline/classify-filed";
import { loadCatalogue } from "../../src/config/catalogue";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import { FakeOpenAiServer, reply, type RecordedRequest } from "../fakes/fake-openai-server";
import { recordingLogger, type LogLine } from "../support/recording-logger";

const catalogue = loadCatalogue();
const prompt = loadPrompt(`${__dirname}/../../prompts/classify.md`);
const offline = createOfflineClassifier(catalogue);
const text = asRedacted("9 East: BCMA won't scan any IV bags since the update");

function answer(overrides: Record<string, unknown> = {}) {
  return {
    isReport: true,
    summary: "Barcode scanning of IV bags fails since the update.",
    kind: "disruption",
    system: "bcma",
    severity: "high",
    patientSafety: true,
    location: "9 East",
    tags: ["scanner"],
    missing: [],
    ...overrides,
  };
}

/** A server that refuses some response_format types as llama-cpp-python, OpenAI strict mode or a bare server would. */
function refusing(refuse: (body: RecordedRequest["body"]) => { status: number; message: string } | null) {
  return (request: RecordedRequest) => {
    const refusal = refuse(request.body);
    return refusal ? reply.error(refusal.status, refusal.message) : reply.json(answer());
  };
}

describe("the LLM path is bounded", () => {
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

  function setup(opts: { maxRetries?: number; maxTokens?: number } = {}) {
    return createLlmClassifier({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "k", maxRetries: opts.maxRetries ?? 2 }),
      model: "small",
      promptTemplate: prompt.template,
      promptVersion: prompt.version,
      catalogue,
      fallback: offline,
      logger: recordingLogger(logs),
      maxTokens: opts.maxTokens,
    });
  }

  it("sends max_tokens and a schema that bounds tags and string lengths", async () => {
    server.enqueue(reply.json(answer()));
    const out = await setup({ maxTokens: 300 }).classify(text);
    expect(out.source).toBe("llm");
    const body = server.requests[0]!.body;
    expect(body.max_tokens).toBe(300);
    const schema = body.response_format.json_schema.schema;
    expect(schema.properties.tags).toMatchObject({ maxItems: 5, items: { maxLength: 40 } });
    expect(schema.properties.summary.maxLength).toBe(240);
    expect(schema.properties.missing.maxItems).toBe(3);
  });

  it("treats finish_reason length as a model error: no repair call, no retry, offline answer flagged", async () => {
    server.respondWith(() => reply.cutOff());
    const out = await setup({ maxRetries: 2 }).classify(text);
    expect(server.requests).toHaveLength(1);
    expect(out.source).toBe("offline");
    expect(out.flaggedReason).toMatch(/^llm_model_error: reply cut off at max_tokens \(finish_reason length\)/);
  });

  it("checks the bounds after parsing: a reply over them gets one repair, then the offline answer", async () => {
    const tooMany = answer({ tags: Array.from({ length: 12 }, (_, i) => `tag${i}`), summary: "x".repeat(5000) });
    server.enqueue(reply.json(tooMany), reply.json(tooMany));
    const out = await setup().classify(text);
    expect(server.requests).toHaveLength(2);
    expect(server.messagesOf(1)[3]!.content).toMatch(/tags: Too big|summary: Too big/);
    expect(out.source).toBe("offline");
    expect(out.flaggedReason).toMatch(/^llm_invalid_output: /);
  });

  it("probes once at start: a server that answers json_schema with HTTP 500 (llama-cpp-python) gets json_object, said in one line", async () => {
    server.respondWith(
      refusing((body) =>
        body.response_format?.type === "json_schema"
          ? { status: 500, message: "response_format type json_schema is not supported" }
          : null,
      ),
    );
    const classifier = setup({ maxRetries: 2 });
    const line = await classifier.prepare();
    // Two refused modes, no SDK retries of a settings mismatch, then json_object answered.
    expect(server.requests.map((r) => r.body.response_format?.type)).toEqual([
      "json_schema",
      "json_schema",
      "json_object",
    ]);
    expect(line).toMatch(/^LLM configuration mismatch: the server refused response_format json_schema \(HTTP 500/);
    expect(line).toMatch(/using json_object$/);
    expect(logs.filter((l) => l.msg === line)).toHaveLength(1);
    expect(await classifier.prepare()).toBe(line);
    expect(server.requests).toHaveLength(3);

    const out = await classifier.classify(text);
    expect(out).toMatchObject({ source: "llm", flaggedReason: null });
    const last = server.requests.at(-1)!;
    expect(last.body.response_format).toEqual({ type: "json_object" });
    expect(last.body.messages[0].content).toContain("Reply with only one JSON object");
  });

  it("drops maxLength for a server whose strict mode rejects it (OpenAI, Azure)", async () => {
    server.respondWith(
      refusing((body) =>
        JSON.stringify(body.response_format ?? {}).includes("maxLength")
          ? {
              status: 400,
              message: "Invalid schema for response_format 'classification': 'maxLength' is not permitted.",
            }
          : null,
      ),
    );
    const classifier = setup();
    expect(await classifier.prepare()).toMatch(/using json_schema_no_lengths$/);
    const out = await classifier.classify(text);
    expect(out.source).toBe("llm");
    const last = server.requests.at(-1)!.body;
    expect(last.response_format.type).toBe("json_schema");
    expect(JSON.stringify(last.response_format)).not.toContain("maxLength");
    expect(last.response_format.json_schema.schema.properties.tags.maxItems).toBe(5);
    expect(last.messages[0].content).not.toContain("Reply with only one JSON object");
  });

  it("falls back to a plain prompt for a server that takes no response_format, and reads JSON in a code fence", async () => {
    server.respondWith((request) =>
      request.body.response_format
        ? reply.error(400, "Unrecognized request argument supplied: response_format")
        : reply.content(`Here is the classification:\n\`\`\`json\n${JSON.stringify(answer())}\n\`\`\``),
    );
    const classifier = setup();
    expect(await classifier.prepare()).toMatch(/using prompt$/);
    expect(classifier.mode()).toBe("prompt");
    const out = await classifier.classify(text);
    expect(out).toMatchObject({ source: "llm", flaggedReason: null });
    expect(out.result.system).toBe("bcma");
  });

  it("a refusal met mid-run (no probe) is a settings mismatch: one error line, the next mode, no outage", async () => {
    server.respondWith(
      refusing((body) =>
        body.response_format?.type === "json_schema"
          ? { status: 400, message: "response_format json_schema unsupported by this server" }
          : null,
      ),
    );
    const classifier = setup({ maxRetries: 0 });
    const first = await classifier.classify(text);
    const second = await classifier.classify(text);
    expect(first).toMatchObject({ source: "llm", flaggedReason: null });
    expect(second).toMatchObject({ source: "llm", flaggedReason: null });
    const mismatch = logs.filter((l) => l.level === "error" && /configuration mismatch/.test(l.msg));
    expect(mismatch).toHaveLength(2); // json_schema → json_schema_no_lengths → json_object, once each
    expect(classifier.mode()).toBe("json_object");
    expect(logs.some((l) => /fell back/.test(l.msg))).toBe(false);
  });

  it("an unreachable server at start-up is not a mismatch: json_schema is kept and said so", async () => {
    server.respondWith(() => reply.serverError());
    const classifier = setup({ maxRetries: 2 });
    const line = await classifier.prepare();
    expect(server.requests).toHaveLength(1);
    expect(line).toMatch(/json_schema assumed; the probe could not reach the model \(HTTP 500\)/);
    expect(classifier.mode()).toBe("json_schema");
  });

  it("an LLM cannot un-file a filed report: isReport false is flagged and the report stays a report", async () => {
    server.enqueue(reply.json(answer({ isReport: false, kind: "other", system: "other", severity: "low" })));
    const llm = setup();
    const out = await classifyFiled(
      { classifier: llm, gate: offline, logger: silentLogger },
      asRedacted("Epic is down on 4 West, can't chart meds"),
      "R-0001",
    );
    expect(out.result.isReport).toBe(true);
    expect(out.result.system).toBe("ehr");
    expect(out.flaggedReason).toContain("the LLM says this may not be a report; kept as filed");
  });
});
