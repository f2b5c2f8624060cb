/**
 * Sends what the core queued in the outbox: confirmations, triage cards, alerts, closing-the-loop
 * notes. A failed send goes back to the outbox with a growing delay; each message has a unique key,
 * so an event is never sent twice.
 */
import { resolveConversationKey } from "../app/intake/conversation-alias";
import { updateReport } from "../app/pipeline/update-report";
import { AppError, ChannelRateLimitedError } from "../domain/errors";
import type { BotMessage } from "../domain/message";
import type { OutboxMessage } from "../domain/outbox";
import type { Report } from "../domain/report";
import type { ChannelSender } from "../ports/channel";
import type { Clock } from "../ports/clock";
import type { Logger } from "../ports/logger";
import type { Store } from "../ports/store";
import { startPollLoop, type PollLoop } from "./poll-loop";

export interface OutboxDispatcherOptions {
  store: Store;
  senders: readonly ChannelSender[];
  clock: Clock;
  logger: Logger;
  owner: string;
  intervalMs?: number;
  batch?: number;
  /** A message claimed by an instance that died is sent by another after this (default 60 s). */
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Delivers the ITSM tickets queued under channel "itsm" (absent: they wait and are finally given up). */
  itsm?: OutboxHandler | null;
  /** Awaited before each message (main.ts: messages being taken in go first, for a bounded while). */
  turn?: () => Promise<void>;
}

/** Delivers an outbox entry that is not a chat message (an ITSM ticket); throws to retry. */
export interface OutboxHandler {
  deliver(message: OutboxMessage): Promise<void>;
}

/**
 * While a channel is unavailable as a whole (its credentials refused), its messages wait at this
 * pace and are never given up: they go out once an operator fixes the channel.
 */
export const UNAVAILABLE_RETRY_MS = 5 * 60_000;

export function retryDelayMs(attempts: number, baseDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * How long a confirmation waits for the channel to report the acknowledgement's ref, so that it
 * replaces the acknowledgement instead of arriving as a second message (the offline classifier can
 * finish before the channel has even posted "Got it").
 */
const WAIT_FOR_ACK_REF_MS = 3_000;
const ACK_REF_POLL_MS = 50;

async function resolveReplaceRef(store: Store, message: OutboxMessage, clock: Clock): Promise<string | null> {
  if (message.replaceRef) return message.replaceRef;
  const target = message.recordRefOn;
  if (!target || target.onlyIfEmpty) return null;
  // Bounded by tries as well as by the clock, so a fake clock in tests cannot make it spin.
  for (let tries = 0; ; tries++) {
    const report = await store.reports.get(target.reportId);
    if (!report) return null;
    if (target.field === "triageMessageRef") return report.triageMessageRef;
    if (report.intake.messageRef) return report.intake.messageRef;
    const age = clock.now().getTime() - message.createdAt.getTime();
    if (age >= WAIT_FOR_ACK_REF_MS || tries * ACK_REF_POLL_MS >= WAIT_FOR_ACK_REF_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, ACK_REF_POLL_MS));
  }
}

function recordedRef(report: Report, field: "triageMessageRef" | "intakeMessageRef"): string | null {
  return field === "intakeMessageRef" ? report.intake.messageRef : report.triageMessageRef;
}

const FIRST_POST_WAIT_MS = 2_000;
const FIRST_POST_TRIES = 8;

/**
 * For an update (`updatesAfter`) with no ref to replace: "pending" while its first post is on its way
 * (or posted but its ref not recorded yet, or not queued yet: a crash between routing and queueing
 * it, which the pipeline's re-drive fills in), "unrecorded" when that post is gone for good, "none"
 * when the message is not such an update (it may post). An update never posts a card of its own.
 */
async function firstPost(store: Store, message: OutboxMessage): Promise<"none" | "pending" | "unrecorded"> {
  const key = message.recordRefOn?.updatesAfter;
  if (!key) return "none";
  const entry = await store.outbox.get(key);
  if (entry?.state === "dead") return "unrecorded";
  return "pending";
}

/** An `onlyIfEmpty` message whose slot another message already filled: it is not sent at all. */
async function superseded(store: Store, message: OutboxMessage): Promise<boolean> {
  const target = message.recordRefOn;
  if (!target?.onlyIfEmpty) return false;
  const report = await store.reports.get(target.reportId);
  return report !== null && recordedRef(report, target.field) !== null;
}

async function recordRef(store: Store, message: OutboxMessage, ref: string): Promise<void> {
  const target = message.recordRefOn;
  if (!target) return;
  await updateReport(store.reports, target.reportId, (current) => {
    const recorded = recordedRef(current, target.field);
    if (recorded === ref || (target.onlyIfEmpty && recorded !== null)) return null;
    if (target.field === "intakeMessageRef") return { ...current, intake: { ...current.intake, messageRef: ref } };
    return { ...current, triageMessageRef: ref };
  });
}

