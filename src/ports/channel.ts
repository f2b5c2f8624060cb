import type { BotMessage } from "../domain/message";

export type ChannelName = "teams" | "slack" | "webchat";

/** Where a proactive message goes: a stored conversation (a reporter) or a configured destination (a channel id). */
export interface SendTarget {
  conversationKey: string | null;
  destination: string | null;
}

export interface SendOptions {
  replaceRef?: string | null;
  /** The outbox key of this message (unique per event and recipient). */
  outboxKey?: string;
  /**
   * An earlier attempt may have posted it (it died or failed after sending): a channel that can
   * look up what it posted (Slack: message metadata) returns that message's ref instead of posting
   * again. Channels that cannot tell post again (at least once).
   */
  mayHaveBeenSent?: boolean;
}

/**
 * Outbound side of a channel: proactive messages (confirmations after classification, triage
 * cards, alerts, closing-the-loop notes, digests). Implemented by each channel adapter.
 */
export interface ChannelSender {
  readonly channel: ChannelName;
  /**
   * Posts `message`, or updates the message `replaceRef` in place when given and the platform
   * allows it. Returns the platform's reference to the message (Teams activity id, Slack ts) so it
   * can be updated later. Throws on failure (the outbox retries).
   */
  send(target: SendTarget, message: BotMessage, options?: SendOptions): Promise<string | null>;
  /** Optional image upload support is not required: digests embed a chart URL. */
}
