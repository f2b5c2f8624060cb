/**
 * Proactive messages to Teams (confirmations after classification, triage cards, digests) through
 * stored conversation references: a reporter's conversation (`target.conversationKey`) or a
 * channel (`target.destination` = the channel's conversation id, looked up as `teams:<id>`).
 */
import type { CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import { AppError, ChannelRateLimitedError } from "../../../domain/errors";
import type { BotMessage } from "../../../domain/message";
import type { ChannelSender, SendTarget } from "../../../ports/channel";
import type { ConversationStore } from "../../../ports/side-stores";
import { conversationKey, messageRef, parseMessageRef, type ChannelIdentity } from "./inbound";
import { ConnectorRateLimitedError } from "./rate-limit-policy";
import { renderActivity, type RenderOptions } from "./render-card";

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  appId: string;
  identity: ChannelIdentity;
  conversations: ConversationStore;
  render: RenderOptions;
}

function keyOf(target: SendTarget, identity: ChannelIdentity): string {
  if (target.conversationKey) return target.conversationKey;
  if (target.destination)
    return target.destination.startsWith(`${identity.keyPrefix}:`)
      ? target.destination
      : conversationKey(identity, target.destination);
  throw new AppError("CHANNEL_SEND_FAILED", "send target has neither a conversation nor a destination");
}

export function createTeamsSender(options: TeamsSenderOptions): ChannelSender {
  return {
    channel: options.identity.channel,
    async send(target, message: BotMessage, sendOptions) {
      const key = keyOf(target, options.identity);
      const reference = await options.conversations.get(key);
      if (!reference)
        throw new AppError(
          "CHANNEL_SEND_FAILED",
          `no stored conversation reference for ${key} (is the bot installed there?)`,
        );
      const activity = renderActivity(message, options.render);
      const replace = sendOptions?.replaceRef ? parseMessageRef(sendOptions.replaceRef) : null;
      // Without the stored activityId this is a new message, not a reply (a new post in a channel).
      const stored = { ...(reference as Partial<ConversationReference>), activityId: undefined };
      // A card is edited in the conversation it lives in (a channel thread may differ from the key's).
      const where = replace
        ? { ...stored, conversation: { ...stored.conversation!, id: replace.conversationId } }
        : stored;
      let ref: string | null = null;
      // The adapter routes errors inside the turn to onTurnError; capture them so the outbox retries.
      let failure: unknown = null;
      try {
        await options.adapter.continueConversationAsync(options.appId, where, async (context: TurnContext) => {
          try {
            const conversationId = context.activity.conversation.id;
            if (replace) {
              await context.updateActivity({ ...activity, id: replace.activityId });
              ref = messageRef(conversationId, replace.activityId);
              return;
            }
            const sent = await context.sendActivity(activity);
            ref = sent?.id ? messageRef(conversationId, sent.id) : null;
          } catch (err) {
            failure = err;
          }
        });
      } catch (err) {
        failure = err;
      }
      if (failure instanceof ConnectorRateLimitedError)
        throw new ChannelRateLimitedError(`Teams rate-limited the send to ${key}`, failure.retryAfterMs, {
          cause: failure,
        });
      if (failure)
        throw new AppError("CHANNEL_SEND_FAILED", `Teams send to ${key} failed: ${(failure as Error).message}`, {
          cause: failure,
        });
      return ref;
    },
  };
}
