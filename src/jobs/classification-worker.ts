/**
 * Classifies reports from the store, not from memory: anything stored but unclassified (a crash, an
 * LLM outage) is picked up again, by exactly one instance, thanks to the store's atomic claim.
 */
import { classifyClaimedReport } from "../app/pipeline/classify-report";
import type { IntakeDeps } from "../app/intake/intake-deps";
import { startPollLoop, type PollLoop } from "./poll-loop";
import { yieldToIntake } from "../app/pipeline/intake-load";
import { yieldToLoop } from "./yield-to-loop";

export interface ClassificationWorkerOptions {
  owner: string;
  leaseMs?: number;
  intervalMs?: number;
  /** Reports classified in parallel. */
  concurrency?: number;
  maxAttempts?: number;
}

export function startClassificationWorker(deps: IntakeDeps, options: ClassificationWorkerOptions): PollLoop {
  const leaseMs = options.leaseMs ?? 90_000;
  const concurrency = options.concurrency ?? 4;
  const claimOne = async (): Promise<boolean> => {
    // Acknowledgements first: wait (bounded) while messages are being taken in.
    await yieldToIntake(deps.load);
    const claimed = await deps.store.reports.claimForClassification(options.owner, deps.clock.now(), leaseMs);
    if (!claimed) return false;
    await yieldToLoop();
    try {
      await classifyClaimedReport(deps, claimed);
    } catch (err) {
      deps.logger.error(
        { reportId: claimed.id, attempts: claimed.classifyJob.attempts, err: (err as Error).message },
        "classification failed; will retry after the lease",
      );
    }
    return true;
  };
  return startPollLoop(
    "classification",
    async () => {
      const results = await Promise.all(Array.from({ length: concurrency }, claimOne));
      return results.some(Boolean);
    },
    { intervalMs: options.intervalMs ?? 5_000, logger: deps.logger },
  );
}
