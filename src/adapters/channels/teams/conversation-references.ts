/**
 * Stores conversation references so the bot can message a reporter or a channel later: under the
 * conversation (`teams:<conversation.id>`), the reporter's 1:1 chat (`teams:user:<id>`) and, for
 * Teams channel threads, the channel itself (`teams:<channel id>`, posting there starts a new post).
 */
import { TurnContext, type Activity } from "botbuilder";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { ConversationStore } from "../../../ports/side-stores";
import { conversationKey, isDirect, userIdOf, userKey, type ChannelIdentity } from "./inbound";

export interface ReferenceDeps {
  identity: ChannelIdentity;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
}

function channelIdOf(activity: Activity): string | null {
  const channelData = activity.channelData as { channel?: { id?: unknown } } | undefined;
  const id = channelData?.channel?.id;
  return typeof id === "string" && id.length > 0 ? id : null;
}

export async function storeReferences(activity: Activity, deps: ReferenceDeps): Promise<void> {
  const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
  const now = deps.clock.now();
  const conversationId = activity.conversation.id;
  try {
    await deps.conversations.save(conversationKey(deps.identity, conversationId), reference, now);
    if (isDirect(activity) && activity.from && activity.from.role !== "bot")
      await deps.conversations.save(userKey(deps.identity, userIdOf(activity.from)), reference, now);
    const channelId = channelIdOf(activity);
    if (channelId && channelId !== conversationId) {
      const conversation = { ...activity.conversation, id: channelId };
      await deps.conversations.save(conversationKey(deps.identity, channelId), { ...reference, conversation }, now);
    }
  } catch (err) {
    // Losing a reference only costs a later proactive message; the turn itself goes on.
    deps.logger.warn({ err: (err as Error).message }, "could not store conversation reference");
  }
}
