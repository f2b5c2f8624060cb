/**
 * Fire times of a cron schedule in a time zone, computed by croner (never a hand-written parser).
 * Pure given its inputs: callers pass "now" explicitly, so tests drive it with any instant.
 */
import { Cron } from "croner";
import { ConfigError } from "../domain/errors";

export interface CronTimes {
  readonly pattern: string;
  readonly timeZone: string;
  /** The most recent fire time at or before `now` (within about a year), or null. */
  latestAtOrBefore(now: Date): Date | null;
  /** The first fire time strictly after `now`, or null when the pattern never fires again. */
  nextAfter(now: Date): Date | null;
}

const LOOKBACKS_MS = [2 * 3600_000, 2 * 86400_000, 9 * 86400_000, 35 * 86400_000, 400 * 86400_000];

/** Lists every problem with a pattern and time zone, in plain words (empty when both are fine). */
export function scheduleProblems(pattern: string, timeZone: string): string[] {
  const problems: string[] = [];
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    problems.push(`DIGEST_TIMEZONE "${timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
    zone = "UTC"; // still check the pattern, so both problems are listed at once
  }
  try {
    const cron = new Cron(pattern, { timezone: zone, paused: true });
    if (cron.nextRun(new Date(0)) === null)
      problems.push(`DIGEST_SCHEDULE "${pattern}" never fires (e.g. "0 7 * * 1" for Monday 07:00)`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    problems.push(`DIGEST_SCHEDULE "${pattern}" is not a valid cron pattern: ${why} (e.g. "0 7 * * 1")`);
  }
  return problems;
}

/** Throws ConfigError listing every problem; otherwise returns the schedule's fire-time helper. */
export function cronTimes(pattern: string, timeZone: string): CronTimes {
  const problems = scheduleProblems(pattern, timeZone);
  if (problems.length > 0) throw new ConfigError(problems);
  // No callback: croner only computes times here and never starts a timer.
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });

  const nextAfter = (now: Date): Date | null => cron.nextRun(now);

  return {
    pattern,
    timeZone,
    nextAfter,
    latestAtOrBefore(now) {
      for (const lookback of LOOKBACKS_MS) {
        let candidate = nextAfter(new Date(now.getTime() - lookback));
        if (candidate === null || candidate.getTime() > now.getTime()) continue;
        let latest = candidate;
        while (candidate !== null && candidate.getTime() <= now.getTime()) {
          latest = candidate;
          candidate = nextAfter(candidate);
        }
        return latest;
      }
      return null;
    },
  };
}