/** Sends one batch of due messages; true when it found any. Exposed for tests and the CLI. */
export async function dispatchOutboxOnce(options: OutboxDispatcherOptions): Promise<boolean> {
  const { store, clock, logger } = options;
  const due = await store.outbox.claimDue(options.owner, clock.now(), options.leaseMs ?? 60_000, options.batch ?? 20);
  /** Channels that said "slow down" (or an ITSM tool that is down) in this batch, and until when: their other messages wait too. */
  const pausedUntil = new Map<string, Date>();
  for (const message of due) {
    await options.turn?.();
    const sender = options.senders.find((s) => s.channel === message.target.channel);
    const itsm = message.target.channel === "itsm";
    // claimDue already counted this try.
    const attempts = message.attempts;
    const paused = pausedUntil.get(message.target.channel);
    if (paused) {
      await store.outbox.markFailed(
        message.key,
        `${message.target.channel} paused (rate-limited or down); waiting`,
        paused,
        false,
      );
      continue;
    }
    try {
      if (itsm) {
        if (!options.itsm) throw new Error("no ITSM connector is configured (ITSM_KIND)");
        await options.itsm.deliver(message);
        await store.outbox.markSent(message.key, clock.now());
        continue;
      }
      if (!sender) throw new Error(`channel ${message.target.channel} is not configured`);
      if (await superseded(store, message)) {
        await store.outbox.markSent(message.key, clock.now());
        logger.info({ key: message.key }, "outbox message superseded by a later one; not sent");
        continue;
      }
      const replaceRef = await resolveReplaceRef(store, message, clock);
      const first = replaceRef ? "none" : await firstPost(store, message);
      if (first === "pending" && attempts < FIRST_POST_TRIES) {
        await store.outbox.markFailed(
          message.key,
          "waiting for the first post it updates",
          new Date(clock.now().getTime() + FIRST_POST_WAIT_MS),
          false,
        );
        continue;
      }
      if (first === "pending" || first === "unrecorded") {
        // An update must never become a second card: without the first post's ref it is dropped.
        await store.outbox.markSent(message.key, clock.now());
        logger.warn({ key: message.key }, "card update dropped: the card it updates has no recorded ref");
        continue;
      }
      const ref = await sender.send(
        {
          conversationKey: await resolveConversationKey(store.conversations, message.target.conversationKey),
          destination: message.target.destination,
        },
        message.message as unknown as BotMessage,
        // attempts > 1: an earlier try was claimed and may have posted before it died or failed.
        { replaceRef, outboxKey: message.key, mayHaveBeenSent: attempts > 1 },
      );
      // The ref first: killed between the two, the re-claimed message finds its ref recorded and
      // updates in place (or, filling an empty slot, is superseded by itself) instead of posting again.
      if (ref) await recordRef(store, message, ref);
      await store.outbox.markSent(message.key, clock.now());
    } catch (err) {
      const unavailable = err instanceof AppError && err.code === "CHANNEL_UNAVAILABLE";
      // The ITSM tool down or refusing our credentials: back off as usual, but never give the ticket up.
      const itsmDown = err instanceof AppError && err.code === "ITSM_UNAVAILABLE";
      // Slack `ratelimited` / Teams 429: wait what the platform said; the message itself is fine.
      const limited = err instanceof ChannelRateLimitedError ? err : null;
      // A conversation gone for good (a web chat a restart ended) will not come back: no retries.
      const gone = err instanceof AppError && err.code === "CHANNEL_TARGET_GONE";
      const dead = gone || (!unavailable && !itsmDown && !limited && attempts >= (options.maxAttempts ?? 12));
      const delay = limited
        ? Math.max(1_000, limited.retryAfterMs)
        : unavailable
          ? UNAVAILABLE_RETRY_MS
          : retryDelayMs(attempts, options.baseDelayMs ?? 5_000);
      const next = new Date(clock.now().getTime() + delay);
      // One refusal is enough to know: the batch's other messages for that channel or tool wait too.
      if (limited || itsmDown) pausedUntil.set(message.target.channel, next);
      await store.outbox.markFailed(message.key, (err as Error).message.slice(0, 500), next, dead);
      logger.warn(
        { key: message.key, attempts, dead, err: (err as Error).message },
        gone
          ? "outbox message given up: its conversation is gone"
          : dead
            ? "outbox message given up"
            : limited
              ? "channel rate-limited; waiting its Retry-After"
              : unavailable
                ? "channel unavailable; message kept until it is fixed"
                : itsmDown
                  ? "ITSM tool unavailable; ticket kept until it answers"
                  : "outbox send failed; will retry",
      );
    }
  }
  return due.length > 0;
}

export function startOutboxDispatcher(options: OutboxDispatcherOptions): PollLoop {
  return startPollLoop("outbox", () => dispatchOutboxOnce(options), {
    intervalMs: options.intervalMs ?? 3_000,
    logger: options.logger,
  });
}
