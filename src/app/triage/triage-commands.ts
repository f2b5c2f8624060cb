/** Triager text commands: every card action by text, plus "list …" (the queue), "show R-1234" (one timeline) and "escalate R-1234" (a safety report). */
import { escalateToSafetyReport } from "../digest/safety-report-export";
import { systemLabel } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import { reportUnit } from "../../domain/report";
import { CLOSED_STATUSES, STATUS_LABELS } from "../../domain/status";
import { KINDS, KindSchema, SEVERITIES, SeveritySchema } from "../../domain/taxonomy";
import { isTriager } from "./authorize-triager";
import type { CoreResponse, Sender } from "../intake/core-types";
import { NOT_A_TRIAGER, changesFromData, performTriage } from "./triage-actions";
import { reporterLabel } from "./triage-cards";
import { parseTriageCommand, type TriageCommand } from "./triage-command-parse";
import { listQueue } from "./queue";
import { localTime, reportTimeline } from "./report-timeline";
import type { TriageDeps } from "./triage-deps";
import { isTriageRoom, triageRoomReply } from "./triage-room";
import { redactFreeText, redactedValue } from "../pipeline/redact-free-text";

const reply = (message: BotMessage): CoreResponse => ({ replies: [{ message, ephemeral: true }] });

export async function handleTriageCommand(
  deps: TriageDeps,
  sender: Sender,
  text: string,
): Promise<CoreResponse | null> {
  const parsed = parseTriageCommand(text);
  // What is said back (a hint, a refusal quoting a value) quotes the redacted text only.
  if (!parsed)
    return isTriageRoom(deps.config, sender) ? reply(triageRoomReply(redactFreeText(deps.redactor, text).text)) : null;
  const command = redactCommandValues(deps, parsed);
  if (command.type === "action") {
    const problem = command.pairs ? reclassifyProblem(command.pairs) : null;
    if (problem) return reply({ text: problem, tone: "warning" });
    const assignee =
      command.assignee && /^me$/i.test(command.assignee) ? sender.userName || sender.userId : command.assignee;
    const outcome = await performTriage(deps, sender, {
      verb: command.verb,
      reportId: command.reportId,
      note: command.note,
      assignee: assignee ?? null,
      duplicateOf: command.duplicateOf ?? null,
      changes: command.pairs ? changesFromData(command.pairs) : {},
    });
    return reply(outcome.message);
  }
  if (!(await isTriager(deps.config, deps.directory, sender))) return reply({ text: NOT_A_TRIAGER, tone: "warning" });
  if (command.type === "escalate") return escalate(deps, sender, command.reportId);
  return command.type === "list"
    ? reply(await listQueue(deps, sender, command.query))
    : showReport(deps, command.reportId);
}

/** The free values of a command (note, reclassify values, list filters and hints) as the redactor leaves them. */
function redactCommandValues(deps: TriageDeps, command: TriageCommand): TriageCommand {
  const values = <T extends Partial<Record<string, string>>>(pairs: T): T => {
    const out: Partial<Record<string, string>> = {};
    for (const [k, v] of Object.entries(pairs)) out[k] = v === undefined ? v : redactFreeText(deps.redactor, v).text;
    return out as T;
  };
  if (command.type === "list") {
    const { filters, problem } = command.query;
    return {
      ...command,
      query: { ...command.query, filters: values(filters), problem: redactedValue(deps.redactor, problem) },
    };
  }
  if (command.type !== "action") return command;
  return {
    ...command,
    note: redactedValue(deps.redactor, command.note),
    ...(command.pairs ? { pairs: values(command.pairs) } : {}),
  };
}

/** "escalate R-1": the safety-report export in the room (JSON to paste or import), recorded in the audit log. */
async function escalate(deps: TriageDeps, sender: Sender, id: string): Promise<CoreResponse> {
  if (!(await deps.store.reports.get(id))) return reply({ text: `I can't find ${id}.` });
  const actor = `${sender.channel}:${sender.userName || sender.userId}`;
  const out = await escalateToSafetyReport(
    { store: deps.store, catalogue: deps.catalogue ?? null, clock: deps.clock },
    id,
    actor,
  );
  return reply({
    title: `${id} escalated to a safety report`,
    text: `For the safety team's incident system (AHRQ Common Formats, HIT event). Recorded in the audit log.\n\n${out.json}`,
    facts: [
      { label: "Event type", value: out.record.eventType },
      { label: "Reached the patient", value: out.record.reachedPatient },
      ...(out.record.nccMerpCategory ? [{ label: "NCC MERP", value: out.record.nccMerpCategory }] : []),
    ],
  });
}

/** A reclassify value that would otherwise be dropped without a word ("severity=urgent", "sev=high"). */
function reclassifyProblem(pairs: Record<string, string>): string | null {
  const keys = ["kind", "system", "severity", "unit", "safety"];
  const unknown = Object.keys(pairs).filter((k) => !keys.includes(k));
  if (unknown.length > 0) return `I can change kind, system, severity, unit and safety, not ${unknown.join(", ")}.`;
  if (pairs.kind !== undefined && !KindSchema.safeParse(pairs.kind).success)
    return `Unknown kind "${pairs.kind}". Use one of: ${KINDS.join(", ")}. Nothing changed.`;
  if (pairs.severity !== undefined && !SeveritySchema.safeParse(pairs.severity).success)
    return `Unknown severity "${pairs.severity}". Use one of: ${SEVERITIES.join(", ")}. Nothing changed.`;
  if (pairs.safety !== undefined && !/^(yes|no|true|false|1|0)$/i.test(pairs.safety))
    return `safety must be yes or no (got "${pairs.safety}"). Nothing changed.`;
  return null;
}

async function showReport(deps: TriageDeps, id: string): Promise<CoreResponse> {
  const report = await deps.store.reports.get(id);
  if (!report) return reply({ text: `I can't find ${id}.` });
  const c = report.classification;
  const members = await deps.store.reports.find({ clusterId: report.clusterId ?? report.id, sort: "createdAsc" });
  const audit = await deps.store.audit.listForReport(id);
  return reply({
    title: `${report.id}: ${c?.summary ?? "not classified yet"}`,
    text: [report.text, "", "History:", ...reportTimeline(report, audit, deps.timeZone, deps.catalogue)].join("\n"),
    facts: [
      {
        label: "Status",
        value: STATUS_LABELS[report.status] + (report.duplicateOf ? ` of ${report.duplicateOf}` : ""),
      },
      {
        label: "System",
        value: c ? (deps.catalogue ? `${systemLabel(deps.catalogue, c.system)} (${c.system})` : c.system) : "unknown",
      },
      {
        label: "Kind / severity",
        value: c ? `${c.kind} / ${c.severity}${c.source === "manual" ? " (manual)" : ""}` : "unknown",
      },
      { label: "Unit", value: reportUnit(report) ?? "not given" },
      { label: "Reporter", value: `${reporterLabel(report)} (${report.channel})` },
      { label: "Assignee", value: report.assignee ?? "nobody" },
      {
        label: "Cluster",
        value: `${report.clusterId ?? report.id}: ${members.map((m) => `${m.id} (${STATUS_LABELS[m.status]})`).join(", ")}`,
      },
      {
        label: "Closed",
        value:
          CLOSED_STATUSES.includes(report.status) && report.resolvedAt
            ? localTime(report.resolvedAt, deps.timeZone)
            : "no",
      },
    ],
  });
}
