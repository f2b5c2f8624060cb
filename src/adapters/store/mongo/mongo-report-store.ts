/** ReportStore on MongoDB: documents keyed by report id, every change a guarded compare-and-swap. */
import type { Collection } from "mongodb";
import { AppError } from "../../../domain/errors";
import { claimedForClassification, type Report } from "../../../domain/report";

/** Pending, or claimed by a worker whose lease ran out. */
const isClaimable = (r: Report, now: Date): boolean =>
  r.classifyJob.state === "pending" ||
  (r.classifyJob.state === "claimed" && (r.classifyJob.leaseUntil?.getTime() ?? 0) <= now.getTime());
import { silentLogger, type Logger } from "../../../ports/logger";
import type { ReportClusterView } from "../../../domain/report-cluster-view";
import type { ReportSummary } from "../../../domain/report-summary";
import { KINDS, type Kind } from "../../../domain/taxonomy";
import type { ReportFact } from "../../../domain/report-fact";
import { isPresent, readReport, readReportClusterView, readReportFact, readReportSummary } from "../document-codec";
import type { KindCounts, ReportQuery, ReportStore, ReporterOfReport } from "../../../ports/report-store";
import type { CompareAndSwap } from "./compare-and-swap";
import { ClassifyQueue, ORPHAN_GRACE_MS, needsClassification, type ClassifyQueueDoc } from "./classify-queue";
import { InsertBatcher } from "./insert-batcher";
import { guard } from "./mongo-errors";
import { reportFilter, reportSort } from "./report-filter";
import type { ReportNumbers } from "./report-numbers";

export type ReportDoc = Report & { _id: string };
export type { CounterDoc } from "./report-numbers";

const INSERT_BATCH = 1000;
/**
 * The fields of ReportSummary (src/domain/report-summary.ts), so the server sends only those.
 * classification and history go whole: a sub-field projection of a null classification drops the
 * field instead of keeping the null, and array sub-field projections differ between servers.
 */
const SUMMARY_PROJECTION = {
  _id: 1,
  id: 1,
  seq: 1,
  createdAt: 1,
  status: 1,
  classification: 1,
  clusterId: 1,
  acknowledgedAt: 1,
  resolvedAt: 1,
  history: 1,
  safetyEvent: 1,
} as const;
/** The fields of ReportClusterView (classification and history whole, for the reasons above). */
const CLUSTER_VIEW_PROJECTION = {
  _id: 1,
  id: 1,
  clusterId: 1,
  status: 1,
  reporter: 1,
  text: 1,
  classification: 1,
  history: 1,
  clusterFeatures: 1,
} as const;
const CLAIM_CANDIDATES = 20;
/** The fields of ReportFact (classification whole, for the reasons above). */
const FACT_PROJECTION = {
  _id: 1,
  id: 1,
  createdAt: 1,
  status: 1,
  classification: 1,
  acknowledgedAt: 1,
  resolvedAt: 1,
} as const;
type FactDoc = Pick<ReportDoc, "_id" | "id" | "createdAt" | "status" | "classification"> & {
  acknowledgedAt?: unknown;
  resolvedAt?: unknown;
};

type ClusterViewDoc = Pick<
  ReportDoc,
  "_id" | "id" | "clusterId" | "status" | "reporter" | "text" | "classification"
> & {
  history?: { action?: unknown }[];
  clusterFeatures?: unknown;
};
const CLAIM_ROUNDS = 3;

export class MongoReportStore implements ReportStore {
  constructor(
    private readonly reports: Collection<ReportDoc>,
    private readonly numbers: ReportNumbers,
    private readonly queue: ClassifyQueue,
    private readonly cas: CompareAndSwap,
    private readonly logger: Logger,
  ) {
    this.inserts = new InsertBatcher(reports);
  }

  /** Concurrent intakes' report inserts, one round trip per batch (insert-batcher.ts). */
  private readonly inserts: InsertBatcher<ReportDoc>;

  /** See report-numbers.ts: unique allocation records, reserved in blocks sized by demand. */
  nextSeq(): Promise<number> {
    return guard("allocate a report number", () => this.numbers.next());
  }

  insert(report: Report): Promise<void> {
    return guard(`insert report ${report.id}`, async () => {
      // The queue entry first: a stored report always has one (see classify-queue.ts).
      await this.queue.add([report], new Date());
      if ((await this.inserts.insert({ ...report, _id: report.id })) === "duplicate")
        throw new AppError("STORAGE_CONFLICT", `insert report ${report.id}: already exists`);
      // A number this process allocated has raised the head already; others (imports) raise it here.
      await this.numbers.noteStored(report.seq);
    });
  }

