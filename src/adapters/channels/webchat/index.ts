/**
 * The browser chat of demo mode. Wire it in main (when WEBCHAT_ENABLED resolves to on):
 *
 *   const webchat = createWebChat({ core, conversations, clock, logger, redactor });
 *   createHttpServer({ logger, modules: [..., webchat.routes] });  senders.push(webchat.sender);
 *
 * The page has two panes: "Report a problem" (each browser's private chat with the bot) and
 * "IT triage", the shared room behind the destination "webchat:triage" (the demo triage config
 * sends triage cards, alerts and the digest there). Any other "webchat:<name>" destination is a
 * room too, created with its first message. Both panes post as the same browser user.
 *
 * Design: Web Chat (botframework-webchat, served from node_modules) talks Direct Line 3.0 with
 * polling to a local Direct Line endpoint in this server. Each user activity is run through a
 * botbuilder CloudAdapter and the same ChannelBot as Teams, with a serviceUrl pointing at a local
 * connector endpoint in this server, so the bot's replies travel the real Bot Framework REST path
 * (ConnectorClient → HTTP → connector) and land in the conversation's log that Web Chat polls.
 * This exercises the Teams code path end to end without any cloud account. The alternative (call
 * the core directly from the Direct Line handler) would skip exactly the code we want exercised.
 * The web chat's adapter never carries credentials: its connector is local and unauthenticated
 * (protected by a per-process secret path), even when Teams runs with an app id next to it.
 */
import { randomBytes } from "node:crypto";
import type restify from "restify";
import type { Activity, CloudAdapter } from "botbuilder";
import type { BotCore } from "../../../app/intake/core-types";
import { AppError } from "../../../domain/errors";
import type { RouteModule } from "../../../http/server";
import type { ChannelSender } from "../../../ports/channel";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { Redactor } from "../../../ports/redactor";
import type { ConversationStore } from "../../../ports/side-stores";
import { ChannelBot } from "../teams/channel-bot";
import type { WebChatSignIn } from "./auth/sign-in";
import { createCloudAdapter } from "../teams/cloud-adapter";
import { CONNECTOR_PATH, registerConnectorRoutes } from "./connector-routes";
import { ConversationLog, type ConversationLogLimits } from "./conversation-log";
import { registerDirectLineRoutes } from "./direct-line-routes";
import { registerPageRoutes } from "./page-routes";
import { TurnTracker } from "./turns";
import { registerRoomRoutes, roomOpener, TRIAGE_ROOM } from "./rooms";
import { createWebChatSender, WEBCHAT_KEY_PREFIX } from "./webchat-sender";

export interface WebChatOptions {
  core: BotCore;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  /** What people type is kept in the chat's log (shown again after a reload) only redacted. */
  redactor: Redactor;
  /** Display name of the bot in the chat. */
  botName?: string;
  limits?: ConversationLogLimits;
  /** Rooms that exist from the start and are never evicted (default ["triage"]). */
  rooms?: readonly string[];
  /** OpenID Connect sign-in (auth/sign-in.ts). Absent: the loopback demo, where the browser names its user. */
  signIn?: WebChatSignIn | null;
}

export interface WebChat {
  routes: RouteModule;
  sender: ChannelSender;
  adapter: CloudAdapter;
}

/** Where this server can reach itself (the bind address, or loopback for a wildcard bind). */
export function selfUrl(server: restify.Server): string {
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("web chat: the server is not listening");
  let host = address.address;
  if (host === "0.0.0.0" || host === "") host = "127.0.0.1";
  if (host === "::") host = "::1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

export function createWebChat(options: WebChatOptions): WebChat {
  const bot = { id: "webchat-bot", name: options.botName ?? "IT Feedback" };
  const log = new ConversationLog(options.clock, options.limits);
  const openRoom = roomOpener(log, bot);
  const turns = new TurnTracker();
  for (const name of options.rooms ?? [TRIAGE_ROOM])
    if (!openRoom(name, true)) throw new AppError("CONFIG_INVALID", `web chat room "${name}" is not a valid room name`);
  const secret = randomBytes(18).toString("base64url");
  const adapter = createCloudAdapter({ appType: "MultiTenant" }, options.logger);
  const channelBot = new ChannelBot({
    identity: { channel: "webchat", keyPrefix: WEBCHAT_KEY_PREFIX },
    core: options.core,
    conversations: options.conversations,
    clock: options.clock,
    logger: options.logger,
    actionKind: "submit",
  });

  const routes: RouteModule = {
    name: "webchat",
    register(server) {
      registerPageRoutes(server);
      registerRoomRoutes(server, log, options.signIn);
      if (options.signIn) options.signIn.register(server);
      else
        server.get("/auth/me", (_req: restify.Request, res: restify.Response, next: restify.Next) => {
          res.header("cache-control", "no-store");
          res.send(200, { mode: "demo" });
          next();
        });
      registerConnectorRoutes(server, { log, logger: options.logger, secret, bot });
      registerDirectLineRoutes(server, {
        signIn: options.signIn ?? null,
        log,
        turns,
        logger: options.logger,
        redactor: options.redactor,
        bot,
        async process(activity) {
          const serviceUrl = `${selfUrl(server)}${CONNECTOR_PATH}/${secret}/`;
          await adapter.processActivityDirect(
            "",
            {
              ...activity,
              channelId: "webchat",
              serviceUrl,
              recipient: { ...bot, role: "bot" },
            } as unknown as Activity,
            (context) => channelBot.run(context),
          );
        },
      });
    },
  };
  return { routes, sender: createWebChatSender(log, bot, { openRoom: (name) => openRoom(name), turns }), adapter };
}
