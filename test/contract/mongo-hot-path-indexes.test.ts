/**
 * MongoDB hot path by key, not by scan: every query on the intake → classify → route → outbox path
 * (as the store's own filter builders make it) has an index whose leading keys bound it (equality
 * fields, then at most one range), and init() creates the index list on the server, idempotently.
 * On a real MongoDB (MONGODB_URI) the server's own plans are checked too: no collection scan.
 * FerretDB 1.24 on SQLite answers only `_id` look-ups by index (it scans otherwise, whatever the
 * indexes), so there only the index list is checked.
 */
import { MongoClient, type Document } from "mongodb";
import { COLLECTIONS, INDEXES, type IndexSpec } from "../../src/adapters/store/mongo/indexes";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import { DUE_SORT, dueFilter } from "../../src/adapters/store/mongo/mongo-outbox";
import { claimableFilter, reportFilter, reportSort } from "../../src/adapters/store/mongo/report-filter";
import { OPEN_STATUSES } from "../../src/domain/status";
import { silentLogger } from "../../src/ports/logger";
import { mongoTestTarget, randomTestDbName } from "../support/mongo-server";

const NOW = new Date("2026-03-02T09:00:00Z");
const HOUR_AGO = new Date(NOW.getTime() - 3_600_000);

interface HotQuery {
  what: string;
  collection: string;
  filter: Document;
  sort?: Document;
  /** The index that must bound it. */
  index: string;
}

const clusterCandidates = {
  system: "ehr",
  statusIn: OPEN_STATUSES,
  createdFrom: HOUR_AGO,
  classified: true,
  sort: "createdDesc",
  limit: 300,
} as const;

const HOT_PATH: HotQuery[] = [
  {
    what: "classification claim",
    collection: COLLECTIONS.reports,
    filter: claimableFilter(NOW),
    sort: { createdAt: 1, seq: 1 },
    index: "classify_lease",
  },
  {
    what: "cluster candidates (same system, open, recent)",
    collection: COLLECTIONS.reports,
    filter: reportFilter(clusterCandidates),
    sort: reportSort(clusterCandidates) as Document,
    index: "status_system_created",
  },
  {
    what: "cluster size and its reporters",
    collection: COLLECTIONS.reports,
    filter: reportFilter({ clusterId: "R-0001" }),
    index: "cluster_created",
  },
  {
    what: "spike window count",
    collection: COLLECTIONS.reports,
    filter: reportFilter({ system: "ehr", classified: true, createdFrom: HOUR_AGO }),
    index: "system_created",
  },
  {
    what: "a reporter's newest report (short answers)",
    collection: COLLECTIONS.reports,
    filter: reportFilter({ reporterRef: "slack:U1", sort: "createdDesc", limit: 1 }),
    sort: reportSort({ sort: "createdDesc" }) as Document,
    index: "reporter_created",
  },
  {
    what: "a reporter's open question",
    collection: COLLECTIONS.reports,
    filter: reportFilter({ reporterRef: "slack:U1", intakeStage: "asking", sort: "createdDesc", limit: 1 }),
    index: "reporter_created",
  },
  {
    what: "outbox claim",
    collection: COLLECTIONS.outbox,
    filter: dueFilter(NOW),
    sort: DUE_SORT as Document,
    index: "state_due",
  },
];

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !(v instanceof Date) && Object.keys(v).every((k) => k.startsWith("$"));

/** Fields a branch fixes (equality or $in) and bounds ($gt/$gte/$lt/$lte). $ne and the like bound nothing. */
function fieldsOf(branch: Document): { equal: Set<string>; range: Set<string> } {
  const equal = new Set<string>();
  const range = new Set<string>();
  for (const [field, value] of Object.entries(branch)) {
    if (field.startsWith("$")) continue;
    if (!isOperatorObject(value)) equal.add(field);
    else if ("$in" in value) equal.add(field);
    else if (["$gt", "$gte", "$lt", "$lte"].some((op) => op in value)) range.add(field);
  }
  return { equal, range };
}

