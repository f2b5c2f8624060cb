/**
 * ReportSummary: the fields of a report that the weekly digest reads, and nothing else. Stores return
 * it from `findSummaries` as a projection (MongoDB projection, SQLite columns and JSON paths), so a
 * digest over thousands of reports neither transfers nor validates whole documents. It is still
 * validated on the way back from storage, with this narrower schema.
 * A full Report is a ReportSummary too (structurally), so the digest code accepts either.
 */
import { z } from "zod";
import { ClassificationResultSchema } from "./classification";
import { REPORT_ID_PATTERN, type Report } from "./report";
import { SafetyEventSchema } from "./safety-event";
import { StatusSchema } from "./status";

export const ClassificationSummarySchema = ClassificationResultSchema.pick({
  kind: true,
  system: true,
  severity: true,
  patientSafety: true,
  location: true,
  summary: true,
  tags: true,
});

/** Only where a report went and the note IT left (the digest quotes the last resolution note). */
export const HistoryStepSchema = z.object({
  to: z.string().nullable().default(null),
  note: z.string().nullable().default(null),
});

/** Dates arrive as Date (MongoDB), epoch ms (SQLite columns) or ISO text (JSON); all become Date. */
const instant = z.coerce.date();

export const ReportSummarySchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  seq: z.number().int().positive(),
  createdAt: instant,
  status: StatusSchema,
  classification: ClassificationSummarySchema.nullable(),
  clusterId: z.string().nullable().default(null),
  acknowledgedAt: instant.nullable().default(null),
  resolvedAt: instant.nullable().default(null),
  history: z.array(HistoryStepSchema).default([]),
  safetyEvent: SafetyEventSchema.nullable().optional(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;
export type ClassificationSummary = z.infer<typeof ClassificationSummarySchema>;

/** The summary of a full report (what a store's projection returns for it). */
export function summarize(report: Report): ReportSummary {
  const c = report.classification;
  return {
    id: report.id,
    seq: report.seq,
    createdAt: report.createdAt,
    status: report.status,
    classification: c && {
      kind: c.kind,
      system: c.system,
      severity: c.severity,
      patientSafety: c.patientSafety,
      location: c.location,
      summary: c.summary,
      tags: c.tags,
    },
    clusterId: report.clusterId,
    acknowledgedAt: report.acknowledgedAt,
    resolvedAt: report.resolvedAt,
    history: report.history.map((h) => ({ to: h.to, note: h.note })),
    // Only when there is one, as the stores' projections return it (absent in older documents).
    ...(report.safetyEvent ? { safetyEvent: report.safetyEvent } : {}),
  };
}
