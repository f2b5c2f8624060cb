/**
 * SIGTERM/SIGINT: stop taking messages in, let in-flight work finish for a short while, close the
 * store, exit 0 — all within ~3 s (orchestrators send SIGKILL after their own grace period, and a
 * rolling restart should not wait on a slow LLM call). Abandoning a job tick is safe: every step is
 * stored and re-driven by the next instance after its lease.
 */
import type { Logger } from "./ports/logger";

export interface ShutdownSteps {
  /** Stop new intake at once (HTTP server stops accepting; Socket Mode disconnects). */
  stopIntake: () => Promise<void>;
  /** Background jobs: the current tick may finish, no new one starts. */
  stopJobs: () => Promise<void>;
  /** Close the store (last). */
  closeStore: () => Promise<void>;
}

export const SHUTDOWN_BUDGET_MS = 2_500;

/** Waits for `work`, but at most `ms`; true when it finished in time. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the steps under one deadline; resolves when it is time to exit. */
export async function shutDown(steps: ShutdownSteps, logger: Logger, budgetMs = SHUTDOWN_BUDGET_MS): Promise<void> {
  const started = Date.now();
  const left = () => Math.max(0, budgetMs - (Date.now() - started));
  const intake = steps.stopIntake();
  const jobsDone = await within(steps.stopJobs(), left() * 0.7);
  const intakeDone = await within(intake, left() * 0.5);
  if (!jobsDone || !intakeDone)
    logger.warn({ jobsDone, intakeDone }, "shutdown: work still in flight is left to the next start");
  const closed = await within(steps.closeStore(), left());
  if (!closed) logger.warn({}, "shutdown: the store did not close in time");
  logger.info({ ms: Date.now() - started }, "shut down");
}
