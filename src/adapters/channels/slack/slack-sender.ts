/**
 * Proactive sends (confirmations, triage cards, closing the loop, digests). A configured
 * destination is a channel id; a reporter is reached through the stored conversation: by DM unless
 * the report was anonymous (then where they reported). Failures throw so the outbox retries.
 */
import type { webApi } from "@slack/bolt";
import { AppError, ChannelRateLimitedError } from "../../../domain/errors";
import type { BotMessage } from "../../../domain/message";
import type { ChannelSender, SendOptions, SendTarget } from "../../../ports/channel";
import type { ConversationStore } from "../../../ports/side-stores";
import { loadConversation, messageRef, parseMessageRef } from "./conversation-ref";
import { renderBlocks } from "./render-blocks";

export async function openDm(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (!id) throw new AppError("CHANNEL_SEND_FAILED", "conversations.open returned no channel");
  return id;
}

/** Slack message metadata marking a post with the outbox key it was sent for. */
export const OUTBOX_EVENT_TYPE = "it_feedback_outbox";
/** How far back a possibly-posted message is looked for (the bot's recent posts in that conversation). */
const HISTORY_LOOKBACK = 100;

/**
 * The ts of the bot's post carrying `key` in its metadata among the conversation's recent messages,
 * or null. Needs the history scope of the conversation (channels:history, im:history, groups:history);
 * if the look-up is refused the message is posted again (at least once) rather than held.
 */
async function findPosted(client: webApi.WebClient, channel: string, key: string): Promise<string | null> {
  try {
    const history = await client.conversations.history({
      channel,
      limit: HISTORY_LOOKBACK,
      include_all_metadata: true,
    });
    for (const m of history.messages ?? []) {
      const payload: Record<string, unknown> = { ...(m.metadata?.event_payload ?? {}) };
      if (m.metadata?.event_type === OUTBOX_EVENT_TYPE && payload["outbox_key"] === key && m.ts) return m.ts;
    }
    return null;
  } catch {
    return null;
  }
}

export interface SlackSenderDeps {
  client: webApi.WebClient;
  conversations: ConversationStore;
}

export function createSlackSender(deps: SlackSenderDeps): ChannelSender {
  const resolveChannel = async (target: SendTarget): Promise<string> => {
    if (target.destination) return target.destination;
    if (!target.conversationKey)
      throw new AppError("BAD_REQUEST", "send target has neither destination nor conversation");
    const ref = await loadConversation(deps.conversations, target.conversationKey);
    if (!ref) throw new AppError("NOT_FOUND", `no stored Slack conversation for ${target.conversationKey}`);
    if (ref.direct || ref.anonymous) return ref.channel;
    return openDm(deps.client, ref.user);
  };

  return {
    channel: "slack",
    async send(target: SendTarget, message: BotMessage, options?: SendOptions): Promise<string | null> {
      const payload = renderBlocks(message);
      try {
        const replace = options?.replaceRef ? parseMessageRef(options.replaceRef) : null;
        if (replace) {
          await deps.client.chat.update({ channel: replace.channel, ts: replace.ts, ...payload });
          return messageRef(replace.channel, replace.ts);
        }
        const channel = await resolveChannel(target);
        const key = options?.outboxKey;
        if (key && options.mayHaveBeenSent) {
          const earlier = await findPosted(deps.client, channel, key);
          if (earlier) return messageRef(channel, earlier);
        }
        const posted = await deps.client.chat.postMessage({
          channel,
          ...payload,
          ...(key ? { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_key: key } } } : {}),
        });
        if (!posted.ts) throw new AppError("CHANNEL_SEND_FAILED", "chat.postMessage returned no ts");
        return messageRef(posted.channel ?? channel, posted.ts);
      } catch (err) {
        if (err instanceof AppError) throw err;
        // The sender's client rejects rate-limited calls (rejectRateLimitedCalls) with Slack's Retry-After.
        const limited = err as { code?: string; retryAfter?: number };
        if (limited.code === "slack_webapi_rate_limited_error")
          throw new ChannelRateLimitedError("Slack rate-limited the send", (limited.retryAfter ?? 1) * 1000, {
            cause: err,
          });
        throw new AppError("CHANNEL_SEND_FAILED", `Slack send failed: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
