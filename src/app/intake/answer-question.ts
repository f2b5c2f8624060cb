/** A reporter answers a follow-up question (button or typed reply); the next question or the confirmation follows. */
import { summaryAfterAnswer } from "../../adapters/classifier-offline/summary-after-answer";
import { applyAnswer } from "../../domain/intake-questions";
import { shortAndPlain, typedAnswer } from "../../domain/intake-questions-typed";
import type { BotMessage } from "../../domain/message";
import { pendingOutbox } from "../../domain/outbox";
import type { RedactedText } from "../../domain/redacted-text";
import type { Report } from "../../domain/report";
import { isSafetyAnswer, safetyEventFrom, severityForSafetyEvent } from "../../domain/safety-event";
import { QuestionFieldSchema, type QuestionField } from "../../domain/taxonomy";
import { clusterInfoOf } from "../pipeline/cluster-info";
import type { CoreResponse, Sender } from "./core-types";
import type { IntakeDeps } from "./intake-deps";
import { alreadyAnswered, answeredQuestionMessage, confirmation, questionMessage } from "./intake-messages";
import { isPleasantry } from "./inbound-text";
import { redactFreeText } from "../pipeline/redact-free-text";
import { isReporter, refsOf } from "./reporter-identity";
import { updateReport } from "../pipeline/update-report";

/**
 * How an answer arrived: a button carries one of the choices the question offered (anything else is
 * a forged or stale value and is refused, nothing stored); typed text is redacted like any message.
 */
export type AnswerInput = { button: string } | { typed: string };

export const NOT_A_CHOICE =
  "That answer isn't one of the choices I offered, so nothing was saved. You can type your answer instead.";

export async function answerQuestion(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string,
  fieldRaw: string,
  input: AnswerInput,
): Promise<{ message: BotMessage; report: Report } | { refusal: string }> {
  const field = QuestionFieldSchema.safeParse(fieldRaw);
  if (!field.success) return { refusal: "That answer didn't match a question." };
  const report = await deps.store.reports.get(reportId);
  if (!report) return { refusal: `I couldn't find ${reportId}.` };
  if (!isReporter(deps.anonymousSalt, sender, report))
    return { refusal: "Only the person who reported this can answer its questions." };
  const value = "typed" in input ? redactFreeText(deps.redactor, input.typed).text : input.button;
  const now = deps.clock.now();
  let forged = false;
  const saved = await updateReport(deps.store.reports, reportId, (current) => {
    const pending = current.intake.questions;
    const question = pending.find((q) => q.field === field.data);
    if (current.intake.stage !== "asking" || !current.classification || !question) return null;
    if ("button" in input && !question.choices.some((c) => c.value === value)) {
      forged = true;
      return null;
    }
    const remaining = pending.filter((q) => q.field !== field.data);
    const answered = applyAnswer(current.classification, field.data, value, deps.catalogue);
    // A generic summary ("An unidentified system is down…") is rebuilt once the answer names it.
    const summary = summaryAfterAnswer(current.classification, answered, deps.catalogue);
    // The safety answer: the event in the hospital's terms, and the severity that follows from it.
    const safetyEvent =
      field.data === "safety" && isSafetyAnswer(value)
        ? safetyEventFrom(value, answered, current.reporter.ref, now)
        : (current.safetyEvent ?? null);
    const severity =
      field.data === "safety" && safetyEvent
        ? severityForSafetyEvent(safetyEvent, answered.severity)
        : answered.severity;
    return {
      ...current,
      classification: { ...answered, summary, severity },
      safetyEvent,
      intake: {
        ...current.intake,
        questions: remaining,
        stage: remaining.length > 0 ? "asking" : "confirmed",
        askedAt: remaining.length > 0 ? now : current.intake.askedAt,
      },
      updatedAt: now,
      history: [
        ...current.history,
        {
          at: now,
          actor: current.reporter.ref,
          action: `answered ${field.data}`,
          from: null,
          to: value.slice(0, 80),
          note: null,
        },
      ],
    };
  });
  if (forged) {
    deps.logger.warn({ reportId, field: field.data }, "answer refused: not one of the offered choices");
    return { refusal: NOT_A_CHOICE };
  }
  if (!saved) {
    // A button on a card whose question was answered already (or closed): nothing changes.
    const current = (await deps.store.reports.get(reportId)) ?? report;
    const stillPending =
      current.intake.stage === "asking" && current.intake.questions.some((q) => q.field === field.data);
    if (!stillPending) return { refusal: alreadyAnswered(current, deps.catalogue, field.data) };
  }
  const latest = saved ?? report;
  if (saved && deps.triage) await deps.triage.onClassified(saved);
  const next = latest.intake.stage === "asking" ? latest.intake.questions[0] : undefined;
  const message = next
    ? questionMessage(latest, deps.catalogue, next)
    : confirmation(latest, deps.catalogue, await clusterInfoOf(deps.store, latest));
  return { message, report: latest };
}

