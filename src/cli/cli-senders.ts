/**
 * Outbound-only channel senders for `digest --send`: Teams (Bot Framework, proactive to a stored
 * conversation) and Slack (Web API), configured from the same variables as the service. The CLI
 * never receives messages, so the channels get a core that refuses inbound traffic. Web chat has no
 * sender here: its digest is the card on the demo page (GET /digest/latest.json).
 */
import { createSlackChannel } from "../adapters/channels/slack/create-slack-channel";
import { createTeamsChannel } from "../adapters/channels/teams";
import type { BotCore } from "../app/intake/core-types";
import type { Env } from "../config/env";
import { AppError } from "../domain/errors";
import type { ChannelSender } from "../ports/channel";
import { systemClock } from "../ports/clock";
import type { Logger } from "../ports/logger";
import type { Store } from "../ports/store";

const outboundOnly: BotCore = {
  onMessage: () => Promise.reject(new AppError("BAD_REQUEST", "the admin CLI does not receive messages")),
  onAction: () => Promise.reject(new AppError("BAD_REQUEST", "the admin CLI does not receive actions")),
  recordIntakeMessage: () => Promise.resolve(),
  welcome: () => ({ replies: [] }),
};

export function buildCliSenders(env: Env, store: Store, logger: Logger): Promise<ChannelSender[]> {
  const senders: ChannelSender[] = [];
  if (env.MICROSOFT_APP_ID)
    senders.push(
      createTeamsChannel({
        appId: env.MICROSOFT_APP_ID,
        appPassword: env.MICROSOFT_APP_PASSWORD,
        tenantId: env.MICROSOFT_APP_TENANT_ID,
        appType: env.MICROSOFT_APP_TYPE,
        core: outboundOnly,
        conversations: store.conversations,
        clock: systemClock,
        logger,
      }).sender,
    );
  if (env.SLACK_BOT_TOKEN)
    senders.push(
      createSlackChannel({
        botToken: env.SLACK_BOT_TOKEN,
        signingSecret: env.SLACK_SIGNING_SECRET ?? "",
        appToken: env.SLACK_APP_TOKEN,
        slackApiUrl: env.SLACK_API_URL,
        core: outboundOnly,
        conversations: store.conversations,
        idempotency: store.idempotency,
        clock: systemClock,
        logger,
      }).sender,
    );
  return Promise.resolve(senders);
}
