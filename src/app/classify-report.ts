/**
 * Classifies one report claimed from the store, saves the result, hands it to triage, and tells the
 * reporter: either the first follow-up question or the confirmation (in place of the acknowledgement).
 */
import type { Classification } from "../domain/classification";
import { questionsFor } from "../domain/intake-questions";
import { totalRedactions } from "../domain/redacted-text";
import type { Report } from "../domain/report";
import { clusterInfoOf } from "./cluster-info";
import type { IntakeDeps } from "./intake-deps";
import { confirmation, questionMessage } from "./intake-messages";
import { redactClassifierOutput } from "./pipeline/redact-free-text";
import { queueToReporter } from "./reporter-outbox";
import { updateReport } from "./update-report";
import { classifyFiled } from "./pipeline/classify-filed";

export async function classifyClaimedReport(deps: IntakeDeps, claimed: Report): Promise<Report> {
  const checked = redactClassifierOutput(deps.redactor, await classifyFiled(deps, claimed.text, claimed.id));
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
    const keepManual = current.classification?.source === "manual";
    const reviewReason = output.flaggedReason;
    return {
      ...current,
      classification: keepManual ? current.classification : classification,
      classifyJob: { ...current.classifyJob, state: "done", leaseUntil: null },
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
  if (!saved) return claimed;
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
  if (deps.triage) await deps.triage.onClassified(saved);
  const latest = (await deps.store.reports.get(saved.id)) ?? saved;
  const first = latest.intake.stage === "asking" ? latest.intake.questions[0] : undefined;
  const message = first
    ? questionMessage(latest, deps.catalogue, first)
    : confirmation(latest, deps.catalogue, await clusterInfoOf(deps.store, latest));
  await queueToReporter(
    deps.store,
    latest,
    `intake:${latest.id}:classified:${latest.classifyJob.attempts}`,
    message,
    now,
    {
      replaceIntakeMessage: true,
    },
  );
  deps.wakeOutbox();
  return latest;
}
