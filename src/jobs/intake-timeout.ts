/** Files reports as they are when the reporter did not answer the follow-up questions in time. */
import { clusterInfoOf } from "../app/pipeline/cluster-info";
import type { IntakeDeps } from "../app/intake/intake-deps";
import { confirmation } from "../app/intake/intake-messages";
import { queueToReporter } from "../app/pipeline/reporter-outbox";
import { updateReport } from "../app/pipeline/update-report";
import { startPollLoop, type PollLoop } from "./poll-loop";

export async function fileUnansweredOnce(deps: IntakeDeps): Promise<boolean> {
  const now = deps.clock.now();
  const stale = await deps.store.reports.find({
    intakeStage: "asking",
    askedBefore: new Date(now.getTime() - deps.limits.questionTimeoutMs),
    sort: "createdAsc",
    limit: 50,
  });
  for (const report of stale) {
    const saved = await updateReport(deps.store.reports, report.id, (current) =>
      current.intake.stage !== "asking"
        ? null
        : {
            ...current,
            intake: { ...current.intake, stage: "confirmed", questions: [] },
            updatedAt: now,
            history: [
              ...current.history,
              { at: now, actor: "system", action: "filed without answers", from: null, to: null, note: null },
            ],
          },
    );
    if (!saved) continue;
    const message = confirmation(saved, deps.catalogue, await clusterInfoOf(deps.store, saved));
    await queueToReporter(deps.store, saved, `intake:${saved.id}:filed-as-is`, message, now, {
      replaceIntakeMessage: true,
    });
  }
  if (stale.length > 0) deps.wakeOutbox();
  return stale.length === 50;
}

export function startIntakeTimeoutJob(deps: IntakeDeps, intervalMs = 30_000): PollLoop {
  return startPollLoop("intake-timeout", () => fileUnansweredOnce(deps), { intervalMs, logger: deps.logger });
}