/** How many leading keys of the index bound the branch: equality fields, then at most one range field. */
function boundedPrefix(index: IndexSpec, branch: Document): number {
  const { equal, range } = fieldsOf(branch);
  let n = 0;
  for (const key of Object.keys(index.keys)) {
    if (equal.has(key)) n += 1;
    else {
      if (range.has(key)) n += 1;
      break;
    }
  }
  return n;
}

/** The $or's branches (each must be bounded by an index of its own), or the filter itself. */
function branchesOf(filter: Document): Document[] {
  return Array.isArray(filter.$or) ? (filter.$or as Document[]) : [filter];
}

describe("MongoDB hot path: every query is bounded by an index", () => {
  it.each(HOT_PATH.map((q) => [q.what, q] as const))("%s", (_what, query) => {
    const indexes = INDEXES.filter((i) => i.collection === query.collection);
    for (const branch of branchesOf(query.filter)) {
      const best = Math.max(0, ...indexes.map((index) => boundedPrefix(index, branch)));
      expect({ branch, bounded: best > 0 }).toEqual({ branch, bounded: true });
    }
    const first = branchesOf(query.filter)[0]!;
    const chosen = indexes
      .map((index) => ({ name: index.name, prefix: boundedPrefix(index, first) }))
      .sort((a, b) => b.prefix - a.prefix)[0];
    expect(chosen?.name).toBe(query.index);
  });

  it("a filter on an unindexed field is caught (the check can fail)", () => {
    const indexes = INDEXES.filter((i) => i.collection === COLLECTIONS.reports);
    const scan = { "classification.summary": "printer offline" };
    expect(Math.max(...indexes.map((i) => boundedPrefix(i, scan)))).toBe(0);
  });
});

const target = mongoTestTarget();
const describeServer = target.uri === null ? describe.skip : describe;

describeServer(`MongoDB hot path on the server (${target.uri === null ? target.skipReason : target.flavor})`, () => {
  const uri = target.uri ?? "";
  const dbName = randomTestDbName("indexes");
  let admin: MongoClient;

  beforeAll(() => {
    admin = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    await admin
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await admin.close();
  });

  it("init() creates every index of the list, and a second init() changes nothing", async () => {
    for (let round = 0; round < 2; round++) {
      const store = createMongoStore({ uri, dbName, logger: silentLogger, serverSelectionTimeoutMS: 5000 });
      await store.init();
      await store.close();
    }
    for (const collection of new Set(INDEXES.map((i) => i.collection))) {
      const listed = await admin.db(dbName).collection(collection).listIndexes().toArray();
      const wanted = INDEXES.filter((i) => i.collection === collection);
      for (const index of wanted) {
        const found = listed.find((l) => l.name === index.name);
        expect({ collection, name: found?.name, key: found?.key }).toEqual({
          collection,
          name: index.name,
          key: index.keys,
        });
        expect(Boolean(found?.unique)).toBe(index.unique ?? false);
      }
      // Nothing but the list and _id_: no duplicate index from the second init.
      expect(listed.map((l) => l.name as string).sort()).toEqual(["_id_", ...wanted.map((i) => i.name)].sort());
    }
  });

  const realMongo = !/ferret/i.test(target.uri === null ? "" : `${target.flavor} ${uri}`);
  (realMongo ? it : it.skip)("the server plans each hot-path query without a collection scan", async () => {
    for (const query of HOT_PATH) {
      let cursor = admin.db(dbName).collection(query.collection).find(query.filter);
      if (query.sort) cursor = cursor.sort(query.sort);
      const plan = JSON.stringify(await cursor.explain("queryPlanner"));
      expect({ query: query.what, scans: plan.includes("COLLSCAN") }).toEqual({ query: query.what, scans: false });
    }
  });
});
