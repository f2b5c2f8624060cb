/** Triager text commands: every card action by text, plus "list …" and "show R-1234" (history and audit). */
import { systemLabel } from "../domain/catalogue";
import type { BotMessage } from "../domain/message";
import { reportUnit, type Report } from "../domain/report";
import { CLOSED_STATUSES, OPEN_STATUSES, STATUS_LABELS, STATUSES } from "../domain/status";
import { KINDS, KindSchema, SEVERITIES, SeveritySchema } from "../domain/taxonomy";
import type { ReportQuery } from "../ports/report-store";
import { isTriager } from "./authorize-triager";
import type { CoreResponse, Sender } from "./core-types";
import { NOT_A_TRIAGER, changesFromData, performTriage } from "./triage-actions";
import { reporterLabel } from "./triage-cards";
import { parseTriageCommand, type TriageCommand } from "./triage-command-parse";
import { actorName, type TriageDeps } from "./triage-deps";
import { isTriageRoom, triageRoomReply } from "./triage-room";

const LIST_LIMIT = 25;

const reply = (message: BotMessage): CoreResponse => ({ replies: [{ message, ephemeral: true }] });
const time = (d: Date): string => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export async function handleTriageCommand(
  deps: TriageDeps,
  sender: Sender,
  text: string,
): Promise<CoreResponse | null> {
  const command = parseTriageCommand(text);
  if (!command) return isTriageRoom(deps.config, sender) ? reply(triageRoomReply(text)) : null;
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
  return command.type === "list" ? listReports(deps, command) : showReport(deps, command.reportId);
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

async function listReports(deps: TriageDeps, command: Extract<TriageCommand, { type: "list" }>): Promise<CoreResponse> {
  const f = command.filters;
  const unknown = Object.keys(f).filter((k) => !["system", "unit", "kind", "severity", "status"].includes(k));
  if (unknown.length > 0)
    return reply({ text: `I can filter by system, unit, kind, severity and status, not ${unknown.join(", ")}.` });
  const query: ReportQuery = { sort: "createdDesc", limit: 500, classified: true };
  if (command.scope === "open") query.statusIn = OPEN_STATUSES;
  if (f.status) {
    const status = STATUSES.find((s) => s === f.status || STATUS_LABELS[s].toLowerCase() === f.status?.toLowerCase());
    if (!status) return reply({ text: `Unknown status "${f.status}". Use one of: ${STATUSES.join(", ")}.` });
    query.statusIn = [status];
  }
  if (f.system) query.system = f.system;
  if (f.kind) {
    const kind = KindSchema.safeParse(f.kind);
    if (!kind.success) return reply({ text: `Unknown kind "${f.kind}". Use one of: ${KINDS.join(", ")}.` });
    query.kind = kind.data;
  }
  if (f.severity) {
    const severity = SeveritySchema.safeParse(f.severity);
    if (!severity.success)
      return reply({ text: `Unknown severity "${f.severity}". Use one of: ${SEVERITIES.join(", ")}.` });
    query.severityIn = [severity.data];
  }
  const unit = f.unit?.toLowerCase();
  const found = (await deps.store.reports.find(query)).filter((r) => !unit || reportUnit(r)?.toLowerCase() === unit);
  // One line per incident: cluster heads (and reports whose head fell outside the filter).
  const ids = new Set(found.map((r) => r.id));
  const heads = found.filter((r) => (r.clusterId ?? r.id) === r.id || !ids.has(r.clusterId ?? r.id));
  const sizes = new Map<string, number>();
  for (const r of found) sizes.set(r.clusterId ?? r.id, (sizes.get(r.clusterId ?? r.id) ?? 0) + 1);
  const lines = heads.slice(0, LIST_LIMIT).map((r) => listLine(r, sizes.get(r.id) ?? 1));
  const filterText = Object.entries(f)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return reply({
    title: `${command.scope === "open" ? "Open reports" : "Reports"}${filterText ? ` (${filterText})` : ""}: ${heads.length}`,
    text: lines.length > 0 ? lines.join("\n") : "Nothing matches.",
    note:
      heads.length > LIST_LIMIT
        ? `Showing the newest ${LIST_LIMIT}. Narrow it down with system=, unit=, kind=, severity=.`
        : "Details: show R-xxxx",
  });
}

function listLine(r: Report, clusterSize: number): string {
  const c = r.classification;
  const inCluster = (r.clusterId ?? r.id) !== r.id ? ` · in ${r.clusterId}` : "";
  const cluster = clusterSize > 1 ? ` · ${clusterSize} reports` : "";
  const safety = c?.patientSafety ? " · 🚨 patient safety" : "";
  return `${r.id} · ${STATUS_LABELS[r.status]} · ${c?.system ?? "?"} · ${c?.severity ?? "?"} · ${reportUnit(r) ?? "no unit"}${cluster}${inCluster}${safety} — ${c?.summary ?? ""}`;
}

async function showReport(deps: TriageDeps, id: string): Promise<CoreResponse> {
  const report = await deps.store.reports.get(id);
  if (!report) return reply({ text: `I can't find ${id}.` });
  const c = report.classification;
  const members = await deps.store.reports.find({ clusterId: report.clusterId ?? report.id, sort: "createdAsc" });
  const audit = await deps.store.audit.listForReport(id);
  const history = report.history.map(
    (h) =>
      `${time(h.at)} ${h.action}${h.from || h.to ? ` ${h.from ?? ""}→${h.to ?? ""}` : ""} by ${actorName(h.actor)}${h.note ? ` — ${h.note}` : ""}`,
  );
  const statusOf = (s: unknown): string => {
    const known = STATUSES.find((k) => k === s);
    return known ? STATUS_LABELS[known] : "none";
  };
  const auditLines = audit.map((a) => {
    const change =
      a.before?.status !== a.after?.status ? `: ${statusOf(a.before?.status)} → ${statusOf(a.after?.status)}` : "";
    return `${time(a.at)} ${a.action} by ${a.actor}${change}${a.note ? ` — ${a.note}` : ""}`;
  });
  return reply({
    title: `${report.id}: ${c?.summary ?? "not classified yet"}`,
    text: [
      report.text,
      "",
      "History:",
      ...history,
      ...(auditLines.length > 0 ? ["", "Audit:", ...auditLines] : []),
    ].join("\n"),
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
        value: CLOSED_STATUSES.includes(report.status) && report.resolvedAt ? time(report.resolvedAt) : "no",
      },
    ],
  });
}
