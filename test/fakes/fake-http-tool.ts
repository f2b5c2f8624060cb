/**
 * The common part of the fake ITSM tools: an HTTP server on 127.0.0.1 that records every call, can
 * fail the first N calls with 503 (`failNext`), can be "down" (connections dropped), and can drop
 * the answer of the next N writes after doing them (`dropAnswers`: the tool created the ticket but
 * the bot never heard, as after a timeout or a crash).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

export interface ToolRequest {
  method: string;
  url: URL;
  authorization: string | null;
  rawBody: string;
  body: unknown;
  contentType: string;
}

export interface ToolAnswer {
  status: number;
  body: unknown;
}

export class FakeHttpTool {
  readonly calls: RecordedCall[] = [];
  /** The next N calls answer 503 (each failure consumes one). */
  failNext = 0;
  /** While true every connection is dropped without an answer (the tool is down). */
  down = false;
  /** The next N writes (POST) are carried out, then their answer is dropped. */
  dropAnswers = 0;
  url = "";
  private readonly server: http.Server;

  constructor(private readonly handle: (req: ToolRequest) => ToolAnswer) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.answer(req, res, Buffer.concat(chunks).toString("utf8")));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): void {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const contentType = String(req.headers["content-type"] ?? "");
    let body: unknown = rawBody;
    if (contentType.startsWith("application/json") && rawBody) body = JSON.parse(rawBody) as unknown;
    if (contentType.startsWith("application/x-www-form-urlencoded"))
      body = Object.fromEntries(new URLSearchParams(rawBody));
    const authorization = req.headers.authorization ?? null;
    this.calls.push({ method: req.method ?? "GET", path: `${url.pathname}${url.search}`, authorization, body });
    if (this.failNext > 0) {
      this.failNext -= 1;
      res.writeHead(503, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Service Unavailable (fake)" }, status: "failure" }));
      return;
    }
    const answer = this.handle({ method: req.method ?? "GET", url, authorization, rawBody, body, contentType });
    if (req.method === "POST" && !url.pathname.includes("oauth") && this.dropAnswers > 0 && answer.status < 300) {
      this.dropAnswers -= 1;
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(answer.body));
  }
}
