/**
 * The retention run: closed reports created more than `days` days ago lose their text and reporter
 * references (domain/retention.ts); each erasure is a compare-and-swap and one audit event. A dry
 * run only lists what would go. Idempotent: an erased report is never touched again, so a run that
 * stops half-way is finished by the next one.
 */
import { eraseReport, isErasable, isErased, retentionCutoff } from "../../domain/retention";
import { isOpen } from "../../domain/status";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Store } from "../../ports/store";
import { updateReport } from "../pipeline/update-report";

export interface RetentionOptions {
  store: Pick<Store, "reports" | "audit">;
  clock: Clock;
  logger: Logger;
  days: number;
  dryRun?: boolean;
}

export interface RetentionResult {
  cutoff: Date;
  /** Erased (or, in a dry run, that would be). */
  erased: string[];
  /** Past the cutoff but still open: kept until closed. */
  keptOpen: string[];
}

export async function runRetention(options: RetentionOptions): Promise<RetentionResult> {
  const now = options.clock.now();
  const cutoff = retentionCutoff(now, options.days);
  const old = await options.store.reports.find({ createdTo: cutoff, sort: "createdAsc" });
  const erased: string[] = [];
  const keptOpen: string[] = [];
  for (const report of old) {
    if (isOpen(report.status)) {
      if (!isErased(report)) keptOpen.push(report.id);
      continue;
    }
    if (!isErasable(report, cutoff)) continue;
    if (options.dryRun) {
      erased.push(report.id);
      continue;
    }
    const done = await updateReport(options.store.reports, report.id, (current) =>
      isErasable(current, cutoff) ? eraseReport(current, now) : null,
    );
    if (!done) continue;
    erased.push(report.id);
    await options.store.audit.append({
      id: `${done.id}@v${done.version}:erased`,
      at: now,
      reportId: done.id,
      actor: "retention",
      action: "erased",
      before: null,
      after: { status: done.status },
      note: `text and reporter references erased after ${options.days} days`,
    });
  }
  options.logger.info(
    { cutoff: cutoff.toISOString(), erased: erased.length, keptOpen: keptOpen.length, dryRun: options.dryRun === true },
    options.dryRun ? "retention: dry run" : "retention: run finished",
  );
  return { cutoff, erased, keptOpen };
}
