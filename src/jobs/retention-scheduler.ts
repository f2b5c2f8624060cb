/**
 * Runs the retention (app/admin/retention.ts) on a cron schedule, exactly once per scheduled time across
 * instances: a lease keeps two instances from running at once, and a unique key per scheduled time
 * (the idempotency store) makes the later instance skip a time already run. Erasing is idempotent,
 * so a run cut short is completed by the next one.
 */
import { runRetention, type RetentionResult } from "../app/admin/retention";
import type { Clock } from "../ports/clock";
import type { Logger } from "../ports/logger";
import type { Store } from "../ports/store";
import { cronTimes } from "./cron-times";

export const RETENTION_LEASE = "retention";
const DAY_MS = 86_400_000;

export interface RetentionSchedulerOptions {
  schedule: string;
  timeZone: string;
  days: number;
  store: Pick<Store, "reports" | "audit" | "leases" | "idempotency">;
  owner: string;
  clock: Clock;
  logger: Logger;
  /** false: no timers (tests call runDue). */
  timers?: boolean;
}

export type RetentionRun = RetentionResult | "lease_held" | "already_ran" | null;

export interface RetentionScheduler {
  /** Runs the latest scheduled time at or before `now`, unless it already ran somewhere. */
  runDue(now: Date): Promise<RetentionRun>;
  stop(): void;
}

export function startRetentionScheduler(options: RetentionSchedulerOptions): RetentionScheduler {
  const times = cronTimes(options.schedule, options.timeZone);
  const { store, owner, clock, logger } = options;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runDue(now: Date): Promise<RetentionRun> {
    const scheduledAt = times.latestAtOrBefore(now);
    if (scheduledAt === null) return null;
    if (!(await store.leases.acquire(RETENTION_LEASE, owner, clock.now(), 30 * 60_000))) {
      logger.info({ owner }, "retention: another instance holds the lease");
      return "lease_held";
    }
    try {
      if (!(await store.idempotency.firstTime(`retention@${scheduledAt.toISOString()}`, clock.now())))
        return "already_ran";
      return await runRetention({ store, clock, logger, days: options.days });
    } finally {
      await store.leases.release(RETENTION_LEASE, owner);
    }
  }

  function plan(): void {
    if (stopped || options.timers === false) return;
    const now = clock.now();
    const next = times.nextAfter(now);
    if (!next) return;
    timer = setTimeout(
      () => {
        timer = null;
        runDue(clock.now())
          .catch((err: unknown) => logger.error({ err: (err as Error).message }, "retention run failed"))
          .finally(plan);
      },
      Math.min(Math.max(next.getTime() - now.getTime(), 0), DAY_MS),
    );
    timer.unref();
  }

  plan();
  return {
    runDue,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
