/** Channel-neutral messages of the triage side: the triage card, alerts, and notes to reporters. Pure. */
import { countText } from "../../domain/count-text";
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import type { BotMessage, Fact, MessageAction } from "../../domain/message";
import { reportUnit, type Report } from "../../domain/report";
import { STATUS_LABELS, isOpen, type Status } from "../../domain/status";
import { KIND_LABELS } from "../../domain/taxonomy";
import { ITSM_NAMES } from "../../domain/ticket";

function systemName(catalogue: Catalogue | null | undefined, id: string): string {
  return catalogue ? systemLabel(catalogue, id) : id;
}

export function reporterLabel(report: Report): string {
  return report.reporter.anonymous ? "anonymous" : (report.reporter.displayName ?? "a colleague");
}

function cardActions(report: Report): MessageAction[] {
  const data = { reportId: report.id, card: "triage" };
  const act = (action: string, label: string, style?: "primary" | "danger"): MessageAction => ({
    action: `triage.${action}`,
    label,
    data,
    ...(style ? { style } : {}),
  });
  if (!isOpen(report.status)) return [act("reopen", "Reopen"), act("reclassify", "Reclassify")];
  const actions: MessageAction[] = [];
  if (report.status === "new") actions.push(act("ack", "Acknowledge", "primary"));
  actions.push(act("assign", "Assign to me"));
  if (report.status !== "in_progress") actions.push(act("progress", "In progress"));
  actions.push(act("resolve", "Resolve…", "primary"), act("wontfix", "Won't fix…"), act("duplicate", "Duplicate of…"));
  if (report.clusterId && report.clusterId !== report.id) actions.push(act("split", "Split out"));
  actions.push(act("reclassify", "Reclassify…"));
  return actions;
}

/** The card IT sees in its triage channel, updated in place as the report moves. */
export function triageCard(report: Report, clusterSize: number, catalogue?: Catalogue | null): BotMessage {
  const c = report.classification;
  const facts: Fact[] = [
    { label: "Status", value: STATUS_LABELS[report.status] + (report.duplicateOf ? ` of ${report.duplicateOf}` : "") },
    {
      label: "Kind",
      value: c ? KIND_LABELS[c.kind] + (c.source === "manual" ? " (manual)" : "") : "not classified yet",
    },
    { label: "System", value: c ? systemName(catalogue, c.system) : "unknown" },
    { label: "Severity", value: c?.severity ?? "unknown" },
    { label: "Unit", value: reportUnit(report) ?? "not given" },
    { label: "Patient safety", value: c?.patientSafety ? "YES" : "no" },
    { label: "Reporter", value: `${reporterLabel(report)} (${report.channel})` },
    { label: "Cluster", value: clusterSize > 1 ? `${clusterSize} reports` : "1 report" },
    { label: "Assignee", value: report.assignee ?? "nobody yet" },
  ];
  const ticket = report.ticket;
  if (ticket) facts.push({ label: "Ticket", value: `${ticket.number} (${ITSM_NAMES[ticket.kind]})` });
  const urgent = c?.patientSafety === true || c?.severity === "critical";
  return {
    title: `${urgent ? "🚨 " : ""}${report.id}: ${c?.summary || "new report"}`,
    text: report.text,
    facts,
    actions: cardActions(report),
    ...(ticket?.url
      ? { links: [{ label: `Open ${ticket.number} in ${ITSM_NAMES[ticket.kind]}`, url: ticket.url }] }
      : {}),
    // Only commands that still apply: a closed card offers reopen, not ack/resolve.
    note: isOpen(report.status)
      ? `Commands: ${report.status === "new" ? `ack ${report.id} · ` : ""}resolve ${report.id} <note> · show ${report.id}`
      : `Commands: reopen ${report.id} · show ${report.id}`,
    tone: urgent && isOpen(report.status) ? "attention" : isOpen(report.status) ? "normal" : "good",
  };
}

