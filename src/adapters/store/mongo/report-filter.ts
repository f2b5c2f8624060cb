/** ReportQuery → MongoDB filter and sort (only $gte/$lt/$in/$ne/equality: portable to FerretDB and Cosmos DB). */
import type { Document, Sort } from "mongodb";
import type { ReportQuery } from "../../../ports/report-store";

function range(from: Date | undefined, to: Date | undefined): Document | undefined {
  if (!from && !to) return undefined;
  const r: Document = {};
  if (from) r.$gte = from;
  if (to) r.$lt = to;
  return r;
}

export function reportFilter(query: ReportQuery): Document {
  const f: Document = {};
  const created = range(query.createdFrom, query.createdTo);
  if (created) f.createdAt = created;
  const resolved = range(query.resolvedFrom, query.resolvedTo);
  if (resolved) f.resolvedAt = resolved;
  if (query.statusIn) f.status = { $in: [...query.statusIn] };
  if (query.system !== undefined) f["classification.system"] = query.system;
  if (query.kind !== undefined) f["classification.kind"] = query.kind;
  if (query.severityIn) f["classification.severity"] = { $in: [...query.severityIn] };
  if (query.unit !== undefined) f["classification.location"] = query.unit;
  if (query.patientSafety !== undefined) f["classification.patientSafety"] = query.patientSafety;
  if (query.reporterRef !== undefined) f["reporter.ref"] = query.reporterRef;
  if (query.clusterId !== undefined) f.clusterId = query.clusterId;
  if (query.classified !== undefined) f.classification = query.classified ? { $ne: null } : null;
  if (query.intakeStage !== undefined) f["intake.stage"] = query.intakeStage;
  if (query.askedBefore) f["intake.askedAt"] = { $lt: query.askedBefore };
  return f;
}

export function reportSort(query: ReportQuery): Sort {
  return query.sort === "createdAsc" ? { createdAt: 1, seq: 1 } : { createdAt: -1, seq: -1 };
}

/** Reports that need classification: pending, or claimed by a worker whose lease ran out. */
export function claimableFilter(now: Date): Document {
  return {
    $or: [
      { "classifyJob.state": "pending" },
      { "classifyJob.state": "claimed", "classifyJob.leaseUntil": { $lte: now } },
    ],
  };
}
