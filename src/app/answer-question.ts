/** A reporter answers a follow-up question (button or typed reply); the next question or the confirmation follows. */
import { applyAnswer } from "../domain/intake-questions";
import type { BotMessage } from "../domain/message";
import type { Report } from "../domain/report";
import { MissingFieldSchema } from "../domain/taxonomy";
import { clusterInfoOf } from "./cluster-info";
import type { CoreResponse, Sender } from "./core-types";
import type { IntakeDeps } from "./intake-deps";
import { confirmation, questionMessage } from "./intake-messages";
import { isPleasantry } from "./inbound-text";
import { isReporter, refsOf } from "./reporter-identity";
import { updateReport } from "./update-report";

export async function answerQuestion(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string,
  fieldRaw: string,
  value: string,
): Promise<{ message: BotMessage; report: Report } | { refusal: string }> {
  const field = MissingFieldSchema.safeParse(fieldRaw);
  if (!field.success) return { refusal: "That answer didn't match a question." };
  const report = await deps.store.reports.get(reportId);
  if (!report) return { refusal: `I couldn't find ${reportId}.` };
  if (!isReporter(deps.anonymousSalt, sender, report))
    return { refusal: "Only the person who reported this can answer its questions." };
  const now = deps.clock.now();
  const saved = await updateReport(deps.store.reports, reportId, (current) => {
    const pending = current.intake.questions;
    if (current.intake.stage !== "asking" || !current.classification || !pending.some((q) => q.field === field.data))
      return null;
    const remaining = pending.filter((q) => q.field !== field.data);
    return {
      ...current,
      classification: applyAnswer(current.classification, field.data, value, deps.catalogue),
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
    const redacted = deps.redactor.redact(text).text;
    const value = await typedValue(deps, question.field, redacted);
    const result = await answerQuestion(deps, sender, pending.id, question.field, value);
    if ("refusal" in result) return { replies: [{ message: { text: result.refusal } }] };
    return { replies: [{ message: result.message }] };
  }
  return null;
}

async function typedValue(deps: IntakeDeps, field: string, text: string): Promise<string> {
  if (/^\s*(skip|no idea|don'?t know|n\/a|-)\s*$/i.test(text)) return "__skip__";
  if (field === "system") {
    const guess = await deps.gate.classify(deps.redactor.redact(text).text);
    return guess.result.system;
  }
  if (field === "impact") {
    if (/\b(yes|yeah|ja|sí|si|oui|tak|patient|pt)\b/i.test(text)) return "patients_now";
    if (/\b(slow|delay|workaround)\b/i.test(text)) return "slowed";
    return "minor";
  }
  return text;
}

/** The reporter's newest report under any of their refs (named or anonymous). */
async function latestReportOf(deps: IntakeDeps, sender: Sender): Promise<Report | null> {
  let latest: Report | null = null;
  for (const reporterRef of refsOf(deps.anonymousSalt, sender)) {
    const [newest] = await deps.store.reports.find({ reporterRef, sort: "createdDesc", limit: 1 });
    if (newest && (!latest || newest.createdAt > latest.createdAt)) latest = newest;
  }
  return latest;
}
