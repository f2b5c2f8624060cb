/** What the ITSM ticket of an incident says: all of it from the stored, redacted report. Pure. */
import type { TriageConfig } from "../../config/triage-config";
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import { reportUnit, type Report } from "../../domain/report";
import { KIND_LABELS } from "../../domain/taxonomy";
import type { TicketRequest } from "../../ports/itsm";
import { matchingRoute } from "../pipeline/route-report";

const SUMMARY_MAX = 160;

/** Tool categories by default: devices are hardware, the network is network, the rest software. */
const DEFAULT_CATEGORIES: Record<string, string> = {
  infusion_pump: "hardware",
  patient_monitoring: "hardware",
  dispensing_cabinet: "hardware",
  printer: "hardware",
  workstation: "hardware",
  network: "network",
};

export function ticketRequest(
  report: Report,
  config: TriageConfig,
  options: { catalogue?: Catalogue | null; categoryMap?: Record<string, string>; clusterSize?: number } = {},
): TicketRequest {
  const c = report.classification;
  const system = c ? (options.catalogue ? systemLabel(options.catalogue, c.system) : c.system) : "unknown system";
  const summaryText = (c?.summary || report.text).replace(/\s+/g, " ").trim();
  const summary = `${report.id}: ${summaryText}`;
  const map = options.categoryMap ?? {};
  const category = (c && (map[c.system] ?? map[c.kind] ?? DEFAULT_CATEGORIES[c.system])) ?? (c ? "software" : null);
  const facts = [
    `Report: ${report.id} (clinician feedback bot)`,
    `System: ${system}`,
    `Kind: ${c ? KIND_LABELS[c.kind] : "not classified"}`,
    `Severity: ${c?.severity ?? "unknown"}`,
    `Unit: ${reportUnit(report) ?? "not given"}`,
    `Patient safety: ${c?.patientSafety ? "YES" : "no"}`,
    `Reports in the cluster: ${options.clusterSize ?? 1}`,
  ];
  return {
    correlationId: report.id,
    summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
    description: `${report.text}\n\n${facts.join("\n")}`,
    category,
    severity: c?.severity ?? "medium",
    patientSafety: c?.patientSafety ?? false,
    assignmentGroup: matchingRoute(config, report)?.assignmentGroup ?? config.defaultAssignmentGroup ?? null,
  };
}
