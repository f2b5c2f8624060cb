/**
 * ReportFact: the few fields of a report the CMIO dashboard counts (when, where, what, how bad, how
 * fast IT answered). Stores return it from `findFacts` as a narrow projection (SQLite columns and
 * JSON paths, a MongoDB projection), so a year of reports loads without reading whole documents.
 * Validated on the way back from storage, like every other projection.
 */
import { z } from "zod";
import { REPORT_ID_PATTERN, type Report } from "./report";
import { StatusSchema } from "./status";
import { KindSchema, SeveritySchema } from "./taxonomy";

/** Dates arrive as Date (MongoDB), epoch ms (SQLite columns) or ISO text (JSON); all become Date. */
const instant = z.coerce.date();

export const ReportFactSchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  createdAt: instant,
  status: StatusSchema,
  /** Null while the report is not classified yet (then kind, system, severity, unit are null too). */
  kind: KindSchema.nullable(),
  system: z.string().nullable(),
  severity: SeveritySchema.nullable(),
  /** The classifier's location as stored (the dashboard names it as the catalogue does). */
  unit: z.string().nullable(),
  patientSafety: z.boolean(),
  tags: z.array(z.string()),
  acknowledgedAt: instant.nullable(),
  resolvedAt: instant.nullable(),
});
export type ReportFact = z.infer<typeof ReportFactSchema>;

/** The fact of a full report (what a store's projection returns for it). */
export function factOf(report: Report): ReportFact {
  const c = report.classification;
  return {
    id: report.id,
    createdAt: report.createdAt,
    status: report.status,
    kind: c?.kind ?? null,
    system: c?.system ?? null,
    severity: c?.severity ?? null,
    unit: c?.location ?? null,
    patientSafety: c?.patientSafety ?? false,
    tags: c?.tags ?? [],
    acknowledgedAt: report.acknowledgedAt,
    resolvedAt: report.resolvedAt,
  };
}
