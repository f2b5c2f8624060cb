/**
 * The Slack Web API clients' fetch (light-fetch.ts) against a real local HTTP server: what
 * WebClient reads of a response (status, headers, text, JSON), a 429 with Retry-After turned into
 * WebClient's rate-limit error, an abort signal, and a FormData body handed to the global fetch.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { createLightFetch } from "../../src/adapters/channels/slack/light-fetch";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe("light fetch for the Slack Web API", () => {
  let server: http.Server;
  let base = "";
  const seen: Seen[] = [];
  const light = createLightFetch();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        if (req.url?.endsWith("/chat.postMessage") && body.includes("limited")) {
          res.writeHead(429, { "retry-after": "7", "content-type": "application/json" });
          res.end('{"ok":false,"error":"ratelimited"}');
        } else if (req.url?.endsWith("/slow")) {
          setTimeout(() => res.end("late"), 2000).unref();
        } else {
          res.writeHead(200, { "content-type": "application/json", "x-oauth-scopes": "chat:write, users:read" });
          res.end(JSON.stringify({ ok: true, ts: "1.2", echo: body.length }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(async () => {
    light.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers WebClient's calls: body and headers out, JSON and scopes back", async () => {
    const client = new webApi.WebClient("xoxb-test", {
      slackApiUrl: base,
      fetch: light.fetch,
      retryConfig: { retries: 0 },
    });
    const result = await client.chat.postMessage({ channel: "D1", text: "Ünïcode – 4 West" });
    expect(result).toMatchObject({ ok: true, ts: "1.2" });
    expect(result.response_metadata?.scopes).toEqual(["chat:write", "users:read"]);
    const last = seen[seen.length - 1]!;
    expect(last.method).toBe("POST");
    expect(last.headers.authorization).toBe("Bearer xoxb-test");
    expect(new URLSearchParams(last.body).get("text")).toBe("Ünïcode – 4 West");
  });

  it("lets WebClient see a 429 and its Retry-After", async () => {
    const client = new webApi.WebClient("xoxb-test", {
      slackApiUrl: base,
      fetch: light.fetch,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    await expect(client.chat.postMessage({ channel: "D1", text: "limited" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 7,
    });
  });

  it("stops waiting when the signal aborts", async () => {
    const started = Date.now();
    await expect(
      light.fetch(`${base}slow`, { method: "POST", body: "", signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("gives up on a server that takes the request and never answers, without a signal of the caller's", async () => {
    const short = createLightFetch(150);
    try {
      const started = Date.now();
      await expect(short.fetch(`${base}slow`, { method: "POST", body: "" })).rejects.toThrow(/within 150 ms/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      short.close();
    }
  });

  it("hands a FormData body (file uploads) to the global fetch", async () => {
    const form = new FormData();
    form.append("filename", "x.txt");
    const response = await light.fetch(`${base}files.upload`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    expect(seen[seen.length - 1]!.headers["content-type"]).toMatch(/^multipart\/form-data/);
  });
});
