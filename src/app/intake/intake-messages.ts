/** The words the bot says to reporters. Pure builders of channel-neutral messages. */
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import type { BotMessage, Fact, MessageAction } from "../../domain/message";
import { PHI_TYPES, totalRedactions, type RedactionCounts } from "../../domain/redacted-text";
import type { Question, Report } from "../../domain/report";
import { STATUS_LABELS, type Status } from "../../domain/status";
import { questionFor, SKIP } from "../../domain/intake-questions";
import { describeSafetyEvent } from "../../domain/safety-event";
import { KIND_LABELS, type QuestionField } from "../../domain/taxonomy";
import { countText } from "../../domain/count-text";
import { nonReportKindOf, type NonReportKind } from "../../domain/non-report";

const FIELD_LABELS: Record<QuestionField, string> = {
  system: "System",
  location: "Unit",
  impact: "Impact",
  safety: "Patient safety",
};

export const HELP_TEXT =
  "Tell me in one sentence what isn't working and where, e.g. \"BCMA scanner on 4 West won't read wristbands\". " +
  "I'll file it for IT, strip patient identifiers first, and tell you when IT acts on it.";

export function helpMessage(): BotMessage {
  return {
    title: "IT feedback bot",
    text: HELP_TEXT,
    facts: [
      { label: "My reports", value: 'type "my reports"' },
      { label: "Anonymous", value: 'start with "anonymous:"' },
    ],
    note: "Please don't include patient names or record numbers; I remove any I find.",
  };
}

export function refusalForInput(kind: "empty" | "no_words" | "unreadable"): BotMessage {
  const text = {
    empty: "I didn't get any text. What isn't working, and where?",
    no_words: "I can only file reports in words. What isn't working, and where?",
    unreadable: "I couldn't read that message (it looks like binary data). Could you type what's wrong?",
  }[kind];
  return { text, note: "Nothing was filed." };
}

const PHI_WORDS: Record<(typeof PHI_TYPES)[number], string> = {
  NAME: "name",
  MRN: "record number",
  DOB: "date of birth",
  DATE: "patient date",
  AGE: "age",
  PHONE: "phone number",
  EMAIL: "e-mail",
  NATIONAL_ID: "national id",
  ADDRESS: "address",
};

export function redactionNote(counts: RedactionCounts): string | null {
  const total = totalRedactions(counts);
  if (total === 0) return null;
  const parts = PHI_TYPES.filter((t) => (counts[t] ?? 0) > 0).map(
    (t) => `${counts[t]} ${PHI_WORDS[t]}${(counts[t] ?? 0) > 1 ? "s" : ""}`,
  );
  return `I removed ${parts.join(", ")} before saving. If IT needs them, they'll ask you through a safe route.`;
}

/** What the reporter should know about how their message was kept; repeated on every intake card that replaces this one. */
function intakeNotes(report: Report, attachments: number): string[] {
  const notes = [redactionNote(report.redactions)];
  if (report.truncated) notes.push("Your message was long: I kept the first 4,000 characters.");
  if (attachments > 0)
    notes.push("Attachments aren't stored (they may contain patient data); please describe what they show.");
  if (report.reporter.anonymous) notes.push("Filed anonymously: your name is not stored with it.");
  return notes.filter((n): n is string => n !== null);
}

export function acknowledgement(report: Report, extras: { attachments: number }): BotMessage {
  return {
    title: `Got it — ${report.id}`,
    text: "Filing this for IT now…",
    note: intakeNotes(report, extras.attachments).join(" ") || undefined,
    actions: reporterActions(report),
  };
}

export function reporterActions(report: Report): MessageAction[] {
  const actions: MessageAction[] = [{ action: "add_detail", label: "Add detail", data: { reportId: report.id } }];
  if (!report.urgent)
    actions.push({ action: "urgent", label: "Mark urgent", data: { reportId: report.id }, style: "danger" });
  if (!report.reporter.anonymous)
    actions.push({ action: "anonymous", label: "Make anonymous", data: { reportId: report.id } });
  if (report.status === "new") actions.push({ action: "withdraw", label: "Withdraw", data: { reportId: report.id } });
  return actions;
}

export interface ClusterInfo {
  clusterHeadId: string;
  clusterSize: number;
  headStatus: Status;
  /** Distinct reporters of the cluster's other reports, this report's reporter not counted. */
  otherReporters: number;
  /** Other reports in the cluster by this report's own reporter (same reporter ref). */
  ownOtherReports: number;
}

export function reportFacts(report: Report, catalogue: Catalogue): Fact[] {
  const c = report.classification;
  if (!c) return [{ label: "Status", value: STATUS_LABELS[report.status] }];
  const facts: Fact[] = [
    { label: "Kind", value: KIND_LABELS[c.kind] },
    { label: "System", value: systemLabel(catalogue, c.system) },
    { label: "Severity", value: c.severity + (c.patientSafety ? " · patient safety" : "") },
  ];
  if (c.location) facts.push({ label: "Unit", value: c.location });
  facts.push({ label: "Status", value: STATUS_LABELS[report.status] });
  return facts;
}

