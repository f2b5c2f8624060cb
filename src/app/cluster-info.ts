import type { Report } from "../domain/report";
import type { Store } from "../ports/store";
import type { ClusterInfo } from "./intake-messages";

/** The cluster a report belongs to, as the reporter should hear it ("N colleagues reported this too"). */
export async function clusterInfoOf(store: Store, report: Report): Promise<ClusterInfo | null> {
  if (!report.clusterId) return null;
  const head = report.clusterId === report.id ? report : await store.reports.get(report.clusterId);
  if (!head) return null;
  const clusterSize = await store.reports.count({ clusterId: report.clusterId });
  return { clusterHeadId: head.id, clusterSize, headStatus: head.status };
}
