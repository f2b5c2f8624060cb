/**
 * Keeps a conversation's messages in order: while a user's turn is being processed (the bot's reply
 * travels over HTTP through the local connector), a proactive message for the same conversation
 * waits for it, so e.g. a fast classification confirmation never lands above the "Got it" reply.
 */
import type { ChatConversation } from "./conversation-log";

interface Busy {
  turns: number;
  waiters: (() => void)[];
}

export class TurnTracker {
  private readonly busy = new WeakMap<ChatConversation, Busy>();

  /** Runs `work` as one turn of `conversation`. */
  async run<T>(conversation: ChatConversation, work: () => Promise<T>): Promise<T> {
    const state = this.busy.get(conversation) ?? { turns: 0, waiters: [] };
    this.busy.set(conversation, state);
    state.turns += 1;
    try {
      return await work();
    } finally {
      state.turns -= 1;
      if (state.turns === 0) for (const wake of state.waiters.splice(0)) wake();
    }
  }

  /** Resolves when no turn of `conversation` is running, or after `timeoutMs` at the latest. */
  idle(conversation: ChatConversation, timeoutMs: number): Promise<void> {
    const state = this.busy.get(conversation);
    if (!state || state.turns === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      state.waiters.push(done);
    });
  }
}