export function clusterLine(report: Report, cluster: ClusterInfo | null): string | null {
  if (!cluster || cluster.clusterSize < 2 || cluster.clusterHeadId === report.id) return null;
  const handledAs = `${cluster.clusterHeadId} (${STATUS_LABELS[cluster.headStatus]})`;
  const others = cluster.otherReporters;
  if (others > 0) return `${countText(others, "colleague")} reported this too — it's being handled as ${handledAs}.`;
  if (cluster.ownOtherReports > 0) return `You reported this already as ${handledAs} — I've added this to it.`;
  return null;
}

export function confirmation(report: Report, catalogue: Catalogue, cluster: ClusterInfo | null): BotMessage {
  const summary = report.classification?.summary ?? "Filed for IT.";
  const line = clusterLine(report, cluster);
  return {
    title: `${report.id} filed`,
    text: line ? `${summary}\n${line}` : summary,
    facts: reportFacts(report, catalogue),
    actions: reporterActions(report),
    note: [...intakeNotes(report, report.attachmentsDropped), "I'll message you when IT acts on it."].join(" "),
    tone: report.classification?.patientSafety ? "warning" : "normal",
  };
}

export function questionMessage(report: Report, catalogue: Catalogue, question: Question): BotMessage {
  return {
    title: `${report.id} received`,
    text: report.classification?.summary ?? "Filed for IT.",
    facts: reportFacts(report, catalogue),
    question: { reportId: report.id, field: question.field, text: question.text, choices: question.choices },
    note: intakeNotes(report, report.attachmentsDropped).join(" ") || undefined,
  };
}

/** What a question's answer says, as stored: "Unit is 4 West", "System is Printers", "skipped". */
export function answerLine(report: Report, catalogue: Catalogue, field: QuestionField): string | null {
  const entry = [...report.history].reverse().find((h) => h.action === `answered ${field}`);
  if (!entry) return null;
  if (entry.to === SKIP) return `${FIELD_LABELS[field]} was skipped`;
  const c = report.classification;
  if (field === "location") return `Unit is ${c?.location ?? entry.to ?? "not given"}`;
  if (field === "system") return `System is ${systemLabel(catalogue, c?.system ?? entry.to ?? "other")}`;
  if (field === "safety")
    return `Patient safety: ${report.safetyEvent ? describeSafetyEvent(report.safetyEvent) : (entry.to ?? "not given")}`;
  const choice = questionFor("impact", catalogue).choices.find((ch) => ch.value === entry.to);
  return `Impact: ${choice?.label ?? entry.to ?? "not given"}`;
}

/** A button pressed on a question that was already answered (or closed): nothing changes. */
export function alreadyAnswered(report: Report, catalogue: Catalogue, field: QuestionField): string {
  const line = answerLine(report, catalogue, field);
  if (line) return `Already answered — ${line}.`;
  return `That question is closed — ${report.id} was filed without it.`;
}

/** The question card once answered by typing: the same card, settled, without its buttons. */
export function answeredQuestionMessage(report: Report, catalogue: Catalogue, field: QuestionField): BotMessage {
  return {
    title: `${report.id} received`,
    text: report.classification?.summary ?? "Filed for IT.",
    facts: reportFacts(report, catalogue),
    note: `Answered: ${answerLine(report, catalogue, field) ?? FIELD_LABELS[field]}.`,
  };
}

export const ANONYMITY_TEXT =
  'To report anonymously, start your message with "anonymous:" (or press "Make anonymous" on the confirmation). ' +
  "Your name is then not stored with the report: IT sees only what you wrote, with patient details removed, " +
  "and can still answer you here without knowing who you are. Otherwise the IT staff who triage reports see your name.";

const NON_REPORT_TEXT: Record<NonReportKind, string> = {
  anonymity: ANONYMITY_TEXT,
  about_bot: `Hi! ${HELP_TEXT}`,
  bot_itself: `Hi! ${HELP_TEXT}`,
  greeting: `Hi! ${HELP_TEXT}`,
  joke: `Ha! ${HELP_TEXT}`,
  test: "I'm here and working. When something isn't working, tell me what and where, and I'll file it for IT.",
  thanks: "You're welcome! If something else isn't working, tell me what and where, and I'll file it for IT.",
  praise: "Thank you, glad to hear it! If something isn't working, tell me what and where, and I'll file it for IT.",
  resolved: "Glad it's working again. If it comes back, tell me what and where, and I'll file it for IT.",
};

/** The gate decided this is not a problem report: the short answer for its kind (help by default). Nothing is filed. */
export function notAReportReply(text = ""): BotMessage {
  const kind = nonReportKindOf(text);
  return { text: kind ? NON_REPORT_TEXT[kind] : `Hi! ${HELP_TEXT}`, note: "Nothing was filed." };
}

/** Too many messages at once (or the store is slow): nothing was filed; the platform or the person retries. */
export function busyReply(): BotMessage {
  return {
    text: "Sorry, I'm receiving a lot of reports right now and couldn't file this one yet. Please try again in a minute; if it's urgent, call the IT service desk.",
    tone: "attention",
  };
}
