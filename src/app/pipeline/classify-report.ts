/**
 * Classifies one report claimed from the store, saves the result, hands it to triage, and tells the
 * reporter: either the first follow-up question or the confirmation (in place of the acknowledgement).
 * Every step is idempotent, so a re-driven report finishes exactly once.
 */
import type { Classification } from "../../domain/classification";
import { questionsFor } from "../../domain/intake-questions";
import { totalRedactions } from "../../domain/redacted-text";
import type { Report } from "../../domain/report";
import { clusterInfoOf } from "./cluster-info";
import type { IntakeDeps } from "../intake/intake-deps";
import { confirmation, questionMessage } from "../intake/intake-messages";
import { redactClassifierOutput } from "./redact-free-text";
import { queueToReporter } from "./reporter-outbox";
import { updateReport } from "./update-report";
import { classifyFiled } from "./classify-filed";
import { yieldToLoop } from "./yield-to-loop";

/** The classifier has run for this report (its result is saved): a re-drive does not run it again. */
export function isClassified(report: Report): boolean {
  return report.history.some((h) => h.action === "classified");
}

/**
 * The pipeline for one claimed report, as steps that each check whether they were done already:
 * classify (saved with the "classified" history entry) → take into triage (route or cluster, card,
 * alerts, spike; once per report) → queue the confirmation or first question (keyed) → mark the job
 * done. The job stays "claimed" until the last step, so a crash or a store error anywhere leaves it
 * to be re-driven once its lease has passed, and the re-drive ends where a clean run would.
 * The event loop runs between steps (yieldToLoop): with the embedded store nothing here waits for
 * I/O, and one long turn would hold back every acknowledgement and /healthz behind it.
 */
export async function classifyClaimedReport(deps: IntakeDeps, claimed: Report): Promise<Report> {
  if (!isClassified(claimed)) {
    await alertOnOfflineResult(deps, claimed);
    await yieldToLoop();
  }
  const classified = isClassified(claimed) ? claimed : await classifyStep(deps, claimed);
  if (!classified) return claimed;
  await yieldToLoop();
  if (deps.triage) {
    await deps.triage.onClassified(classified);
    await yieldToLoop();
  }
  const latest = (await deps.store.reports.get(classified.id)) ?? classified;
  const first = latest.intake.stage === "asking" ? latest.intake.questions[0] : undefined;
  const message = first
    ? questionMessage(latest, deps.catalogue, first)
    : confirmation(latest, deps.catalogue, await clusterInfoOf(deps.store, latest));
  await queueToReporter(deps.store, latest, `intake:${latest.id}:classified`, message, deps.clock.now(), {
    replaceIntakeMessage: true,
  });
  deps.wakeOutbox();
  const done = await updateReport(deps.store.reports, latest.id, (current) =>
    current.classifyJob.state === "done"
      ? null
      : { ...current, classifyJob: { ...current.classifyJob, state: "done", leaseUntil: null } },
  );
  return done ?? latest;
}

/**
 * Safety alerts never wait on the LLM: with an LLM configured, the fast offline classifier's result
 * is checked first and a patient-safety or critical report alerts at once. The LLM's result, when it
 * comes, can still raise the alert (the offline one missed it); it never raises a second one.
 */
async function alertOnOfflineResult(deps: IntakeDeps, report: Report): Promise<void> {
  if (!deps.triage?.alertEarly || deps.classifier === deps.gate) return;
  try {
    const offline = await deps.gate.classify(report.text);
    if (!offline.result.isReport) return;
    const provisional: Classification = {
      ...offline.result,
      source: offline.source,
      promptVersion: offline.promptVersion,
      model: offline.model,
      classifiedAt: deps.clock.now(),
    };
    await deps.triage.alertEarly({ ...report, classification: provisional });
  } catch (err) {
    deps.logger.warn({ reportId: report.id, err: (err as Error).message }, "early safety check failed");
  }
}

/** Runs the classifier and saves its result (the job stays claimed). Null when the report is gone. */
async function classifyStep(deps: IntakeDeps, claimed: Report): Promise<Report | null> {
  const filed = await classifyFiled(deps, claimed.text, claimed.id);
  await yieldToLoop();
  const checked = redactClassifierOutput(deps.redactor, filed);
  const output = checked.output;
  if (totalRedactions(checked.counts) > 0)
    deps.logger.warn(
      { reportId: claimed.id, source: output.source, redactions: checked.counts },
      "classifier output carried identifiers; removed before storing",
    );
  const now = deps.clock.now();
  const classification: Classification = {
    ...output.result,
    source: output.source,
    promptVersion: output.promptVersion,
    model: output.model,
    classifiedAt: now,
    ...(output.raisedFrom ? { raisedFrom: output.raisedFrom } : {}),
  };
  const questions = claimed.urgent ? [] : questionsFor(classification, deps.catalogue, deps.limits.maxQuestions);
  const saved = await updateReport(deps.store.reports, claimed.id, (current) => {
    if (isClassified(current)) return null;
    const keepManual = current.classification?.source === "manual";
    const reviewReason = output.flaggedReason;
    return {
      ...current,
      classification: keepManual ? current.classification : classification,
      needsReview: reviewReason !== null || current.needsReview,
      reviewReason: reviewReason ?? current.reviewReason,
      intake:
        current.intake.stage === "acknowledged"
          ? {
              ...current.intake,
              stage: questions.length > 0 ? "asking" : "confirmed",
              questions,
              askedAt: questions.length > 0 ? now : null,
            }
          : current.intake,
      updatedAt: now,
      history: [
        ...current.history,
        {
          at: now,
          actor: `classifier:${output.source}`,
          action: "classified",
          from: null,
          to: classification.kind,
          note: reviewReason,
        },
      ],
    };
  });
  if (!saved) return deps.store.reports.get(claimed.id);
  deps.logger.info(
    {
      reportId: saved.id,
      source: output.source,
      kind: classification.kind,
      system: classification.system,
      severity: classification.severity,
      flagged: output.flaggedReason !== null,
    },
    "report classified",
  );
  return saved;
}
