/**
 * A local stand-in for Slack's Web API (point WebClient's slackApiUrl at `url`). Real HTTP on
 * 127.0.0.1: records every call with its decoded arguments, answers like Slack does, and can be
 * told to fail the next N calls of a method (ok:false error, or an HTTP status) for retry tests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export interface SlackApiCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
}

export interface FailureSpec {
  /** Answer with this HTTP status (e.g. 500, 429) instead of a Slack-style ok:false. */
  status?: number;
  /** Slack error code for ok:false answers. Default "internal_error". */
  error?: string;
  /** With status 429: the Retry-After header (seconds), as Slack sends it. */
  retryAfterSeconds?: number;
}

export interface FakeSlackApi {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:1234/api/ */
  readonly url: string;
  readonly calls: SlackApiCall[];
  callsTo(method: string): SlackApiCall[];
  /** Messages chat.postMessage really posted (failed calls excluded), per channel, oldest first. */
  posted(): { channel: string; ts: string; metadata: unknown }[];
  failNext(method: string, times: number, spec?: FailureSpec): void;
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  /** Milliseconds every answer is delayed (slow Slack). */
  setLatency(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeSlackApiOptions {
  /** Only this bot token is accepted (invalid_auth otherwise). Default: any token. */
  token?: string;
  botUserId?: string;
  teamId?: string;
  /** Members of user groups, for usergroups.users.list. */
  userGroups?: Record<string, string[]>;
  /** The app-level token apps.connections.open accepts (Socket Mode). Default: any token. */
  appToken?: string;
  /** The WebSocket URL apps.connections.open hands out (Socket Mode); unset: that method fails. */
  socketModeUrl?: () => string;
}

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if ((contentType ?? "").includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === "string" && /^[[{]/.test(text)) {
      try {
        args[key] = JSON.parse(text);
        continue;
      } catch {
        // not JSON: keep the string
      }
    }
    args[key] = text;
  }
  return args;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const botUserId = options.botUserId ?? "UBOT";
  const teamId = options.teamId ?? "T1";
  const calls: SlackApiCall[] = [];
  const failures = new Map<string, { left: number; spec: FailureSpec }>();
  let latency = 0;
  let counter = 0;
  const nextTs = (): string => `1700000000.${String(++counter).padStart(6, "0")}`;
  /** What the bot posted per channel (for conversations.history), oldest first. */
  const history = new Map<string, Record<string, unknown>[]>();

  const answer = (call: SlackApiCall): Record<string, unknown> => {
    const a = call.args;
    switch (call.method) {
      case "auth.test":
        return { user_id: botUserId, bot_id: "BBOT", team_id: teamId, user: "it-support", team: "Hospital" };
      case "chat.postMessage": {
        const ts = nextTs();
        const channel = String(a.channel);
        const posted = { type: "message", ts, text: a.text, bot_id: "BBOT", user: botUserId, metadata: a.metadata };
        history.set(channel, [...(history.get(channel) ?? []), posted]);
        return { channel: a.channel, ts, message: { text: a.text, blocks: a.blocks, thread_ts: a.thread_ts } };
      }
      case "conversations.history": {
        const limit = Number(a.limit ?? 100);
        const withMetadata = a.include_all_metadata === true || a.include_all_metadata === "true";
        const messages = [...(history.get(String(a.channel)) ?? [])]
          .reverse()
          .slice(0, limit)
          .map((m) => (withMetadata ? m : { ...m, metadata: undefined }));
        return { messages, has_more: false };
      }
      case "chat.update":
        return { channel: a.channel, ts: a.ts, text: a.text };
      case "chat.postEphemeral":
        return { message_ts: nextTs() };
      case "views.open":
      case "views.update":
        return { view: { id: `V${++counter}`, ...(a.view as object) } };
      case "conversations.open":
        return { channel: { id: `D${typeof a.users === "string" ? a.users.split(",")[0] : ""}` } };
      case "usergroups.users.list":
        return { users: options.userGroups?.[String(a.usergroup)] ?? [] };
      case "apps.connections.open":
        return options.socketModeUrl ? { url: options.socketModeUrl() } : { __unknown: true };
      case "users.info":
        return {
          user: { id: a.user, name: `name-${String(a.user)}`, real_name: `Real ${String(a.user)}`, profile: {} },
        };
      default:
        return { __unknown: true };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
      const auth = req.headers.authorization;
      const call: SlackApiCall = {
        method,
        token: auth?.startsWith("Bearer ") ? auth.slice(7) : null,
        args: decodeArgs(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]),
      };
      calls.push(call);
      const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
        setTimeout(() => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(body));
        }, latency);
      };
      const failure = failures.get(method);
      if (failure && failure.left > 0) {
        failure.left -= 1;
        if (failure.spec.status === 429)
          return send(
            429,
            { ok: false, error: "ratelimited" },
            { "retry-after": String(failure.spec.retryAfterSeconds ?? 1) },
          );
        if (failure.spec.status) return send(failure.spec.status, { ok: false, error: "http_error" });
        return send(200, { ok: false, error: failure.spec.error ?? "internal_error" });
      }
      const expected = method === "apps.connections.open" ? options.appToken : options.token;
      if (expected && call.token !== expected) return send(200, { ok: false, error: "invalid_auth" });
      const body = answer(call);
      if (body.__unknown) return send(200, { ok: false, error: "unknown_method" });
      send(200, { ok: true, ...body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    posted: () =>
      [...history.entries()].flatMap(([channel, messages]) =>
        messages.map((m) => ({ channel, ts: String(m.ts), metadata: m.metadata })),
      ),
    failNext(method, times, spec = {}) {
      failures.set(method, { left: times, spec });
    },
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const started = Date.now();
      for (;;) {
        const found = calls.filter((c) => c.method === method);
        if (found.length >= count) return found;
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting for ${count} ${method} call(s), got ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    setLatency(ms) {
      latency = ms;
    },
    reset() {
      calls.length = 0;
      history.clear();
      failures.clear();
      latency = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
