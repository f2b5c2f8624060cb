/**
 * ReportClusterView: what duplicate clustering and "N colleagues reported this too" read of a
 * report, and nothing else. Stores return it from `findClusterViews` as a projection (SQLite
 * columns and JSON paths, a MongoDB projection), so looking at the 300 newest open reports on a
 * system neither transfers nor validates 300 whole documents. Validated on the way back.
 */
import { z } from "zod";
import { ClusterFeaturesSchema, REPORT_ID_PATTERN, type Report } from "./report";
import { StatusSchema } from "./status";

export const ReportClusterViewSchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  clusterId: z.string().nullable().default(null),
  status: StatusSchema,
  reporterRef: z.string(),
  text: z.string(),
  /** classification.summary */
  summary: z.string().nullable().default(null),
  /** classification.location */
  unit: z.string().nullable().default(null),
  /** The history's actions, oldest first (whether triage took the report in). */
  actions: z.array(z.string()).default([]),
  clusterFeatures: ClusterFeaturesSchema.nullable().default(null),
});
export type ReportClusterView = z.infer<typeof ReportClusterViewSchema>;

/** The view of a full report (what a store's projection returns for it). */
export function clusterView(report: Report): ReportClusterView {
  return {
    id: report.id,
    clusterId: report.clusterId,
    status: report.status,
    reporterRef: report.reporter.ref,
    text: report.text,
    summary: report.classification?.summary ?? null,
    unit: report.classification?.location ?? null,
    actions: report.history.map((h) => h.action),
    clusterFeatures: report.clusterFeatures,
  };
}
