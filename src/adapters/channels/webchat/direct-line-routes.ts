/**
 * A local, Direct Line 3.0-compatible endpoint (the subset Web Chat uses with polling): tokens,
 * start conversation, post activity, poll activities by watermark. Incoming activities are handed
 * to the botbuilder CloudAdapter with a serviceUrl that points back at this server's local
 * connector routes, so the bot replies over the same Bot Framework protocol it uses with Teams.
 *
 * Extensions to tokens/generate (the token stands for a session: one conversation, one user):
 * `room: "triage"` joins a shared room instead of starting a private chat; `resume: <token>` gets
 * the browser's previous private chat back (history and later notifications) if it still exists.
 *
 * With sign-in (OpenID Connect, auth/sign-in.ts) the user is the one the session cookie names, never
 * the body's `user`; tokens/generate needs the session's CSRF token; rooms need triage rights from
 * the configuration; and every later request must come with the same signed-in user, rights
 * re-checked each time. Without sign-in (the loopback demo) the browser names its user.
 */
import { randomBytes } from "node:crypto";
import restify from "restify";
import { z } from "zod";
import { jsonShapeGuard } from "../../../http/json-limits";
import type { Logger } from "../../../ports/logger";
import type { Redactor } from "../../../ports/redactor";
import { findCardOrigin } from "./card-origin";
import type { WebChatSignIn } from "./auth/sign-in";
import type { ChatSession, ChatUser, ConversationLog } from "./conversation-log";
import { redactedEcho } from "./redacted-echo";
import type { TurnTracker } from "./turns";
import { forViewerAll, sanitizeIncoming } from "./viewer-view";

export const DIRECT_LINE_PATH = "/v3/directline";
const MAX_BODY_BYTES = 64 * 1024;
const TOKEN_TTL_SECONDS = 3600;

const Account = z.object({ id: z.string().min(1).max(128), name: z.string().max(80).optional() });
const TokenRequest = z
  .object({
    user: Account.optional(),
    room: z.string().min(1).max(64).optional(),
    resume: z.string().min(1).max(200).optional(),
  })
  .optional();
const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(32),
  text: z.string().max(8000).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: z.string().optional(), name: z.string().max(80).optional() }).optional(),
  locale: z.string().max(20).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

