/** ReportStore on MongoDB: documents keyed by report id, every change a guarded compare-and-swap. */
import type { Collection } from "mongodb";
import { AppError } from "../../../domain/errors";
import { claimedForClassification, type Report } from "../../../domain/report";
import type { Logger } from "../../../ports/logger";
import type { ReportClusterView } from "../../../domain/report-cluster-view";
import type { ReportSummary } from "../../../domain/report-summary";
import { KINDS, type Kind } from "../../../domain/taxonomy";
import type { ReportFact } from "../../../domain/report-fact";
import { isPresent, readReport, readReportClusterView, readReportFact, readReportSummary } from "../document-codec";
import type { KindCounts, ReportQuery, ReportStore, ReporterOfReport } from "../../../ports/report-store";
import type { CompareAndSwap } from "./compare-and-swap";
import { guard, isDuplicateKey } from "./mongo-errors";
import { claimableFilter, reportFilter, reportSort } from "./report-filter";

export type ReportDoc = Report & { _id: string };
/** `_id: "reports"` holds the highest number handed out; `_id: "reports#N"` records that N was taken. */
export interface CounterDoc {
  _id: string;
  value?: number;
}

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
    private readonly counters: Collection<CounterDoc>,
    private readonly cas: CompareAndSwap,
    private readonly logger: Logger,
  ) {}

  /**
   * Allocation by unique insert (atomic on every server): try head+1, and on a clash the next one.
   * The head is then raised with $max; it only speeds up the search, the allocation records decide.
   */
  /** Allocations from this process, one at a time (see nextSeq). */
  private seqQueue: Promise<unknown> = Promise.resolve();
  /** The last number this process allocated (the head may lag behind it on FerretDB). */
  private lastSeq = 0;

  /**
   * A number is taken by inserting `reports#N` into a unique index — the one step that is atomic on
   * MongoDB, Cosmos DB and FerretDB alike. Calls from one process go one at a time, so concurrent
   * reports in one instance don't race each other for the same number (only other instances can
   * collide, and a collision just moves on to the next number).
   */
  nextSeq(): Promise<number> {
    const allocation = this.seqQueue.then(() => this.allocateSeq());
    this.seqQueue = allocation.catch(() => undefined);
    return allocation;
  }

  private allocateSeq(): Promise<number> {
    return guard("allocate a report number", async () => {
      // The head also moves when reports are inserted with their own numbers (seeding, imports).
      let candidate = Math.max(this.lastSeq, await this.head()) + 1;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.counters.insertOne({ _id: `reports#${candidate}` });
          break;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt > 1000) throw err;
          candidate = attempt % 10 === 9 ? Math.max(candidate, await this.head()) + 1 : candidate + 1;
        }
      }
      this.lastSeq = candidate;
      // Not awaited: the head only speeds up the search (the allocation records decide), so the
      // next allocation need not wait for it. One round trip fewer on the serialized path.
      this.raiseHead(candidate).catch((err: unknown) =>
        this.logger.debug({ seq: candidate, err: String(err) }, "report number head not raised (harmless)"),
      );
      return candidate;
    });
  }

  insert(report: Report): Promise<void> {
    return guard(`insert report ${report.id}`, async () => {
      await this.reports.insertOne({ ...report, _id: report.id });
      // A number this process allocated has raised the head already; others (imports) raise it here.
      if (report.seq > this.lastSeq) await this.raiseHead(report.seq);
    });
  }

  insertMany(reports: readonly Report[]): Promise<void> {
    return guard(`insert ${reports.length} report(s)`, async () => {
      for (let i = 0; i < reports.length; i += INSERT_BATCH) {
        const batch = reports.slice(i, i + INSERT_BATCH).map((r) => ({ ...r, _id: r.id }));
        await this.reports.insertMany(batch, { ordered: true });
      }
      const maxSeq = reports.reduce((max, r) => Math.max(max, r.seq), 0);
      if (maxSeq > 0) await this.raiseHead(maxSeq);
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
      return this.cas.replace(this.reports, next.id, "version", expectedVersion, { ...next, _id: next.id });
    });
  }

  claimForClassification(owner: string, now: Date, leaseMs: number): Promise<Report | null> {
    return guard("claim a report for classification", async () => {
      for (let round = 0; round < CLAIM_ROUNDS; round++) {
        const docs = await this.reports
          .find(claimableFilter(now))
          .sort({ createdAt: 1, seq: 1 })
          .limit(CLAIM_CANDIDATES)
          .toArray();
        let contended = false;
        for (const doc of docs) {
          const current = readReport(doc, doc._id, this.logger);
          if (!current) {
            await this.quarantine(doc._id);
            continue;
          }
          const claimed = claimedForClassification(current, owner, now, leaseMs);
          if (
            await this.cas.replace(this.reports, current.id, "version", current.version, {
              ...claimed,
              _id: current.id,
            })
          ) {
            return claimed;
          }
          contended = true;
        }
        if (!contended) return null;
      }
      return null;
    });
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
    } catch (err) {
      this.logger.warn({ event: "store.quarantine_failed", id, err: String(err) }, `Could not quarantine report ${id}`);
    }
  }

  private async head(): Promise<number> {
    const doc = await this.counters.findOne({ _id: "reports" });
    return doc?.value ?? 0;
  }

  private async raiseHead(seq: number): Promise<void> {
    const raise = () => this.counters.updateOne({ _id: "reports" }, { $max: { value: seq } }, { upsert: true });
    try {
      await raise();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await raise(); // two first-ever upserts raced; the document exists now
    }
  }
}
