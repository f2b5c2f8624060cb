/**
 * The Slack channel: a Bolt App whose transport is either the shared restify server (signed HTTP
 * on POST /slack/events) or Socket Mode (SLACK_APP_TOKEN), plus the proactive sender. Both take
 * chat events in durably: acknowledged to Slack only once stored.
 */
import { createLightFetch, type FetchLike } from "./light-fetch";
import { App, SocketModeReceiver, webApi, type Logger as BoltLogger, type Receiver } from "@slack/bolt";
import { createUserGroupMembers } from "./user-groups";
import type { BotCore } from "../../../app/intake/core-types";
import type { RouteModule } from "../../../http/server";
import type { ChannelSender } from "../../../ports/channel";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { Redactor } from "../../../ports/redactor";
import type { ConversationStore, IdempotencyStore } from "../../../ports/side-stores";
import { boltLogger } from "./bolt-logger";
import { registerInteractionListeners } from "./interaction-listeners";
import type { ListenerDeps } from "./listener-deps";
import { registerMessageListeners } from "./message-listeners";
import { createSlackSender } from "./slack-sender";
import { RestifyReceiver } from "./slack-receiver";
import { DurableSocketModeReceiver } from "./socket-mode-receiver";
import { createUserNames } from "./user-names";

export interface SlackChannelOptions {
  botToken: string;
  signingSecret: string;
  /** xapp- token: use Socket Mode instead of the HTTP route. */
  appToken?: string;
  /** Web API base URL (an enterprise proxy, or a local fake in tests). Default: Slack's. */
  slackApiUrl?: string;
  core: BotCore;
  conversations: ConversationStore;
  idempotency: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  /** Prefills "Report to IT" with the message redacted; without one the modal starts empty. */
  redactor?: Redactor;
  /**
   * A chat event not stored within this long is left for Slack to retry (HTTP 503, Socket Mode no
   * ack); anything else no listener acknowledged by then is acknowledged empty (default 2.5 s).
   */
  ackDeadlineMs?: number;
  /** Chat events taken in at once over HTTP before more get 503 at once (default 64). */
  maxOpenEvents?: number;
  /** The service is over capacity (the event loop runs late): chat events get 503 until it caught up. */
  overloaded?: () => boolean;
  /** Told when a chat event is taken in over HTTP and when it is answered. */
  activity?: { started(): void; finished(): void };
}

export interface SlackChannel {
  routes: RouteModule;
  sender: ChannelSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Members of a user group (triagers configured as a Slack user group). */
  userGroupMembers(groupId: string): Promise<readonly string[]>;
}

interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

/**
 * `rejectRateLimitedCalls` for the proactive sender: a rate-limited call fails at once with Slack's
 * Retry-After and the outbox waits that long, instead of the client sleeping inside the dispatcher.
 */
function webClient(
  options: SlackChannelOptions,
  retries: number,
  logger: BoltLogger,
  fetch: FetchLike,
  rejectRateLimitedCalls = false,
): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    logger,
    fetch,
    rejectRateLimitedCalls,
    ...(options.slackApiUrl ? { slackApiUrl: withSlash(options.slackApiUrl) } : {}),
    retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  });
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Socket Mode: the receiver's own WebClient calls apps.connections.open with the app token, so it
 * must use the same Web API base URL as everything else (an enterprise proxy, or a local fake);
 * Bolt passes it through `installerOptions.clientOptions` (used for nothing else without OAuth).
 */
function socketModeReceiver(options: SlackChannelOptions, logger: BoltLogger): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken ?? "",
    logger,
    ...(options.slackApiUrl
      ? { installerOptions: { clientOptions: { slackApiUrl: withSlash(options.slackApiUrl) } } }
      : {}),
  });
}

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const logger = boltLogger(options.logger);
  // Replies retry a little (the user is waiting); proactive sends fail fast and the outbox retries.
  const http = createLightFetch();
  const replyClient = webClient(options, 2, logger, http.fetch);
  const senderClient = webClient(options, 0, logger, http.fetch, true);

  let identity: Promise<BotIdentity> | null = null;
  const whoAmI = (): Promise<BotIdentity> => {
    identity ??= replyClient.auth.test().then(
      (r) => ({ ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}) }),
      (err: unknown) => {
        options.logger.warn({ err: (err as Error).message }, "slack auth.test failed; will retry");
        identity = null;
        return {};
      },
    );
    return identity;
  };

  const httpReceiver = options.appToken
    ? null
    : new RestifyReceiver({
        signingSecret: options.signingSecret,
        clock: options.clock,
        logger: options.logger,
        ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
        ...(options.maxOpenEvents !== undefined ? { maxOpenEvents: options.maxOpenEvents } : {}),
        ...(options.overloaded ? { overloaded: options.overloaded } : {}),
        ...(options.activity ? { activity: options.activity } : {}),
      });
  const receiver: Receiver =
    httpReceiver ??
    new DurableSocketModeReceiver({
      socket: socketModeReceiver(options, logger),
      logger: options.logger,
      ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
    });

  const app = new App({
    receiver,
    logger,
    authorize: async () => ({ botToken: options.botToken, ...(await whoAmI()) }),
    clientOptions: {
      fetch: http.fetch,
      ...(options.slackApiUrl ? { slackApiUrl: withSlash(options.slackApiUrl) } : {}),
    },
  });

  const deps: ListenerDeps = {
    core: options.core,
    client: replyClient,
    conversations: options.conversations,
    idempotency: options.idempotency,
    clock: options.clock,
    logger: options.logger,
    redactor: options.redactor ?? null,
  };
  // A client of its own: a name lookup must not queue behind replies (the client runs 100 calls at once).
  const names = createUserNames(webClient(options, 0, logger, http.fetch));
  registerMessageListeners(app, deps, names);
  registerInteractionListeners(app, deps, names);
  app.error((err) => {
    options.logger.error({ code: err.code, err: err.message }, "slack app error");
    return Promise.resolve();
  });

  return {
    routes: httpReceiver?.routes ?? { name: "slack", register: () => undefined },
    sender: createSlackSender({ client: senderClient, conversations: options.conversations }),
    async start() {
      await whoAmI();
      await app.start();
    },
    async stop() {
      await app.stop();
      http.close();
    },
    userGroupMembers: createUserGroupMembers(replyClient, () => options.clock.now().getTime()),
  };
}