export interface DirectLineDeps {
  /** Sign-in (OIDC); null or absent in the loopback demo. */
  signIn?: WebChatSignIn | null;
  log: ConversationLog;
  /** Each inbound activity is processed as a turn of its conversation (keeps proactive sends after it). */
  turns: TurnTracker;
  logger: Logger;
  /** The log keeps what a person typed only redacted (see redacted-echo.ts). */
  redactor: Redactor;
  bot: { id: string; name: string };
  /** Runs one inbound activity through the bot (CloudAdapter + ChannelBot). */
  process(activity: Record<string, unknown>): Promise<void>;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void> | void;

function fail(res: restify.Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

function refuse(deps: DirectLineDeps, res: restify.Response, status: number, code: string, reason: string): void {
  deps.logger.warn({ channel: "webchat", status, reason }, "web chat: request refused");
  fail(res, status, code, status === 401 ? "sign in first" : "not allowed");
}

function authorized(req: restify.Request, res: restify.Response, deps: DirectLineDeps): ChatSession | null {
  const session = deps.log.byBearer(req.headers.authorization);
  const id = (req.params as { id?: string }).id;
  if (!session || (id !== undefined && session.conversation.id !== id)) {
    refuse(deps, res, 403, "Forbidden", "unknown or mismatched token");
    return null;
  }
  if (deps.signIn) {
    const web = deps.signIn.current(req);
    if (!web || web.user.id !== session.user.id) {
      refuse(deps, res, 401, "Unauthorized", "token without its signed-in user");
      return null;
    }
    if (session.conversation.kind === "room" && !deps.signIn.mayUseRooms(session.user.id)) {
      refuse(deps, res, 403, "Forbidden", "room without triage rights");
      return null;
    }
  }
  return session;
}

function tokenBody(session: ChatSession) {
  return { conversationId: session.conversation.id, token: session.token, expires_in: TOKEN_TTL_SECONDS };
}

export function registerDirectLineRoutes(server: restify.Server, deps: DirectLineDeps): void {
  const json = [restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }), jsonShapeGuard()];
  const run = (what: string, handler: Handler) => async (req: restify.Request, res: restify.Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, what }, "web chat request failed");
      if (!res.headersSent) fail(res, 500, "ServiceError", "something went wrong");
    }
  };

  // A private chat starts with the bot's welcome; a room has its own intro and no per-user welcome.
  const startBot = async ({ conversation, user }: ChatSession) => {
    if (conversation.started || conversation.kind === "room") return;
    conversation.started = true;
    const process = (activity: Record<string, unknown>) => deps.turns.run(conversation, () => deps.process(activity));
    await process({
      type: "conversationUpdate",
      id: `${conversation.id}-start`,
      from: user,
      membersAdded: [{ id: deps.bot.id, name: deps.bot.name }, user],
      conversation: { id: conversation.id },
    });
  };

  server.post(
    `${DIRECT_LINE_PATH}/tokens/generate`,
    ...json,
    run("tokens/generate", (req, res) => {
      const parsed = TokenRequest.safeParse(req.body ?? undefined);
      if (!parsed.success) return fail(res, 400, "BadArgument", "invalid token request");
      let user: ChatUser;
      if (deps.signIn) {
        const web = deps.signIn.current(req);
        if (!web) return refuse(deps, res, 401, "Unauthorized", "token request without sign-in");
        if (!deps.signIn.csrfOk(req, web))
          return refuse(deps, res, 403, "Forbidden", "token request without CSRF token");
        if (parsed.data?.room !== undefined && !deps.signIn.mayUseRooms(web.user.id))
          return refuse(deps, res, 403, "Forbidden", "room join without triage rights");
        user = { id: web.user.id, name: web.user.name };
      } else {
        const given = parsed.data?.user;
        user = { id: given?.id ?? `dl_${randomBytes(12).toString("hex")}`, name: given?.name ?? "" };
      }
      if (parsed.data?.room !== undefined) {
        const session = deps.log.join(parsed.data.room, user);
        if (!session) return fail(res, 404, "NotFound", "no such room");
        res.send(200, tokenBody(session));
        return;
      }
      const resumed = parsed.data?.resume ? deps.log.resume(parsed.data.resume, user.id) : null;
      if (resumed) resumed.user = { ...resumed.user, name: user.name || resumed.user.name };
      res.send(200, tokenBody(resumed ?? deps.log.create(user)));
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/tokens/refresh`,
    run("tokens/refresh", (req, res) => {
      const session = authorized(req, res, deps);
      if (session) res.send(200, tokenBody(session));
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations`,
    run("conversations", async (req, res) => {
      const session = authorized(req, res, deps);
      if (!session) return;
      await startBot(session);
      res.send(session.conversation.entries.length > 0 ? 200 : 201, tokenBody(session));
    }),
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:id/activities`,
    run("get activities", (req, res) => {
      const session = authorized(req, res, deps);
      if (!session) return;
      const watermark = Number.parseInt(String((req.query as { watermark?: string }).watermark ?? "0"), 10);
      const page = deps.log.since(session.conversation, Number.isFinite(watermark) ? watermark : 0);
      res.send(200, { activities: forViewerAll(page.activities, session.user.id), watermark: String(page.watermark) });
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations/:id/activities`,
    ...json,
    run("post activity", async (req, res) => {
      const session = authorized(req, res, deps);
      if (!session) return;
      const { conversation } = session;
      const parsed = IncomingActivity.safeParse(req.body);
      if (!parsed.success) return fail(res, 400, "BadArgument", "invalid activity");
      const incoming = parsed.data;
      // The user is who the token was issued to; only the display name may change.
      // The page sends the name field as channelData.displayName (it can change mid-conversation).
      // Signed in, the name is the IdP's and cannot be changed from the page.
      const shown = deps.signIn ? undefined : incoming.channelData?.displayName;
      const name =
        (typeof shown === "string" ? shown.trim().slice(0, 80) : "") ||
        (deps.signIn ? "" : incoming.from?.name?.trim()) ||
        session.user.name ||
        "Web chat user";
      session.user = { ...session.user, name };
      const from = { id: session.user.id, name, role: "user" };
      const activity = { ...sanitizeIncoming(incoming), from, recipient: deps.bot, channelId: "webchat" };
      const echo = deps.log.append(conversation, redactedEcho(deps.redactor, activity));
      if (incoming.type !== "message") return void res.send(200, { id: echo.id });
      const value = incoming.value;
      const replyToId =
        typeof value === "object" && value !== null
          ? findCardOrigin(conversation.entries, value as Record<string, unknown>, deps.bot.id)
          : undefined;
      // The bot gets what was typed (it redacts and counts what it removed); the log only the echo.
      const turn = { ...activity, id: echo.id, timestamp: echo.timestamp, conversation: echo.conversation };
      // Answered once the turn is done, so its report is in the store: a message the service dies
      // with gets no 200 and the page offers to send it again (as the Events API and Teams do).
      await deps.turns.run(conversation, () => deps.process({ ...turn, ...(replyToId ? { replyToId } : {}) }));
      res.send(200, { id: echo.id });
    }),
  );
}
