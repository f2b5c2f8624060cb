/**
 * A real HTTP server on 127.0.0.1 that speaks the chat-completions API of OpenAI
 * (POST /v1/chat/completions) and Azure OpenAI
 * (POST /openai/deployments/{deployment}/chat/completions?api-version=…).
 * Tests script its replies in order (`enqueue`) or with a function (`respondWith`), and read
 * back every request it received (`requests`).
 *
 *   const server = await FakeOpenAiServer.start();
 *   server.enqueue(reply.json({ ... }), reply.status(429));
 *   new OpenAI({ baseURL: server.baseUrl, apiKey: "test" });
 *   await server.close();
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeReply =
  /** A completion whose message content is `JSON.stringify(value)`. */
  | { type: "json"; value: unknown }
  /** A completion whose message content is this exact string (e.g. invalid JSON); finish_reason "stop" unless given. */
  | { type: "content"; content: string; finishReason?: string }
  /** An error status with an OpenAI-style error body. */
  | { type: "status"; status: number; headers?: Record<string, string>; message?: string; param?: string }
  /** Never answers (until the client gives up or the server closes). */
  | { type: "hang" };

export const reply = {
  json: (value: unknown): FakeReply => ({ type: "json", value }),
  content: (content: string): FakeReply => ({ type: "content", content }),
  invalidJson: (): FakeReply => ({ type: "content", content: '{"isReport": true, "kind": "disruption",' }),
  /** What a model that rambled until max_tokens returns: cut-off content, finish_reason "length". */
  cutOff: (content = '{"isReport": true, "summary": "the the the the the'): FakeReply => ({
    type: "content",
    content,
    finishReason: "length",
  }),
  /** An error status with this message (and `param`, as OpenAI names a refused parameter) in the error body. */
  error: (status: number, message: string, param?: string): FakeReply => ({ type: "status", status, message, param }),
  status: (status: number, headers?: Record<string, string>): FakeReply => ({ type: "status", status, headers }),
  /** 429 with `retry-after: 0`, so the SDK's own retries happen at once. */
  rateLimited: (): FakeReply => ({
    type: "status",
    status: 429,
    headers: { "retry-after": "0" },
    message: "Rate limit",
  }),
  /** 500 with `retry-after: 0`. */
  serverError: (): FakeReply => ({ type: "status", status: 500, headers: { "retry-after": "0" }, message: "Boom" }),
  hang: (): FakeReply => ({ type: "hang" }),
};

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (or the raw string when it was not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request JSON
  body: any;
  /** Set for Azure-style paths. */
  deployment: string | null;
}

export type Responder = (request: RecordedRequest) => FakeReply;

const OPENAI_PATH = /^\/v1\/chat\/completions$/;
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeReply[] = [];
  private responder: Responder | null = null;
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeOpenAiServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const instance = new FakeOpenAiServer(server, (server.address() as AddressInfo).port);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => instance.handle(req, res));
    return instance;
  }

  /** For `OPENAI_BASE_URL` / `new OpenAI({ baseURL })`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** For `AZURE_OPENAI_ENDPOINT`. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replies used one per request, in order; after they run out, the responder (or a 500). */
  enqueue(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Decides replies from the request once the queue is empty. */
  respondWith(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.responder = null;
  }

  /** Chat messages of the n-th request (0-based). */
  messagesOf(n: number): Array<{ role: string; content: string }> {
    return this.requests[n]?.body?.messages ?? [];
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the raw string
      }
      const azure = AZURE_PATH.exec(url.pathname);
      if (req.method !== "POST" || (!azure && !OPENAI_PATH.test(url.pathname))) {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${url.pathname}`, type: "not_found" } });
        return;
      }
      const recorded: RecordedRequest = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        deployment: azure ? decodeURIComponent(azure[1] ?? "") : null,
      };
      this.requests.push(recorded);
      const next = this.queue.shift() ?? this.responder?.(recorded) ?? reply.status(500);
      this.send(res, next, recorded);
    });
  }

  private send(res: http.ServerResponse, next: FakeReply, request: RecordedRequest): void {
    switch (next.type) {
      case "hang":
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return;
      case "status":
        sendJson(
          res,
          next.status,
          {
            error: {
              message: next.message ?? `HTTP ${next.status}`,
              type: "fake_error",
              param: next.param ?? null,
              code: null,
            },
          },
          next.headers,
        );
        return;
      case "json":
      case "content": {
        const content = next.type === "json" ? JSON.stringify(next.value) : next.content;
        const finishReason = next.type === "content" ? (next.finishReason ?? "stop") : "stop";
        const model = String(request.body?.model ?? request.deployment ?? "fake-model");
        sendJson(res, 200, completion(content, model, finishReason));
        return;
      }
    }
  }
}

function completion(content: string, model: string, finishReason: string): object {
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}
