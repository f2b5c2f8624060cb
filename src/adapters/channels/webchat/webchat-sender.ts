/**
 * Proactive messages into the web chat's logs. A configured destination ("webchat:triage") is a
 * shared room, created on the first message so nothing sent to it is lost; a conversation key
 * (`webchat:<conversationId>`, a reporter's private chat) must still exist.
 */
import { AppError } from "../../../domain/errors";
import type { BotMessage } from "../../../domain/message";
import type { ChannelSender, SendTarget } from "../../../ports/channel";
import { parseMessageRef } from "../teams/inbound";
import { renderActivity } from "../teams/render-card";
import type { ChatConversation, ConversationLog } from "./conversation-log";
import { keepLineBreaks } from "./line-breaks";
import type { TurnTracker } from "./turns";

export const WEBCHAT_KEY_PREFIX = "webchat";
const TURN_WAIT_MS = 5_000;

function withoutPrefix(key: string): string {
  return key.startsWith(`${WEBCHAT_KEY_PREFIX}:`) ? key.slice(WEBCHAT_KEY_PREFIX.length + 1) : key;
}

/**
 * `openRoom` gets or creates a room (with its intro); by default a bare room. A destination that
 * names an existing private conversation goes there.
 */
export function createWebChatSender(
  log: ConversationLog,
  bot: { id: string; name: string },
  options: { openRoom?: (name: string) => ChatConversation | null; turns?: TurnTracker } = {},
): ChannelSender {
  const openRoom = options.openRoom ?? ((name: string) => log.room(name));
  return {
    channel: "webchat",
    async send(target, message, sendOptions) {
      const conversation = conversationOf(target);
      // A reply being sent in this conversation goes first (order as the user experiences it).
      if (options.turns) await options.turns.idle(conversation, TURN_WAIT_MS);
      return deliver(conversation, message, sendOptions?.replaceRef ?? null);
    },
  };

  function conversationOf(target: SendTarget): ChatConversation {
    if (target.conversationKey) {
      const id = withoutPrefix(target.conversationKey);
      const conversation = log.get(id);
      if (!conversation)
        throw new AppError("CHANNEL_TARGET_GONE", `web chat conversation ${id} is gone (closed or server restarted)`);
      return conversation;
    }
    const name = withoutPrefix(target.destination ?? "");
    const room = log.get(name) ?? openRoom(name);
    if (!room)
      throw new AppError("CHANNEL_SEND_FAILED", `"webchat:${name}" cannot be a web chat room (letters, digits, . _ -)`);
    return room;
  }

  function deliver(conversation: ChatConversation, message: BotMessage, replaceRef: string | null): string {
    const activity = {
      ...keepLineBreaks(renderActivity(message)),
      from: { ...bot, role: "bot" },
      channelId: "webchat",
    };
    const replace = replaceRef ? parseMessageRef(replaceRef) : null;
    if (replace && log.replace(conversation, replace.activityId, activity))
      return `${conversation.id}|${replace.activityId}`;
    const published = log.append(conversation, activity);
    return `${conversation.id}|${published.id}`;
  }
}
