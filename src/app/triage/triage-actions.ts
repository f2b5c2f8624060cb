/**
 * The one path every triage action takes, from a card button or a text command: authorize, apply
 * (one guarded compare-and-swap per report), then update the affected triage cards in place.
 */
import { KindSchema, SeveritySchema } from "../../domain/taxonomy";
import { TRIAGE_RULES, TRIAGE_VERBS, type TriageVerb } from "../../domain/triage-rules";
import { isItsmActor } from "../../domain/ticket";
import { isTriager } from "./authorize-triager";
import { queueTicketSync } from "../itsm/queue-ticket";
import { TRIAGE_FORM_MARK, type CoreResponse, type InboundAction, type Sender } from "../intake/core-types";
import { queueCard } from "../pipeline/route-report";
import { redactFreeText } from "../pipeline/redact-free-text";
import { redactTriageRequest } from "./redact-request";
import { refused, type ReclassifyChanges, type TriageOutcome, type TriageRequest } from "./triage-action-types";
import { triageCard } from "./triage-cards";
import { markDuplicate, splitReport } from "./triage-cluster-actions";
import { actorOf, type TriageDeps } from "./triage-deps";
import { assignReport, reclassifyReport } from "./triage-edit-actions";
import { changeStatus } from "./triage-status-actions";
import { clusterSizeOf } from "../pipeline/route-report";
import { normaliseReportId } from "./triage-command-parse";
import { formValueProblem, isTriageFormVerb, offerTriageForm, submittedValue } from "./triage-forms";

export const NOT_A_TRIAGER =
  "Sorry — only the IT triage team can change reports. If you think you should be able to, ask IT to add you as a triager.";

/** Applies one request for `sender` if they may triage (see applyTriage). */
export async function performTriage(
  deps: TriageDeps,
  sender: Sender,
  request: TriageRequest,
  skipCard: string | null = null,
): Promise<TriageOutcome> {
  if (!(await isTriager(deps.config, deps.directory, sender))) {
    deps.logger.info(
      { channel: sender.channel, verb: request.verb, reportId: request.reportId },
      "triage refused: not a triager",
    );
    return refused(NOT_A_TRIAGER);
  }
  return applyTriage(deps, actorOf(sender), request, skipCard);
}

/**
 * Applies a request already authorized (a triager's, or a reporter's own "still broken"), then
 * queues card updates for every report whose card changed except `skipCard`. Its free text (note,
 * reclassify values) is redacted first: this is the one path every triage action takes.
 */
export async function applyTriage(
  deps: TriageDeps,
  actor: string,
  request: TriageRequest,
  skipCard: string | null = null,
): Promise<TriageOutcome> {
  const redacted = redactTriageRequest(deps.redactor, request);
  if ("ok" in redacted) return redacted;
  const outcome = await dispatch(deps, actor, redacted);
  if (outcome.ok) {
    for (const id of new Set(outcome.refresh)) {
      if (id === skipCard) continue;
      const report = await deps.store.reports.get(id);
      if (report) await queueCard(deps, report, outcome.eventKey);
    }
    // Chat as the master: a status IT changed here goes to the ticket too (not an echo of the tool's own change).
    if (TRIAGE_RULES[request.verb].to !== null && !isItsmActor(actor))
      await queueTicketSync(deps, outcome.refresh, outcome.eventKey);
    deps.wakeOutbox?.();
  }
  return outcome;
}

function dispatch(deps: TriageDeps, actor: string, request: TriageRequest): Promise<TriageOutcome> {
  const rule = TRIAGE_RULES[request.verb];
  if (rule.needsNote && !request.note?.trim())
    return Promise.resolve(
      refused(
        request.verb === "resolve"
          ? `To resolve ${request.reportId}, type: resolve ${request.reportId} <what was done> — the reporters will see your note.`
          : `To close ${request.reportId} as won't fix, type: wontfix ${request.reportId} <reason> — the reporters will see it.`,
      ),
    );
  switch (request.verb) {
    case "assign":
      return assignReport(deps, actor, request);
    case "reclassify":
      return reclassifyReport(deps, actor, request);
    case "duplicate":
      return markDuplicate(deps, actor, request);
    case "split":
      return splitReport(deps, actor, request);
    default:
      return changeStatus(deps, actor, request);
  }
}

function isVerb(text: string): text is TriageVerb {
  return (TRIAGE_VERBS as readonly string[]).includes(text);
}

/** Card-button data → reclassify changes (fields kind/system/severity/unit/safety). */
export function changesFromData(data: Record<string, string>): ReclassifyChanges {
  const changes: ReclassifyChanges = {};
  const kind = KindSchema.safeParse(data.kind);
  if (kind.success) changes.kind = kind.data;
  const severity = SeveritySchema.safeParse(data.severity);
  if (severity.success) changes.severity = severity.data;
  if (data.system?.trim()) changes.system = data.system.trim();
  if (data.unit !== undefined) changes.unit = data.unit.trim() || null;
  if (data.safety !== undefined) changes.patientSafety = /^(yes|true|1)$/i.test(data.safety);
  return changes;
}

/**
 * A card button ("triage.resolve" with data.reportId) or a submitted triage form (data.note /
 * data.reason / data.duplicateOf). Resolve, won't fix and duplicate pressed without their value
 * offer a form (to triagers, while the action is possible) instead of acting.
 */
export async function handleTriageAction(deps: TriageDeps, action: InboundAction): Promise<CoreResponse> {
  const verbText = action.action.slice("triage.".length);
  const reportId = action.data.reportId ?? "";
  if (!isVerb(verbText) || !reportId)
    return { replies: [{ message: { text: "Sorry, I did not understand that button." }, ephemeral: true }] };
  const fromForm = action.data.form === TRIAGE_FORM_MARK;
  let note = action.data.note ?? action.data.reason ?? null;
  let duplicateOf = action.data.duplicateOf ?? null;
  if (isTriageFormVerb(verbText)) {
    const value = submittedValue(verbText, action.data);
    if (!value && !fromForm) return offerTriageForm(deps, action.sender, verbText, reportId, NOT_A_TRIAGER);
    const problem = formValueProblem(verbText, reportId, redactFreeText(deps.redactor, value).text);
    if (problem) return problem;
    if (verbText === "duplicate") duplicateOf = normaliseReportId(value);
    else note = value;
  }
  const request: TriageRequest = {
    verb: verbText,
    reportId,
    note,
    assignee: verbText === "assign" ? (action.data.assignee ?? (action.sender.userName || action.sender.userId)) : null,
    duplicateOf,
    changes: changesFromData(action.data),
  };
  const fromCard = action.messageRef !== null && action.data.card === "triage";
  const outcome = await performTriage(deps, action.sender, request, fromCard ? reportId : null);
  // A form message of its own (Teams, web chat) becomes the confirmation; the card updates via the outbox.
  if (outcome.ok && fromForm && !fromCard && action.messageRef !== null)
    return { replies: [], update: { ...outcome.message, title: formDoneTitle(verbText, reportId) } };
  const response: CoreResponse = { replies: [{ message: outcome.message, ephemeral: true }] };
  if (outcome.ok && fromCard) {
    const report = await deps.store.reports.get(reportId);
    if (report)
      response.update = triageCard(report, await clusterSizeOf(deps, report.clusterId ?? report.id), deps.catalogue);
  }
  return response;
}

function formDoneTitle(verb: TriageVerb, reportId: string): string {
  if (verb === "resolve") return `Resolved ${reportId}`;
  if (verb === "wontfix") return `Closed ${reportId} as won't fix`;
  return `Marked ${reportId} as a duplicate`;
}
