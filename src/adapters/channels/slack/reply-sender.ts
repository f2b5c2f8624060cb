/** Posts the core's replies in the conversation a request came from, and reports tracked refs back. */
import type { webApi } from "@slack/bolt";
import type { BotCore, CoreReply } from "../../../app/intake/core-types";
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
    let posted: Awaited<ReturnType<typeof deps.client.chat.postMessage>>;
    try {
      posted = await deps.client.chat.postMessage({ channel, ...payload, ...thread });
    } catch (err) {
      // The report is stored; its acknowledgement must not be lost with this reply: the outbox
      // sends it once Slack answers again (and the confirmation then replaces it).
      if (reply.trackForReport && (await deps.core.deferReply?.(reply.trackForReport, reply.message))) {
        deps.logger.warn(
          { reportId: reply.trackForReport, err: (err as Error).message },
          "slack reply failed; the acknowledgement waits in the outbox",
        );
        continue;
      }
      throw err;
    }
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
