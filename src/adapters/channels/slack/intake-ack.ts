/**
 * Durable intake on the Events API: Slack's HTTP request for a chat event is answered only once the
 * message is in the store (or was deliberately ignored). The receiver hands each event listener an
 * IntakeAck in Bolt's context; the listener says `accepted()` after the core has stored the message,
 * or `refused()` when nothing was stored (busy, store down): Slack then gets a non-2xx and delivers
 * the event again (up to 3 retries), and its id was never marked as seen.
 */
export interface IntakeAck {
  /** The message is stored (or needs no storing): answer 200 now. */
  accepted(): void;
  /** Nothing was stored: answer 503 so Slack retries. */
  refused(): void;
}

/** The context key the receiver uses (Bolt merges a receiver's customProperties into the context). */
export const INTAKE_ACK_KEY = "durableIntakeAck";

/** Slack retries a failed event delivery 3 times; the 3rd retry is the last chance to tell the person. */
export const LAST_SLACK_RETRY = 3;

export function intakeAckOf(context: Record<string, unknown>): IntakeAck | null {
  const ack = context[INTAKE_ACK_KEY] as IntakeAck | undefined;
  return ack && typeof ack.accepted === "function" ? ack : null;
}