export async function answerFromText(deps: IntakeDeps, sender: Sender, text: string): Promise<CoreResponse | null> {
  if (text.length > 60 || text.split(/\s+/).length > 6) return null;
  if (isPleasantry(text)) return null;
  const cutoff = new Date(deps.clock.now().getTime() - deps.limits.questionTimeoutMs);
  const latest = await latestReportOf(deps, sender);
  for (const ref of refsOf(deps.anonymousSalt, sender)) {
    const [pending] = await deps.store.reports.find({
      reporterRef: ref,
      intakeStage: "asking",
      sort: "createdDesc",
      limit: 1,
    });
    if (!pending || !pending.intake.askedAt || pending.intake.askedAt < cutoff) continue;
    // A report filed after the question moved the conversation on: typed text is no longer its answer.
    if (latest && latest.createdAt > pending.createdAt) continue;
    const question = pending.intake.questions[0];
    if (!question) continue;
    const redacted = redactFreeText(deps.redactor, text).text;
    // Not an answer ("it's broken again" to "which unit?"): a message of its own; the question stays.
    const value = await typedValue(deps, question.field, redacted);
    if (value === null) continue;
    const result = await answerQuestion(deps, sender, pending.id, question.field, { typed: value });
    if ("refusal" in result) return { replies: [{ message: { text: result.refusal } }] };
    await settleQuestionCard(deps, result.report, question.field, pending.intake.messageRef);
    // The reply is the live card now: later updates (the confirmation after a timeout) replace it.
    return { replies: [{ message: result.message, trackForReport: pending.id }] };
  }
  return null;
}

/**
 * The question card answered by typing loses its buttons in place (where the channel reported its
 * ref), so no stale Skip or choice is left to press.
 */
async function settleQuestionCard(
  deps: IntakeDeps,
  report: Report,
  field: QuestionField,
  cardRef: string | null,
): Promise<void> {
  if (!cardRef || report.channel === "cli" || !report.conversationKey) return;
  const now = deps.clock.now();
  const outbox = pendingOutbox(
    {
      key: `intake:${report.id}:answered:${field}`,
      target: { channel: report.channel, conversationKey: report.conversationKey, destination: null },
      message: answeredQuestionMessage(report, deps.catalogue, field),
      replaceRef: cardRef,
    },
    now,
  );
  if (await deps.store.outbox.enqueue(outbox)) deps.wakeOutbox();
}

/**
 * The answer a typed message gives, or null when it is not one. A short plain phrase that names no
 * catalogue system ("the thing on the wall") is still an answer to "which system?": the gate guesses.
 */
async function typedValue(deps: IntakeDeps, field: QuestionField, text: RedactedText): Promise<string | null> {
  const value = typedAnswer(field, text, deps.catalogue);
  if (value !== null || field !== "system" || !shortAndPlain(text)) return value;
  return (await deps.gate.classify(text)).result.system;
}

/** The reporter's newest report under any of their refs (named or anonymous). */
export async function latestReportOf(deps: IntakeDeps, sender: Sender): Promise<Report | null> {
  let latest: Report | null = null;
  for (const reporterRef of refsOf(deps.anonymousSalt, sender)) {
    const [newest] = await deps.store.reports.find({ reporterRef, sort: "createdDesc", limit: 1 });
    if (newest && (!latest || newest.createdAt > latest.createdAt)) latest = newest;
  }
  return latest;
}
