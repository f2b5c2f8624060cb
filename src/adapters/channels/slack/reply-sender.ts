/** Posts the core's replies in the conversation a request came from, and reports tracked refs back. */
import type { webApi } from "@slack/bolt";
import type { BotCore, CoreReply } from "../../../app/core-types";
import type { Logger } from "../../../ports/logger";
import { messageRef } from "./conversation-ref";
import { renderBlocks } from "./render-blocks";

export interface ReplyTarget {
  /** Resolves the channel lazily, so a DM is only opened when there is something to say. */
  channel: () => Promise<string>;
  user: string;
  threadTs?: string;
}

export interface ReplyDeps {
  client: webApi.WebClient;
  core: BotCore;
  logger: Logger;
}

export async function sendReplies(deps: ReplyDeps, target: ReplyTarget, replies: readonly CoreReply[]): Promise<void> {
  if (replies.length === 0) return;
  const channel = await target.channel();
  const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
  for (const reply of replies) {
    const payload = renderBlocks(reply.message);
    if (reply.ephemeral) {
      await deps.client.chat.postEphemeral({ channel, user: target.user, ...payload, ...thread });
      continue;
    }
    const posted = await deps.client.chat.postMessage({ channel, ...payload, ...thread });
    if (reply.trackForReport && posted.ts) {
      await deps.core.recordIntakeMessage(reply.trackForReport, messageRef(posted.channel ?? channel, posted.ts));
    }
  }
}

/** A channel already known. */
export function fixedChannel(channel: string): () => Promise<string> {
  return () => Promise.resolve(channel);
}

/** Memoises a lazy async value (one conversations.open per request at most). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= load());
}
