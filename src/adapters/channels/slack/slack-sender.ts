/**
 * Proactive sends (confirmations, triage cards, closing the loop, digests). A configured
 * destination is a channel id; a reporter is reached through the stored conversation: by DM unless
 * the report was anonymous (then where they reported). Failures throw so the outbox retries.
 */
import type { webApi } from "@slack/bolt";
import { AppError, ChannelRateLimitedError } from "../../../domain/errors";
import type { BotMessage } from "../../../domain/message";
import type { ChannelSender, SendTarget } from "../../../ports/channel";
import type { ConversationStore } from "../../../ports/side-stores";
import { loadConversation, messageRef, parseMessageRef } from "./conversation-ref";
import { renderBlocks } from "./render-blocks";

export async function openDm(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (!id) throw new AppError("CHANNEL_SEND_FAILED", "conversations.open returned no channel");
  return id;
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
    async send(
      target: SendTarget,
      message: BotMessage,
      options?: { replaceRef?: string | null },
    ): Promise<string | null> {
      const payload = renderBlocks(message);
      try {
        const replace = options?.replaceRef ? parseMessageRef(options.replaceRef) : null;
        if (replace) {
          await deps.client.chat.update({ channel: replace.channel, ts: replace.ts, ...payload });
          return messageRef(replace.channel, replace.ts);
        }
        const channel = await resolveChannel(target);
        const posted = await deps.client.chat.postMessage({ channel, ...payload });
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
