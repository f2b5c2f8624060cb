/** Proactive messages to a web chat conversation (`webchat:<conversationId>`), straight into its log. */
import { AppError } from "../../../domain/errors";
import type { BotMessage } from "../../../domain/message";
import type { ChannelSender, SendTarget } from "../../../ports/channel";
import { parseMessageRef } from "../teams/inbound";
import { renderActivity } from "../teams/render-card";
import type { ConversationLog } from "./conversation-log";

export const WEBCHAT_KEY_PREFIX = "webchat";

export function createWebChatSender(log: ConversationLog, bot: { id: string; name: string }): ChannelSender {
  return {
    channel: "webchat",
    send(target, message, options) {
      // Synchronous underneath; a promise (resolved or rejected) is what the port promises.
      return Promise.resolve().then(() => deliver(target, message, options?.replaceRef ?? null));
    },
  };

  function deliver(target: SendTarget, message: BotMessage, replaceRef: string | null): string {
    const key = target.conversationKey ?? target.destination ?? "";
    const id = key.startsWith(`${WEBCHAT_KEY_PREFIX}:`) ? key.slice(WEBCHAT_KEY_PREFIX.length + 1) : key;
    const conversation = log.get(id);
    if (!conversation)
      throw new AppError("CHANNEL_SEND_FAILED", `web chat conversation ${id} is gone (closed or server restarted)`);
    const activity = { ...renderActivity(message), from: { ...bot, role: "bot" }, channelId: "webchat" };
    const replace = replaceRef ? parseMessageRef(replaceRef) : null;
    if (replace && log.replace(conversation, replace.activityId, activity))
      return `${conversation.id}|${replace.activityId}`;
    const published = log.append(conversation, activity);
    return `${conversation.id}|${published.id}`;
  }
}
