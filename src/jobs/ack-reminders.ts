/** Sweeps for reports nobody has acknowledged in time (src/app/triage/ack-reminders.ts), every minute. */
import { remindUnacknowledgedOnce } from "../app/triage/ack-reminders";
import type { TriageDeps } from "../app/triage/triage-deps";
import { startPollLoop, type PollLoop } from "./poll-loop";

export function startAckReminderJob(deps: TriageDeps, intervalMs = 60_000): PollLoop {
  // One sweep covers every due report; the next waits for the interval.
  return startPollLoop("ack-reminders", async () => (await remindUnacknowledgedOnce(deps)) && false, {
    intervalMs,
    logger: deps.logger,
  });
}
