import { createLlmClient } from "../../src/adapters/llm/client";
import { parseEnv } from "../../src/config/env";
import { FakeOpenAiServer, reply } from "../fakes/fake-openai-server";

const answer = { ok: true };

describe("createLlmClient", () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await FakeOpenAiServer.start();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  async function ask(llm: NonNullable<ReturnType<typeof createLlmClient>>) {
    const completion = await llm.client.chat.completions.create({
      model: llm.model,
      messages: [{ role: "user", content: "hi" }],
    });
    return completion.choices[0]?.message.content;
  }

  it("returns null when no LLM is configured", () => {
    expect(createLlmClient(parseEnv({}))).toBeNull();
  });

  it("talks to an OpenAI-compatible base URL with the key as a bearer token, and never describes the key", async () => {
    server.enqueue(reply.json(answer));
    const llm = createLlmClient(
      parseEnv({ OPENAI_API_KEY: "sk-secret-123", OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: "llama3.1" }),
    )!;
    expect(await ask(llm)).toBe(JSON.stringify(answer));
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-secret-123");
    expect(request.body.model).toBe("llama3.1");
    expect(llm.model).toBe("llama3.1");
    expect(llm.describe).toContain(server.baseUrl);
    expect(llm.describe).not.toContain("sk-secret-123");
  });

  it("works with a base URL and no key (local servers such as Ollama)", async () => {
    server.enqueue(reply.json(answer));
    const llm = createLlmClient(parseEnv({ OPENAI_BASE_URL: server.baseUrl }))!;
    expect(await ask(llm)).toBe(JSON.stringify(answer));
    expect(server.requests[0]!.headers.authorization).toMatch(/^Bearer \S+/);
  });

  it("applies LLM_TIMEOUT_MS and LLM_MAX_RETRIES", () => {
    const llm = createLlmClient(
      parseEnv({ OPENAI_BASE_URL: server.baseUrl, LLM_TIMEOUT_MS: "1234", LLM_MAX_RETRIES: "1" }),
    )!;
    expect(llm.client.timeout).toBe(1234);
    expect(llm.client.maxRetries).toBe(1);
    expect(llm.timeoutMs).toBe(1234);
  });

  it("calls Azure OpenAI at the deployment URL with the api-key header and api-version", async () => {
    server.enqueue(reply.json(answer));
    const llm = createLlmClient(
      parseEnv({
        AZURE_OPENAI_ENDPOINT: server.origin,
        AZURE_OPENAI_API_KEY: "azure-secret-456",
        AZURE_OPENAI_DEPLOYMENT: "triage-gpt4o",
        AZURE_OPENAI_API_VERSION: "2024-10-21",
      }),
    )!;
    expect(await ask(llm)).toBe(JSON.stringify(answer));
    const request = server.requests[0]!;
    expect(request.path).toBe("/openai/deployments/triage-gpt4o/chat/completions");
    expect(request.deployment).toBe("triage-gpt4o");
    expect(request.query["api-version"]).toBe("2024-10-21");
    expect(request.headers["api-key"]).toBe("azure-secret-456");
    expect(request.headers.authorization).toBeUndefined();
    expect(llm.model).toBe("triage-gpt4o");
    expect(llm.describe).toContain("triage-gpt4o");
    expect(llm.describe).not.toContain("azure-secret-456");
  });
});
