/** What a reporter can do to their own report: mark it urgent, add detail, withdraw their name. */
import type { BotMessage } from "../../domain/message";
import { asRedacted } from "../../domain/redacted-text";
import type { Report } from "../../domain/report";
import { SEVERITY_RANK } from "../../domain/taxonomy";
import { anonymousRef } from "./anonymity";
import { aliasConversation } from "./conversation-alias";
import type { CoreResponse, Sender } from "./core-types";
import type { IntakeDeps } from "./intake-deps";
import { confirmation, redactionNote } from "./intake-messages";
import { clusterInfoOf } from "../pipeline/cluster-info";
import { addCounts, redactFreeText } from "../pipeline/redact-free-text";
import { isReporter } from "./reporter-identity";
import { updateReport } from "../pipeline/update-report";

const MAX_TEXT = 8000;

export async function ownReport(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string | undefined,
): Promise<Report | string> {
  if (!reportId) return "That button is missing its report id.";
  const report = await deps.store.reports.get(reportId);
  if (!report) return `I couldn't find ${reportId}.`;
  if (!isReporter(deps.anonymousSalt, sender, report)) return `Only the person who reported ${reportId} can change it.`;
  return report;
}

function refusal(text: string): CoreResponse {
  return { replies: [{ message: { text }, ephemeral: true }] };
}

async function confirmed(deps: IntakeDeps, report: Report, text?: string): Promise<BotMessage> {
  const message = confirmation(report, deps.catalogue, await clusterInfoOf(deps.store, report));
  return text ? { ...message, text: `${text}\n${message.text}` } : message;
}

export async function markUrgent(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string | undefined,
): Promise<CoreResponse> {
  const own = await ownReport(deps, sender, reportId);
  if (typeof own === "string") return refusal(own);
  const now = deps.clock.now();
  const saved = await updateReport(deps.store.reports, own.id, (current) => {
    if (current.urgent) return null;
    const c = current.classification;
    const severity = c && SEVERITY_RANK[c.severity] < SEVERITY_RANK.high ? "high" : c?.severity;
    return {
      ...current,
      urgent: true,
      classification: c && severity ? { ...c, severity } : c,
      updatedAt: now,
      history: [
        ...current.history,
        {
          at: now,
          actor: current.reporter.ref,
          action: "marked urgent",
          from: c?.severity ?? null,
          to: severity ?? null,
          note: null,
        },
      ],
    };
  });
  const latest = saved ?? own;
  if (saved && saved.classification && deps.triage) await deps.triage.onClassified(saved);
  return { replies: [], update: await confirmed(deps, latest, "Marked urgent — IT has been told.") };
}

export async function addDetail(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string | undefined,
  detail: string | undefined,
): Promise<CoreResponse> {
  const own = await ownReport(deps, sender, reportId);
  if (typeof own === "string") return refusal(own);
  if (!detail || !detail.trim()) {
    return {
      replies: [],
      openForm: {
        kind: "add_detail",
        reportId: own.id,
        title: `Add detail to ${own.id}`,
        prompt: "What else should IT know? (No patient names or record numbers, please.)",
      },
    };
  }
  const redaction = redactFreeText(deps.redactor, detail.trim(), 2000);
  const now = deps.clock.now();
  const saved = await updateReport(deps.store.reports, own.id, (current) => {
    return {
      ...current,
      text: asRedacted(`${current.text}\n\nAdded detail: ${redaction.text}`.slice(0, MAX_TEXT)),
      redactions: addCounts(current.redactions, redaction.counts),
      updatedAt: now,
      history: [
        ...current.history,
        { at: now, actor: current.reporter.ref, action: "added detail", from: null, to: null, note: null },
      ],
    };
  });
  const latest = saved ?? own;
  if (deps.triage && latest.classification) await deps.triage.onClassified(latest);
  const note = redactionNote(redaction.counts);
  return { replies: [{ message: { text: `Added to ${own.id}. Thank you.${note ? ` ${note}` : ""}` } }] };
}

export async function makeAnonymous(
  deps: IntakeDeps,
  sender: Sender,
  reportId: string | undefined,
): Promise<CoreResponse> {
  const own = await ownReport(deps, sender, reportId);
  if (typeof own === "string") return refusal(own);
  const hashed = anonymousRef(deps.anonymousSalt, sender.channel, sender.userId);
  const now = deps.clock.now();
  const alias = own.conversationKey
    ? await aliasConversation(deps.store.conversations, own.conversationKey, now)
    : null;
  const saved = await updateReport(deps.store.reports, own.id, (current) => {
    if (current.reporter.anonymous) return null;
    const oldRef = current.reporter.ref;
    return {
      ...current,
      reporter: { ref: hashed, anonymous: true, displayName: null },
      conversationKey: current.conversationKey ? alias : null,
      updatedAt: now,
      // The history must not keep the name either.
      history: [
        ...current.history.map((h) => (h.actor === oldRef ? { ...h, actor: hashed } : h)),
        { at: now, actor: hashed, action: "made anonymous", from: null, to: null, note: null },
      ],
    };
  });
  const latest = saved ?? own;
  if (saved && saved.classification && deps.triage) await deps.triage.onClassified(saved);
  return { replies: [], update: await confirmed(deps, latest, "Your name has been removed from this report.") };
}