/** Immediate alert for patient-safety or critical reports. */
export function alertCard(report: Report, headId: string, catalogue?: Catalogue | null): BotMessage {
  const c = report.classification;
  const reasons = [
    c?.patientSafety ? "🚨 Patient safety" : null,
    c?.severity === "critical" ? "Critical" : null,
  ].filter((r): r is string => r !== null);
  return {
    title: `${reasons.join(" · ") || "Alert"}: ${report.id}${headId !== report.id ? ` (cluster ${headId})` : ""}`,
    text: c?.summary || report.text,
    facts: [
      { label: "System", value: c ? systemName(catalogue, c.system) : "unknown" },
      { label: "Unit", value: reportUnit(report) ?? "not given" },
      { label: "Severity", value: c?.severity ?? "unknown" },
    ],
    note: `Triage it in the triage channel, or type: ack ${headId}`,
    tone: "attention",
  };
}

/** One "probable outage" alert per system and window. */
export function spikeAlert(
  system: string,
  reports: readonly Report[],
  minutes: number,
  catalogue?: Catalogue | null,
): BotMessage {
  const units = [...new Set(reports.map(reportUnit).filter((u): u is string => u !== null))];
  const byCluster = new Map<string, number>();
  for (const r of reports) byCluster.set(r.clusterId ?? r.id, (byCluster.get(r.clusterId ?? r.id) ?? 0) + 1);
  // Says how the count splits: "R-1040 (4 reports), R-1043" — every report is in one of these incidents.
  const incidents = [...byCluster].map(([id, n]) => (n > 1 ? `${id} (${n} reports)` : id));
  return {
    title: `⚠️ Probable outage: ${systemName(catalogue, system)}`,
    text: `${reports.length} reports about ${systemName(catalogue, system)} in the last ${minutes} minutes, in ${countText(byCluster.size, "incident")}.`,
    facts: [
      { label: "Units", value: units.length > 0 ? units.join(", ") : "not given" },
      { label: byCluster.size === 1 ? "Incident" : "Incidents", value: incidents.join(", ") },
    ],
    note: "One alert per system and window; further reports join the triage card.",
    tone: "attention",
  };
}

const EVENT_WORDS: Partial<Record<string, string>> = {
  acknowledged: "Acknowledged — IT is looking at it",
  in_progress: "In progress — IT is working on it",
  assigned: "Picked up — someone in IT has it now",
  resolved: "Resolved",
  wont_fix: "Won't fix",
  reopened: "Reopened — IT is looking at it again",
  duplicate: "Merged",
};

/** "Update on your report R-1043 (part of R-1040): Resolved — <note from IT>". */
export function reporterUpdate(
  reportIds: readonly string[],
  headId: string,
  event: string,
  note: string | null,
  headStatus: Status,
): BotMessage {
  const own = reportIds.join(", ");
  const part = reportIds.length === 1 && reportIds[0] === headId ? "" : ` (part of ${headId})`;
  const words =
    event === "duplicate"
      ? `Merged — it's being handled as ${headId} (${STATUS_LABELS[headStatus]}); you'll hear when it's resolved`
      : (EVENT_WORDS[event] ?? event);
  // After a resolution the reporter can close the loop: fixed for them, or still broken (reopens).
  const data = { reportId: reportIds[0] ?? headId };
  return {
    title: `Update on your report ${own}${part}`,
    text: `${words}${note ? ` — ${note}` : ""}`,
    tone: event === "resolved" ? "good" : "normal",
    ...(event === "resolved"
      ? {
          actions: [
            { action: "fixed", label: "Fixed for me", data },
            { action: "still_broken", label: "Still broken", data, style: "danger" as const },
          ],
        }
      : {}),
  };
}

/** A short note back to the triager (Slack ephemeral where possible). */
export function triagerNote(text: string, tone: BotMessage["tone"] = "normal"): BotMessage {
  return { text, tone };
}