  insertMany(reports: readonly Report[]): Promise<void> {
    return guard(`insert ${reports.length} report(s)`, async () => {
      for (let i = 0; i < reports.length; i += INSERT_BATCH) {
        const slice = reports.slice(i, i + INSERT_BATCH);
        await this.queue.add(slice, new Date());
        await this.reports.insertMany(
          slice.map((r) => ({ ...r, _id: r.id })),
          { ordered: true },
        );
      }
      const maxSeq = reports.reduce((max, r) => Math.max(max, r.seq), 0);
      if (maxSeq > 0) await this.numbers.noteStored(maxSeq);
    });
  }

  get(id: string): Promise<Report | null> {
    return guard("read a report", async () => {
      const doc = await this.reports.findOne({ _id: id });
      return doc ? readReport(doc, id, this.logger) : null;
    });
  }

  replace(next: Report, expectedVersion: number): Promise<boolean> {
    return guard(`update report ${next.id}`, async () => {
      if (next.version !== expectedVersion + 1) {
        throw new AppError(
          "INTERNAL",
          `replace(${next.id}): version must be ${expectedVersion + 1}, got ${next.version}`,
        );
      }
      const queued = needsClassification(next);
      // Back to the queue (reclassification): the entry exists before the report says so.
      if (queued) await this.queue.add([next], new Date());
      const won = await this.cas.replace(this.reports, next.id, "version", expectedVersion, { ...next, _id: next.id });
      // Done: off the queue. Best effort; a claim drops an entry whose report needs nothing.
      if (won && !queued) await this.queue.remove(next.id).catch(() => undefined);
      return won;
    });
  }

  /** From the queue (small), never by a query on the reports (see classify-queue.ts). */
  claimForClassification(owner: string, now: Date, leaseMs: number): Promise<Report | null> {
    return guard("claim a report for classification", async () => {
      for (let round = 0; round < CLAIM_ROUNDS; round++) {
        const entries = await this.queue.claimable(now, CLAIM_CANDIDATES);
        let contended = false;
        for (const entry of entries) {
          const outcome = await this.claimEntry(entry, owner, now, leaseMs);
          if (outcome === "contended") contended = true;
          else if (outcome !== "skip") return outcome;
        }
        if (!contended) return null;
      }
      return null;
    });
  }

