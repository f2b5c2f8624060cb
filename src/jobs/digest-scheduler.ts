/**
 * Sends the weekly CMIO digest on DIGEST_SCHEDULE (cron, in DIGEST_TIMEZONE), exactly once per
 * period and destination, even with several instances and across restarts:
 * - the window comes from the scheduled fire time (the latest fire at or before "now"), never from
 *   the clock inside the digest builder;
 * - a lease keeps instances from building the same digest at once, and the digest-run claim
 *   (a unique row per period × destination) makes the send itself exactly once;
 * - on start, the latest scheduled period is sent if it never was (catch-up after downtime);
 * - a destination that failed or was held by a crashed instance is retried later.
 */
import type { DigestDeliveryResult, DigestDestination } from "../app/digest/send-digest";
import { digestRunKey } from "../app/digest/send-digest";
import { lastCompleteWeek, type DigestWindow } from "../domain/iso-week";
import type { Clock } from "../ports/clock";
import type { Logger } from "../ports/logger";
import type { Store } from "../ports/store";
import { cronTimes } from "./cron-times";

export interface DigestSchedulerOptions {
  /** Cron pattern (croner syntax, 5 or 6 fields), e.g. "0 7 * * 1". */
  schedule: string;
  /** IANA zone the schedule and the ISO weeks are read in, e.g. "Europe/Berlin". */
  timeZone: string;
  destinations: readonly DigestDestination[];
  store: Pick<Store, "leases" | "digestRuns">;
  /** This instance's name (leases, claims, logs). */
  owner: string;
  clock: Clock;
  logger: Logger;
  /** Sends the window's digest to the destinations (normally `sendDigest` with its deps bound). */
  deliver(window: DigestWindow, destinations: readonly DigestDestination[]): Promise<DigestDeliveryResult[]>;
  /** Run real timers (default true). Tests pass false and drive `runDue` with a fake clock. */
  timers?: boolean;
  /** Send the latest scheduled period on start if it was never sent (default true). */
  catchUp?: boolean;
  /** Delay before retrying destinations that failed or were held elsewhere (default 15 min). */
  retryDelayMs?: number;
  /** Lease held while one instance delivers (default 10 min). */
  leaseTtlMs?: number;
}

export interface DigestRunSummary {
  period: string;
  scheduledAt: Date;
  /** "lease_held": another instance is delivering; "all_sent": nothing left to do. */
  skipped: "lease_held" | "all_sent" | null;
  results: DigestDeliveryResult[];
}

export interface DigestScheduler {
  /** Delivers the digest of the latest fire time at or before `now` to every destination not yet served. */
  runDue(now: Date): Promise<DigestRunSummary | null>;
  /** Settles when the start-up catch-up has run (immediately when catch-up is off). */
  readonly ready: Promise<void>;
  /** The next fire time after `now`. */
  nextFireAfter(now: Date): Date | null;
  stop(): void;
}

export const DIGEST_LEASE = "digest-scheduler";
const DAY_MS = 86_400_000;

/** Validates the schedule and time zone (ConfigError listing the problems) and starts. */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const times = cronTimes(options.schedule, options.timeZone);
  const { store, owner, clock, logger } = options;
  const retryDelayMs = options.retryDelayMs ?? 15 * 60_000;
  const leaseTtlMs = options.leaseTtlMs ?? 10 * 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let retryAt: Date | null = null;
  let running: Promise<DigestRunSummary | null> | null = null;

  async function pendingDestinations(period: string): Promise<DigestDestination[]> {
    const pending: DigestDestination[] = [];
    for (const d of options.destinations) {
      const sent = await store.digestRuns.sentPeriods(digestRunKey(d), 20);
      if (!sent.includes(period)) pending.push(d);
    }
    return pending;
  }

  async function runOnce(now: Date): Promise<DigestRunSummary | null> {
    const scheduledAt = times.latestAtOrBefore(now);
    if (scheduledAt === null || options.destinations.length === 0) return null;
    const window = lastCompleteWeek(scheduledAt, options.timeZone);
    const base = { period: window.period, scheduledAt };
    const pending = await pendingDestinations(window.period);
    if (pending.length === 0) return { ...base, skipped: "all_sent", results: [] };
    if (!(await store.leases.acquire(DIGEST_LEASE, owner, clock.now(), leaseTtlMs))) {
      logger.info({ period: window.period, owner }, "digest: another instance holds the lease");
      retryAt = new Date(clock.now().getTime() + retryDelayMs);
      return { ...base, skipped: "lease_held", results: [] };
    }
    try {
      const results = await options.deliver(window, pending);
      const unfinished = results.filter((r) => r.outcome === "failed" || r.outcome === "in_progress");
      retryAt = unfinished.length > 0 ? new Date(clock.now().getTime() + retryDelayMs) : null;
      logger.info(
        {
          period: window.period,
          scheduledAt,
          outcomes: results.map((r) => `${digestRunKey(r.destination)}=${r.outcome}`),
        },
        "digest run finished",
      );
      return { ...base, skipped: null, results };
    } finally {
      await store.leases.release(DIGEST_LEASE, owner);
    }
  }

  /** One run at a time per instance; a second call waits for the first and then runs. */
  async function runDue(now: Date): Promise<DigestRunSummary | null> {
    while (running) await running.catch(() => null);
    running = runOnce(now);
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  function plan(): void {
    if (stopped || options.timers === false) return;
    const now = clock.now();
    const candidates = [times.nextAfter(now), retryAt].filter((d): d is Date => d !== null);
    if (candidates.length === 0) return;
    const wake = Math.min(...candidates.map((d) => d.getTime()));
    // Long waits are split (setTimeout's limit is ~24.8 days); every wake-up re-plans.
    const delay = Math.min(Math.max(wake - now.getTime(), 0), DAY_MS);
    timer = setTimeout(() => void tick(), delay);
    timer.unref();
  }

  async function tick(): Promise<void> {
    timer = null;
    try {
      await runDue(clock.now());
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, "digest run failed");
      retryAt = new Date(clock.now().getTime() + retryDelayMs);
    }
    plan();
  }

  const ready =
    options.catchUp === false
      ? Promise.resolve()
      : runDue(clock.now()).then(
          (summary) => {
            if (summary && summary.skipped === null)
              logger.info({ period: summary.period }, "digest catch-up sent a missed period");
          },
          (err: unknown) => {
            logger.error({ err: err instanceof Error ? err.message : String(err) }, "digest catch-up failed");
            retryAt = new Date(clock.now().getTime() + retryDelayMs);
          },
        );
  void ready.then(plan);

  return {
    runDue,
    ready,
    nextFireAfter: (now) => times.nextAfter(now),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
