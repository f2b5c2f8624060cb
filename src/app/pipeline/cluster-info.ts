import type { Report } from "../../domain/report";
import type { Store } from "../../ports/store";
import type { ClusterInfo } from "../intake/intake-messages";

/** Enough to tell "3 colleagues" from "12 colleagues"; larger clusters are counted from this many. */
const MAX_MEMBERS = 500;

/**
 * The cluster a report belongs to, as the reporter should hear it ("N colleagues reported this too",
 * or "You reported this already"). Reporters are told apart by the reporter ref stored on each
 * report (anonymous reports by their hashed ref), so a nurse reporting twice is not her own colleague.
 */
export async function clusterInfoOf(store: Store, report: Report): Promise<ClusterInfo | null> {
  if (!report.clusterId) return null;
  const head = report.clusterId === report.id ? report : await store.reports.get(report.clusterId);
  if (!head) return null;
  const clusterSize = await store.reports.count({ clusterId: report.clusterId });
  // Ids and reporter refs only (no texts or features): who reported, for up to MAX_MEMBERS members.
  const members = await store.reports.findReporters({ clusterId: report.clusterId, limit: MAX_MEMBERS });
  const others = new Set<string>();
  let ownOtherReports = 0;
  for (const member of members) {
    if (member.id === report.id) continue;
    if (member.reporterRef === report.reporter.ref) ownOtherReports += 1;
    else others.add(member.reporterRef);
  }
  return {
    clusterHeadId: head.id,
    clusterSize,
    headStatus: head.status,
    otherReporters: others.size,
    ownOtherReports,
  };
}