  private async claimEntry(
    entry: ClassifyQueueDoc,
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<Report | "skip" | "contended"> {
    // The copy in the entry first: when it is current, the swap wins without reading the report.
    const guess = entry.report ? readReport(entry.report, entry._id, silentLogger) : null;
    if (guess && isClaimable(guess, now)) {
      const won = await this.claimReport(guess, owner, now, leaseMs);
      if (won) return won;
    }
    const doc = await this.reports.findOne({ _id: entry._id });
    if (!doc) {
      if (now.getTime() - entry.queuedAt.getTime() > ORPHAN_GRACE_MS) await this.queue.remove(entry._id);
      return "skip";
    }
    const current = readReport(doc, doc._id, this.logger);
    if (!current) {
      await this.quarantine(doc._id);
      return "skip";
    }
    if (!needsClassification(current)) {
      await this.queue.remove(current.id);
      return "skip";
    }
    if (!isClaimable(current, now)) {
      await this.queue.claimed(current); // the mirror was behind: skip it until its lease ends
      return "skip";
    }
    return (await this.claimReport(current, owner, now, leaseMs)) ?? "contended";
  }

  private async claimReport(current: Report, owner: string, now: Date, leaseMs: number): Promise<Report | null> {
    const claimed = claimedForClassification(current, owner, now, leaseMs);
    const won = await this.cas.replace(this.reports, current.id, "version", current.version, {
      ...claimed,
      _id: current.id,
    });
    if (!won) return null;
    await this.queue.claimed(claimed);
    return claimed;
  }

  find(query: ReportQuery): Promise<Report[]> {
    return guard("list reports", async () => {
      let cursor = this.reports.find(reportFilter(query)).sort(reportSort(query));
      if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
      const docs = query.limit === 0 ? [] : await cursor.toArray();
      return docs.map((doc) => readReport(doc, doc._id, this.logger)).filter(isPresent);
    });
  }

  count(query: ReportQuery): Promise<number> {
    return guard("count reports", () => this.reports.countDocuments(reportFilter(query)));
  }

  findSummaries(query: ReportQuery): Promise<ReportSummary[]> {
    return guard("list report summaries", async () => {
      if (query.limit === 0) return [];
      let cursor = this.reports.find(reportFilter(query), { projection: SUMMARY_PROJECTION }).sort(reportSort(query));
      if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
      const docs = await cursor.toArray();
      return docs.map((doc) => readReportSummary(doc, String(doc._id), this.logger)).filter(isPresent);
    });
  }

  findClusterViews(query: ReportQuery): Promise<ReportClusterView[]> {
    return guard("list reports for clustering", async () => {
      if (query.limit === 0) return [];
      let cursor = this.reports
        .find<ClusterViewDoc>(reportFilter(query), { projection: CLUSTER_VIEW_PROJECTION })
        .sort(reportSort(query));
      if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
      const docs = await cursor.toArray();
      return docs
        .map((doc) =>
          readReportClusterView(
            {
              id: doc.id,
              clusterId: doc.clusterId,
              status: doc.status,
              reporterRef: doc.reporter?.ref,
              text: doc.text,
              summary: doc.classification?.summary ?? null,
              unit: doc.classification?.location ?? null,
              actions: (doc.history ?? []).map((h) => h?.action),
              clusterFeatures: doc.clusterFeatures ?? null,
            },
            String(doc._id),
            this.logger,
          ),
        )
        .filter(isPresent);
    });
  }

  findFacts(query: ReportQuery): Promise<ReportFact[]> {
    return guard("list report facts", async () => {
      if (query.limit === 0) return [];
      let cursor = this.reports
        .find<FactDoc>(reportFilter(query), { projection: FACT_PROJECTION })
        .sort(reportSort(query));
      if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
      const docs = await cursor.toArray();
      return docs
        .map((doc) => {
          const c = doc.classification;
          return readReportFact(
            {
              id: doc.id,
              createdAt: doc.createdAt,
              status: doc.status,
              kind: c?.kind ?? null,
              system: c?.system ?? null,
              severity: c?.severity ?? null,
              unit: c?.location ?? null,
              patientSafety: c?.patientSafety === true,
              tags: c?.tags ?? [],
              acknowledgedAt: doc.acknowledgedAt ?? null,
              resolvedAt: doc.resolvedAt ?? null,
            },
            String(doc._id),
            this.logger,
          );
        })
        .filter(isPresent);
    });
  }

  findReporters(query: ReportQuery): Promise<ReporterOfReport[]> {
    return guard("list reporters", async () => {
      if (query.limit === 0) return [];
      let cursor = this.reports
        .find<Pick<ReportDoc, "_id" | "id" | "reporter">>(reportFilter(query), {
          projection: { _id: 1, id: 1, reporter: 1 },
        })
        .sort(reportSort(query));
      if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
      const out: ReporterOfReport[] = [];
      for (const doc of await cursor.toArray()) {
        const reporterRef: unknown = doc.reporter?.ref;
        if (typeof doc.id === "string" && typeof reporterRef === "string") out.push({ id: doc.id, reporterRef });
        else
          this.logger.error(
            { event: "store.document_invalid", collection: "report", id: String(doc._id) },
            "Skipping invalid report document",
          );
      }
      return out;
    });
  }

  /** One $group with ONE accumulator (FerretDB 1.24 gets every accumulator after the first wrong). */
  countByKind(query: ReportQuery): Promise<KindCounts> {
    return guard("count reports by kind", async () => {
      const groups = await this.reports
        .aggregate<{ _id: unknown; n: number }>([
          { $match: reportFilter(query) },
          { $group: { _id: "$classification.kind", n: { $sum: 1 } } },
        ])
        .toArray();
      const counts: KindCounts = {};
      for (const { _id: kind, n } of groups) {
        const key = typeof kind === "string" && KINDS.includes(kind as Kind) ? (kind as Kind) : "unclassified";
        counts[key] = (counts[key] ?? 0) + n;
      }
      return counts;
    });
  }

  /** An unreadable report leaves the classification queue instead of blocking it (the document stays for repair). */
  private async quarantine(id: string): Promise<void> {
    try {
      await this.reports.updateOne({ _id: id }, { $set: { "classifyJob.state": "invalid" } });
      await this.queue.remove(id);
    } catch (err) {
      this.logger.warn({ event: "store.quarantine_failed", id, err: String(err) }, `Could not quarantine report ${id}`);
    }
  }
}
