/**
 * What the dashboard is asked: a range of ISO weeks and filters (unit, system, kind, severity,
 * patient safety), plus an optional drill-down (a week, a unit × system cell, a theme) that narrows
 * only the list of reports. Parsed from the URL query with zod; anything else is a 400.
 */
import { z } from "zod";
import { ISO_WEEK_PATTERN, isIsoWeek } from "../iso-week";
import { KindSchema, SeveritySchema } from "../taxonomy";

/** The widest range one request may ask for (two years of weeks). */
export const MAX_WEEKS = 106;
/** How many weeks the dashboard shows when no range is given (ending with the current week). */
export const DEFAULT_WEEKS = 12;

const isoWeek = z
  .string()
  .regex(ISO_WEEK_PATTERN, "must be an ISO week such as 2026-W30")
  .refine(isIsoWeek, "is not a week of that year");
/** A name as the page sends it: trimmed, at most 100 characters, empty means "any". */
const name = z
  .string()
  .max(100, "is longer than 100 characters")
  .transform((s) => s.trim())
  .transform((s) => (s === "" ? undefined : s))
  .optional();
const empty = (v: unknown) => (v === "" ? undefined : v);

export const DashboardQuerySchema = z
  .object({
    from: z.preprocess(empty, isoWeek.optional()),
    to: z.preprocess(empty, isoWeek.optional()),
    unit: name,
    system: name,
    kind: z.preprocess(empty, KindSchema.optional()),
    severity: z.preprocess(empty, SeveritySchema.optional()),
    safety: z
      .preprocess(empty, z.enum(["true", "false"]).optional())
      .transform((v) => (v === undefined ? undefined : v === "true")),
    drillWeek: z.preprocess(empty, isoWeek.optional()),
    drillUnit: name,
    drillSystem: name,
    drillTheme: name,
  })
  .strict();
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

/** The filters that shape every figure (the drill-down narrows only the list). */
export interface DashboardFilters {
  unit?: string;
  system?: string;
  kind?: DashboardQuery["kind"];
  severity?: DashboardQuery["severity"];
  safety?: boolean;
}

export interface DashboardDrill {
  week?: string;
  unit?: string;
  system?: string;
  theme?: string;
}

/** The filters and drill-down of a parsed query (without the week range). */
export function splitQuery(q: DashboardQuery): { filters: DashboardFilters; drill: DashboardDrill } {
  const filters: DashboardFilters = {};
  if (q.unit !== undefined) filters.unit = q.unit;
  if (q.system !== undefined) filters.system = q.system;
  if (q.kind !== undefined) filters.kind = q.kind;
  if (q.severity !== undefined) filters.severity = q.severity;
  if (q.safety !== undefined) filters.safety = q.safety;
  const drill: DashboardDrill = {};
  if (q.drillWeek !== undefined) drill.week = q.drillWeek;
  if (q.drillUnit !== undefined) drill.unit = q.drillUnit;
  if (q.drillSystem !== undefined) drill.system = q.drillSystem;
  if (q.drillTheme !== undefined) drill.theme = q.drillTheme;
  return { filters, drill };
}
