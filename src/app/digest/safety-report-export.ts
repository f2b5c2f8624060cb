/**
 * "Escalate to safety report": one report as a record a safety team imports into its incident
 * system (RLDatix/Datix and the like), with fields named after the AHRQ Common Formats (Hospital
 * v1.2) event report for a "Device or medical/surgical supply, including health information
 * technology (HIT)" event; JSON and CSV. Every escalation is recorded in the audit log.
 * Only redacted text leaves: the stored message and the classifier's summary (PHI replaced by
 * placeholders before storage); the reporter's identity never does.
 */
import { AppError } from "../../domain/errors";
import type { Catalogue } from "../../domain/catalogue";
import { systemLabel } from "../../domain/catalogue";
import type { Report } from "../../domain/report";
import { EVENT_CLASS_LABELS, isMedicationEvent } from "../../domain/safety-event";
import { STATUS_LABELS } from "../../domain/status";
import type { Kind } from "../../domain/taxonomy";
import type { Clock } from "../../ports/clock";
import type { Store } from "../../ports/store";
import { csvField } from "./export-reports";

export const COMMON_FORMATS =
  "AHRQ Common Formats for Event Reporting - Hospital v1.2: Device or Medical/Surgical Supply, including HIT";

export const SAFETY_REPORT_FIELDS = [
  "localReportId",
  "commonFormatsVersion",
  "eventDiscoveryDateTime",
  "reportDateTime",
  "eventType",
  "eventCategory",
  "reachedPatient",
  "harm",
  "nccMerpCategory",
  "hitDeviceType",
  "hitProblemType",
  "eventLocation",
  "briefDescription",
  "eventNarrative",
  "itSeverity",
  "itStatus",
  "itResolution",
  "escalatedBy",
  "escalatedAt",
] as const;
export type SafetyReportField = (typeof SAFETY_REPORT_FIELDS)[number];
export type SafetyReportRecord = Record<SafetyReportField, string>;

/** What kind of HIT problem the report describes, in the form's words. */
const HIT_PROBLEM: Record<Kind, string> = {
  disruption: "Malfunction or downtime (hardware, software, network)",
  usability: "Use error or poor usability (display, workflow, alerts)",
  data_quality: "Wrong, missing or delayed data (including interfaces)",
  access: "Access or authentication failure",
  training_need: "Use error: user not trained on the system",
  terminology: "Ambiguous or inconsistent terms, names or order sets",
  privacy_security: "Security or privacy failure",
  workflow_gap: "System does not support the workflow",
  other: "Other HIT problem",
};

const iso = (d: Date | null) => (d ? d.toISOString() : "");

function lastResolution(report: Report): string {
  for (let i = report.history.length - 1; i >= 0; i--) {
    const h = report.history[i];
    if (h?.to === "resolved") return h.note ?? "";
  }
  return "";
}

export function safetyReportRecord(
  report: Report,
  catalogue: Catalogue | null,
  escalation: { by: string; at: Date },
): SafetyReportRecord {
  const c = report.classification;
  const event = report.safetyEvent ?? null;
  const medication = event?.medication ?? (c ? isMedicationEvent(c) : false);
  const yesNo = (v: boolean | undefined) => (v === undefined ? "Unknown" : v ? "Yes" : "No");
  return {
    localReportId: report.id,
    commonFormatsVersion: COMMON_FORMATS,
    eventDiscoveryDateTime: iso(report.createdAt),
    reportDateTime: iso(report.createdAt),
    eventType: event ? EVENT_CLASS_LABELS[event.eventClass] : "Unknown (not answered)",
    eventCategory: medication
      ? "Device or medical/surgical supply, including HIT; Medication or other substance"
      : "Device or medical/surgical supply, including HIT",
    reachedPatient: yesNo(event?.reachedPatient),
    harm: !event ? "Unknown" : event.harm === "harm" ? "Harm (grade to be assessed)" : "No harm",
    nccMerpCategory: event?.nccMerp ?? "",
    hitDeviceType: c ? (catalogue ? systemLabel(catalogue, c.system) : c.system) : "",
    hitProblemType: c ? HIT_PROBLEM[c.kind] : "",
    eventLocation: c?.location ?? "",
    briefDescription: c?.summary ?? "",
    eventNarrative: report.text,
    itSeverity: c?.severity ?? "",
    itStatus: STATUS_LABELS[report.status],
    itResolution: lastResolution(report),
    escalatedBy: escalation.by,
    escalatedAt: iso(escalation.at),
  };
}

/** A CSV file: the header and one row, CRLF line ends; cells that a spreadsheet would run as formulas are quoted inert. */
export function safetyReportCsv(records: readonly SafetyReportRecord[]): string {
  const cell = (v: string) => csvField(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return [SAFETY_REPORT_FIELDS.join(","), ...records.map((r) => SAFETY_REPORT_FIELDS.map((f) => cell(r[f])).join(","))]
    .map((line) => `${line}\r\n`)
    .join("");
}

export interface EscalationDeps {
  store: Pick<Store, "reports" | "audit">;
  catalogue: Catalogue | null;
  clock: Clock;
}

export interface Escalation {
  record: SafetyReportRecord;
  json: string;
  csv: string;
}

/** Builds the export of one report and records the escalation in the audit log (who, when, what was sent). */
export async function escalateToSafetyReport(
  deps: EscalationDeps,
  reportId: string,
  actor: string,
): Promise<Escalation> {
  const report = await deps.store.reports.get(reportId);
  if (!report) throw new AppError("NOT_FOUND", `no report ${reportId}`);
  const at = deps.clock.now();
  const record = safetyReportRecord(report, deps.catalogue, { by: actor, at });
  await deps.store.audit.append({
    id: `${report.id}@v${report.version}:escalated_safety_report:${at.getTime()}`,
    at,
    reportId: report.id,
    actor,
    action: "escalated_safety_report",
    before: null,
    after: { eventType: record.eventType, nccMerpCategory: record.nccMerpCategory, harm: record.harm },
    note: `Exported for the safety team as ${COMMON_FORMATS} (JSON, CSV)`,
  });
  return { record, json: `${JSON.stringify(record, null, 2)}\n`, csv: safetyReportCsv([record]) };
}
