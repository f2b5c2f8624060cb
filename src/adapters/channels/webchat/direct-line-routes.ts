/**
 * A local, Direct Line 3.0-compatible endpoint (the subset Web Chat uses with polling): tokens,
 * start conversation, post activity, poll activities by watermark. Incoming activities are handed
 * to the botbuilder CloudAdapter with a serviceUrl that points back at this server's local
 * connector routes, so the bot replies over the same Bot Framework protocol it uses with Teams.
 */
import restify from "restify";
import { z } from "zod";
import type { Logger } from "../../../ports/logger";
import { findCardOrigin } from "./card-origin";
import type { ChatConversation, ConversationLog } from "./conversation-log";

export const DIRECT_LINE_PATH = "/v3/directline";
const MAX_BODY_BYTES = 64 * 1024;
const TOKEN_TTL_SECONDS = 3600;

const Account = z.object({ id: z.string().min(1).max(128), name: z.string().max(80).optional() });
const TokenRequest = z.object({ user: Account.optional() }).optional();
const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(32),
  text: z.string().max(8000).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: z.string().optional(), name: z.string().max(80).optional() }).optional(),
  locale: z.string().max(20).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

export interface DirectLineDeps {
  log: ConversationLog;
  logger: Logger;
  bot: { id: string; name: string };
  /** Runs one inbound activity through the bot (CloudAdapter + ChannelBot). */
  process(activity: Record<string, unknown>): Promise<void>;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void> | void;

function fail(res: restify.Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

function authorized(req: restify.Request, res: restify.Response, deps: DirectLineDeps): ChatConversation | null {
  const conversation = deps.log.byBearer(req.headers.authorization);
  const id = (req.params as { id?: string }).id;
  if (!conversation || (id !== undefined && conversation.id !== id)) {
    fail(res, 403, "Forbidden", "unknown or mismatched token");
    return null;
  }
  return conversation;
}

function tokenBody(conversation: ChatConversation) {
  return { conversationId: conversation.id, token: conversation.token, expires_in: TOKEN_TTL_SECONDS };
}

export function registerDirectLineRoutes(server: restify.Server, deps: DirectLineDeps): void {
  const json = restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES });
  const run = (what: string, handler: Handler) => async (req: restify.Request, res: restify.Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, what }, "web chat request failed");
      if (!res.headersSent) fail(res, 500, "ServiceError", "something went wrong");
    }
  };

  const startBot = async (conversation: ChatConversation) => {
    if (conversation.started) return;
    conversation.started = true;
    const user = { id: conversation.user.id, name: conversation.user.name };
    await deps.process({
      type: "conversationUpdate",
      id: `${conversation.id}-start`,
      from: user,
      membersAdded: [{ id: deps.bot.id, name: deps.bot.name }, user],
      conversation: { id: conversation.id },
    });
  };

  server.post(
    `${DIRECT_LINE_PATH}/tokens/generate`,
    json,
    run("tokens/generate", (req, res) => {
      const parsed = TokenRequest.safeParse(req.body ?? undefined);
      if (!parsed.success) return fail(res, 400, "BadArgument", "invalid token request");
      const user = parsed.data?.user;
      const conversation = deps.log.create({ id: user?.id ?? `dl_${Date.now().toString(36)}`, name: user?.name ?? "" });
      res.send(200, tokenBody(conversation));
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/tokens/refresh`,
    run("tokens/refresh", (req, res) => {
      const conversation = authorized(req, res, deps);
      if (conversation) res.send(200, tokenBody(conversation));
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations`,
    run("conversations", async (req, res) => {
      const conversation = authorized(req, res, deps);
      if (!conversation) return;
      await startBot(conversation);
      res.send(conversation.entries.length > 0 ? 200 : 201, tokenBody(conversation));
    }),
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:id/activities`,
    run("get activities", (req, res) => {
      const conversation = authorized(req, res, deps);
      if (!conversation) return;
      const watermark = Number.parseInt(String((req.query as { watermark?: string }).watermark ?? "0"), 10);
      const page = deps.log.since(conversation, Number.isFinite(watermark) ? watermark : 0);
      res.send(200, { activities: page.activities, watermark: String(page.watermark) });
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations/:id/activities`,
    json,
    run("post activity", async (req, res) => {
      const conversation = authorized(req, res, deps);
      if (!conversation) return;
      const parsed = IncomingActivity.safeParse(req.body);
      if (!parsed.success) return fail(res, 400, "BadArgument", "invalid activity");
      const incoming = parsed.data;
      // The user is who the token was issued to; only the display name may change.
      // The page sends the name field as channelData.displayName (it can change mid-conversation).
      const shown = incoming.channelData?.displayName;
      const name =
        (typeof shown === "string" ? shown.trim().slice(0, 80) : "") ||
        incoming.from?.name?.trim() ||
        conversation.user.name ||
        "Web chat user";
      const from = { id: conversation.user.id, name, role: "user" };
      const echo = deps.log.append(conversation, { ...incoming, from, recipient: deps.bot, channelId: "webchat" });
      res.send(200, { id: echo.id });
      if (incoming.type !== "message") return;
      const value = incoming.value;
      const replyToId =
        typeof value === "object" && value !== null
          ? findCardOrigin(conversation.entries, value as Record<string, unknown>, deps.bot.id)
          : undefined;
      await deps.process({ ...echo, ...(replyToId ? { replyToId } : {}) });
    }),
  );
}
