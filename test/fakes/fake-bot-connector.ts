/**
 * A fake Bot Connector service on 127.0.0.1: the `serviceUrl` the bot replies to. Records every
 * activity it receives (posts, replies, updates, conversation creations), answers with ids like
 * the real one, and can be told to fail the next N calls.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Activities as JSON: tests read them loosely, so the type is deliberately open. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back from the bot, asserted field by field
export type Json = any;

export interface ConnectorCall {
  kind: "create" | "send" | "reply" | "update";
  conversationId: string;
  /** replyToId for replies, the edited id for updates. */
  activityId: string | null;
  /** The id the connector assigned (sends, replies, creations). */
  assignedId: string | null;
  authorization: string | null;
  body: Json;
}

export interface FakeBotConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Requests answered with an injected failure (failNext), in order; not in `calls`. */
  readonly refused: readonly { method: string; path: string; status: number }[];
  /** The next `count` requests answer `status` (default 503), with `headers` (e.g. Retry-After on a 429). */
  failNext(count: number, status?: number, headers?: Record<string, string>): void;
  /** Resolves once `count` calls of `kind` (all kinds when omitted) arrived. */
  waitFor(count: number, kind?: ConnectorCall["kind"], timeoutMs?: number): Promise<ConnectorCall[]>;
  /** Calls that carried activities (sends and replies), in order. */
  sent(): ConnectorCall[];
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    req.on("error", reject);
  });
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const refused: { method: string; path: string; status: number }[] = [];
  let failures = 0;
  let failStatus = 503;
  let failHeaders: Record<string, string> = {};
  let seq = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { ...headers, "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (failures > 0) {
        failures -= 1;
        refused.push({ method: req.method ?? "", path: req.url ?? "", status: failStatus });
        return reply(failStatus, { error: { code: "ServiceError", message: "injected failure" } }, failHeaders);
      }
      const path = (req.url ?? "").split("?")[0] ?? "";
      const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
      const authorization = req.headers.authorization ?? null;
      // parts: v3 conversations [id] [activities] [activityId]
      if (parts[0] !== "v3" || parts[1] !== "conversations") return reply(404, { error: { code: "NotFound" } });
      if (req.method === "POST" && parts.length === 2) {
        seq += 1;
        const id = `created-${seq}`;
        const activityId = `act-${seq}`;
        calls.push({
          kind: "create",
          conversationId: id,
          activityId: null,
          assignedId: activityId,
          authorization,
          body,
        });
        return reply(201, { id, activityId });
      }
      const conversationId = parts[2] ?? "";
      if (parts[3] !== "activities") return reply(404, { error: { code: "NotFound" } });
      const activityId = parts[4] ?? null;
      if (req.method === "PUT" && activityId) {
        calls.push({ kind: "update", conversationId, activityId, assignedId: activityId, authorization, body });
        return reply(200, { id: activityId });
      }
      if (req.method === "POST") {
        seq += 1;
        const id = `act-${seq}`;
        calls.push({
          kind: activityId ? "reply" : "send",
          conversationId,
          activityId,
          assignedId: id,
          authorization,
          body,
        });
        return reply(200, { id });
      }
      return reply(405, { error: { code: "MethodNotAllowed" } });
    })().catch(() => {
      res.writeHead(400);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    refused,
    failNext(count, status = 503, headers = {}) {
      failures = count;
      failStatus = status;
      failHeaders = headers;
    },
    async waitFor(count, kind, timeoutMs = 5000) {
      const started = Date.now();
      const matching = () => calls.filter((c) => !kind || c.kind === kind);
      while (matching().length < count) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting for ${count} ${kind ?? "connector"} call(s)`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return matching();
    },
    sent() {
      return calls.filter((c) => c.kind === "send" || c.kind === "reply");
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
