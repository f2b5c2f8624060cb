import type { Report } from "../domain/report";
import type { ReportFact } from "../domain/report-fact";
import type { ReportClusterView } from "../domain/report-cluster-view";
import type { ReportSummary } from "../domain/report-summary";
import type { Severity, Kind } from "../domain/taxonomy";
import type { Status } from "../domain/status";

/** Filters for listing reports. All given fields must match (AND). Dates: from inclusive, to exclusive. */
export interface ReportQuery {
  createdFrom?: Date;
  createdTo?: Date;
  resolvedFrom?: Date;
  resolvedTo?: Date;
  statusIn?: readonly Status[];
  system?: string;
  kind?: Kind;
  severityIn?: readonly Severity[];
  /** Matches classification.patientSafety (unclassified reports match neither true nor false). */
  patientSafety?: boolean;
  /** Matches classification.location exactly (case-insensitively folded by the caller if needed). */
  unit?: string;
  reporterRef?: string;
  clusterId?: string;
  classified?: boolean;
  intakeStage?: "acknowledged" | "asking" | "confirmed";
  /** Only reports whose intake.askedAt is before this instant. */
  askedBefore?: Date;
  /** Newest first by default. */
  sort?: "createdAsc" | "createdDesc";
  limit?: number;
}

/** Who filed a report, without the report: what "N colleagues reported this too" counts. */
export interface ReporterOfReport {
  id: string;
  reporterRef: string;
}

/** Reports per classification kind; "unclassified" for those without one. Kinds with none are absent. */
export type KindCounts = Partial<Record<Kind | "unclassified", number>>;

export interface ReportStore {
  /** Next human-sayable sequence number (atomic across instances). */
  nextSeq(): Promise<number>;
  insert(report: Report): Promise<void>;
  /** Many at once (seeding, benchmarks). */
  insertMany(reports: readonly Report[]): Promise<void>;
  get(id: string): Promise<Report | null>;
  /**
   * Compare-and-swap: replaces the stored report with `next` only if the stored version equals
   * `expectedVersion`. `next.version` must be `expectedVersion + 1`. Returns false when another
   * writer got there first (the caller re-reads and tells the user).
   */
  replace(next: Report, expectedVersion: number): Promise<boolean>;
  /**
   * Atomically claims one report that needs classification: classifyJob.state "pending", or
   * "claimed" with an expired lease. Sets state "claimed", claimedBy, leaseUntil = now + leaseMs,
   * attempts + 1, version + 1. Oldest first. Exactly one caller gets a given report.
   */
  claimForClassification(owner: string, now: Date, leaseMs: number): Promise<Report | null>;
  find(query: ReportQuery): Promise<Report[]>;
  count(query: ReportQuery): Promise<number>;
  /**
   * Like find, but only the fields the digest reads: a projection, validated on the way back with
   * ReportSummarySchema (invalid ones are logged and skipped, as in find).
   */
  findSummaries(query: ReportQuery): Promise<ReportSummary[]>;
  /**
   * Like find, but only what clustering reads (ReportClusterView): a projection, validated on the
   * way back (invalid ones are logged and skipped, as in find).
   */
  findClusterViews(query: ReportQuery): Promise<ReportClusterView[]>;
  /**
   * Like find, but only what the CMIO dashboard counts (ReportFact): a narrow projection, validated
   * on the way back (invalid ones are logged and skipped, as in find).
   */
  findFacts(query: ReportQuery): Promise<ReportFact[]>;
  /**
   * Like find, but only each report's id and reporter ref (indexed columns or a two-field
   * projection): counting a cluster's reporters reads no texts, features or histories.
   */
  findReporters(query: ReportQuery): Promise<ReporterOfReport[]>;
  /** count(), split by classification kind, in one grouped query (the digest's trend weeks). */
  countByKind(query: ReportQuery): Promise<KindCounts>;
}
