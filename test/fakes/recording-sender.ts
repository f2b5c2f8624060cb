/** A ChannelSender that records what it was asked to send (and can be told to fail). */
import type { BotMessage } from "../../src/domain/message";
import type { ChannelName, ChannelSender, SendTarget } from "../../src/ports/channel";

export interface RecordedSend {
  channel: ChannelName;
  target: SendTarget;
  message: BotMessage;
  replaceRef: string | null;
}

export class RecordingSender implements ChannelSender {
  readonly sent: RecordedSend[] = [];
  /** Sends that should throw next (each failure consumes one). */
  failNext = 0;
  /** The error a failing send throws (default: a plain Error). */
  failWith: () => Error = () => new Error(`${this.channel} send failed (fake)`);
  /** Optional hook run before recording (e.g. to simulate a slow platform). */
  beforeSend: (() => Promise<void>) | null = null;
  private seq = 0;

  constructor(readonly channel: ChannelName) {}

  async send(target: SendTarget, message: BotMessage, options?: { replaceRef?: string | null }): Promise<string> {
    if (this.beforeSend) await this.beforeSend();
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw this.failWith();
    }
    this.sent.push({ channel: this.channel, target, message, replaceRef: options?.replaceRef ?? null });
    this.seq += 1;
    return `${this.channel}-msg-${this.seq}`;
  }
}
