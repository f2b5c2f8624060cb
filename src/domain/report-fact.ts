/**
 * ReportFact: the few fields of a report the CMIO dashboard counts (when, where, what, how bad, how
 * fast IT answered). Stores return it from `findFacts` as a narrow projection (SQLite columns and
 * JSON paths, a MongoDB projection), so a year of reports loads without reading whole documents.
 * Validated on the way back from storage, like every other projection.
 */
import { z } from "zod";
import { REPORT_ID_PATTERN, type Report } from "./report";
import { STATUSES, StatusSchema, type Status } from "./status";
import { KINDS, KindSchema, SEVERITIES, SeveritySchema, type Kind, type Severity } from "./taxonomy";

/**
 * Instants arrive as Date (MongoDB), epoch ms (SQLite columns) or ISO text (JSON); all become epoch
 * milliseconds (a year of facts is tens of thousands of rows: numbers, not Date objects).
 */
const instant = z.union([z.number(), z.string(), z.date()]).transform((v, ctx) => {
  const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v);
  if (Number.isFinite(ms)) return ms;
  ctx.addIssue({ code: "custom", message: "is not a date" });
  return z.NEVER;
});

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
    createdAt: report.createdAt.getTime(),
    status: report.status,
    kind: c?.kind ?? null,
    system: c?.system ?? null,
    severity: c?.severity ?? null,
    unit: c?.location ?? null,
    patientSafety: c?.patientSafety ?? false,
    tags: c?.tags ?? [],
    acknowledgedAt: report.acknowledgedAt?.getTime() ?? null,
    resolvedAt: report.resolvedAt?.getTime() ?? null,
  };
}

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const KIND_SET: ReadonlySet<string> = new Set(KINDS);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);

function instantOf(v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  const ms = typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : v instanceof Date ? v.getTime() : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The same check as ReportFactSchema, written out for speed (a year of facts is tens of thousands of
 * rows): the fact when `raw` is well-formed, else undefined — then the caller runs the schema, which
 * says what is wrong. A test keeps the two in step.
 */
export function quickReportFact(raw: Record<string, unknown>): ReportFact | undefined {
  const { id, status, kind, system, severity, unit, patientSafety, tags } = raw;
  if (typeof id !== "string" || !REPORT_ID_PATTERN.test(id)) return undefined;
  if (typeof status !== "string" || !STATUS_SET.has(status)) return undefined;
  if (kind !== null && (typeof kind !== "string" || !KIND_SET.has(kind))) return undefined;
  if (severity !== null && (typeof severity !== "string" || !SEVERITY_SET.has(severity))) return undefined;
  if (system !== null && typeof system !== "string") return undefined;
  if (unit !== null && typeof unit !== "string") return undefined;
  if (typeof patientSafety !== "boolean") return undefined;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) return undefined;
  const createdAt = instantOf(raw.createdAt);
  const acknowledgedAt = instantOf(raw.acknowledgedAt);
  const resolvedAt = instantOf(raw.resolvedAt);
  if (createdAt === null || createdAt === undefined || acknowledgedAt === undefined || resolvedAt === undefined)
    return undefined;
  return {
    id,
    createdAt,
    status: status as Status,
    kind: kind as Kind | null,
    system: system,
    severity: severity as Severity | null,
    unit: unit,
    patientSafety,
    tags: tags,
    acknowledgedAt,
    resolvedAt,
  };
}
