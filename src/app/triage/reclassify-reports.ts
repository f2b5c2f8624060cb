/**
 * Re-runs the configured classifier over reports created since a date (after a prompt, model or
 * catalogue change). Manual classifications (set by a triager) are kept. Each save is a
 * compare-and-swap, so a report changed meanwhile is re-read rather than overwritten.
 */
import type { Classification } from "../../domain/classification";
import type { Report } from "../../domain/report";
import type { Classifier } from "../../ports/classifier";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Redactor } from "../../ports/redactor";
import type { ReportStore } from "../../ports/report-store";
import { redactClassifierOutput, redactFreeText } from "../pipeline/redact-free-text";
import { updateReport } from "../pipeline/update-report";

export interface ReclassifyDeps {
  reports: ReportStore;
  classifier: Classifier;
  /** The classifier's summary, location and tags are checked again before they are stored. */
  redactor: Redactor;
  clock: Clock;
  logger: Logger;
}

export interface ReclassifySummary {
  total: number;
  reclassified: number;
  /** Of those, how many got a different kind, system or severity. */
  changed: number;
  keptManual: number;
  failed: number;
}

const PAGE_MS = 7 * 86_400_000;

function differs(before: Classification | null, after: Classification): boolean {
  return (
    before === null ||
    before.kind !== after.kind ||
    before.system !== after.system ||
    before.severity !== after.severity ||
    before.patientSafety !== after.patientSafety
  );
}

export async function reclassifyReports(
  deps: ReclassifyDeps,
  options: { since: Date; until?: Date },
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ReclassifySummary> {
  const until = options.until ?? deps.clock.now();
  const total = await deps.reports.count({ createdFrom: options.since, createdTo: until });
  const summary: ReclassifySummary = { total, reclassified: 0, changed: 0, keptManual: 0, failed: 0 };
  let done = 0;
  onProgress(0, total);
  for (let start = options.since.getTime(); start < until.getTime(); start += PAGE_MS) {
    const end = Math.min(start + PAGE_MS, until.getTime());
    const page = await deps.reports.find({
      createdFrom: new Date(start),
      createdTo: new Date(end),
      sort: "createdAsc",
    });
    for (const report of page) {
      await reclassifyOne(deps, report, summary);
      done += 1;
      onProgress(done, total);
    }
  }
  deps.logger.info({ ...summary, classifier: deps.classifier.name }, "reclassification finished");
  return summary;
}

async function reclassifyOne(deps: ReclassifyDeps, report: Report, summary: ReclassifySummary): Promise<void> {
  if (report.classification?.source === "manual") {
    summary.keptManual += 1;
    return;
  }
  try {
    const { output } = redactClassifierOutput(deps.redactor, await deps.classifier.classify(report.text));
    const now = deps.clock.now();
    const next: Classification = {
      ...output.result,
      source: output.source,
      promptVersion: output.promptVersion,
      model: output.model,
      classifiedAt: now,
    };
    let changed = false;
    let manual = false;
    await updateReport(deps.reports, report.id, (current) => {
      // A triager may have set it by hand since we read the page: theirs wins.
      if (current.classification?.source === "manual") {
        manual = true;
        return null;
      }
      changed = differs(current.classification, next);
      return {
        ...current,
        classification: next,
        classifyJob: { ...current.classifyJob, state: "done", leaseUntil: null },
        needsReview: output.flaggedReason !== null || current.needsReview,
        reviewReason: output.flaggedReason ?? current.reviewReason,
        updatedAt: now,
        history: [
          ...current.history,
          {
            at: now,
            actor: `classifier:${output.source}`,
            action: "reclassified",
            from: current.classification?.kind ?? null,
            to: next.kind,
            note: output.flaggedReason,
          },
        ],
      };
    });
    if (manual) summary.keptManual += 1;
    else {
      summary.reclassified += 1;
      if (changed) summary.changed += 1;
    }
  } catch (err) {
    summary.failed += 1;
    deps.logger.warn(
      {
        reportId: report.id,
        err: redactFreeText(deps.redactor, err instanceof Error ? err.message : String(err)).text,
      },
      "reclassify failed",
    );
  }
}
