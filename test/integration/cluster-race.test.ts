/**
 * Matching reports classified at the same instant end up in ONE cluster: five classifications in
 * one instance (Promise.all), and six split over two instances (each its own store connection and
 * triage service) sharing one store. A barrier in the classifier releases every classification at
 * once, so each report is saved as classified before any of them looks for a cluster to join — the
 * race in which, without serialisation, each saw the others and they joined each other.
 */
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { clusterLeaseName } from "../../src/app/pipeline/cluster-lock";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseTriageConfig } from "../../src/config/triage-config";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Report } from "../../src/domain/report";
import type { Classifier, ClassifierOutput } from "../../src/ports/classifier";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildReport } from "../fixtures/build-report";
import { FakeClock } from "../support/intake-harness";
import { sharedStoreLegs, type SharedStore } from "../support/shared-store";
import { TEST_TRIAGE_CONFIG } from "./triage-harness";

const catalogue = loadCatalogue();
const NOW = new Date("2026-03-02T08:00:00Z");
const TEXTS = [
  "barcode scanner not reading wristbands on 4 West",
  "scanners won't read patient wristbands on 4 West since 7am",
  "wristband scanner not reading, 4 West med pass stuck",
  "barcode scanner on 4 West can't read any wristbands",
  "4 West: scanner not reading wristbands at all",
  "our barcode scanners stopped reading wristbands (4 West)",
];

/** Holds every call until `expected` calls are waiting, then answers them all at once. */
function barrier(expected: number): { wait(): Promise<void> } {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    wait: () => {
      arrived += 1;
      if (arrived >= expected) open();
      return opened;
    },
  };
}

function barrierClassifier(gate: { wait(): Promise<void> }): Classifier {
  return {
    name: "barrier",
    classify: async (text): Promise<ClassifierOutput> => {
      await gate.wait();
      return {
        result: {
          isReport: true,
          kind: "disruption",
          system: "bcma",
          severity: "high",
          patientSafety: false,
          location: "4 West",
          summary: `Barcode scanners not reading wristbands (${text.slice(0, 20)})`,
          tags: [],
          missing: [],
        },
        source: "offline",
        promptVersion: null,
        model: null,
        flaggedReason: null,
      };
    },
  };
}

/**
 * The store as seen over a slow network: every query reaches the server, and its answer comes back,
 * a little later. Concurrent classifications then all save before any looks for candidates, and
 * all read before any writes its decision: the race, every time, unless something serialises it.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowQueries(store: Store, ms: number): Store {
  const reports = new Proxy(store.reports, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== "find" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await pause(ms);
        const found = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await pause(ms);
        return found;
      };
    },
  });
  return new Proxy(store, {
    get: (target, prop, receiver) => (prop === "reports" ? reports : Reflect.get(target, prop, receiver)),
  });
}

/** One service instance: its own store connection, triage service and classifier. */
function instance(store: Store, clock: FakeClock, classifier: Classifier): IntakeDeps {
  const triage = createTriageService({
    store,
    config: parseTriageConfig(TEST_TRIAGE_CONFIG),
    clock,
    logger: silentLogger,
    catalogue,
    redactor: createRegexRedactor(catalogue),
  });
  return {
    store,
    redactor: createRegexRedactor(catalogue),
    gate: createOfflineClassifier(catalogue),
    classifier,
    triage,
    catalogue,
    clock,
    logger: silentLogger,
    anonymousSalt: "test-salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
  };
}

// FerretDB answers in tens of milliseconds anyway; a longer delay there keeps the race window open.
const { legs, skipReason } = sharedStoreLegs("cluster_race", (store, flavour) =>
  slowQueries(store, flavour === "mongodb" ? 60 : 20),
);
if (skipReason !== null)
  it.skip(`mongodb leg SKIPPED: ${skipReason}`, () => {
    // The reason is in the test name so it shows in the output.
  });

async function seedAndClaim(stores: Store[], count: number): Promise<Report[]> {
  const reports: Report[] = [];
  for (let i = 0; i < count; i++) {
    const seq = await stores[0]!.reports.nextSeq();
    reports.push(
      buildReport({
        seq,
        createdAt: new Date(NOW.getTime() - 60_000 + i),
        text: asRedacted(TEXTS[i % TEXTS.length]!),
        conversationKey: `teams:conv-${i}`,
        reporter: { ref: `teams:nurse-${i}`, anonymous: false, displayName: `Nurse ${i}` },
      }),
    );
  }
  await stores[0]!.reports.insertMany(reports);
  const claimed: Report[] = [];
  for (let i = 0; i < count; i++) {
    const store = stores[i % stores.length]!;
    const report = await store.reports.claimForClassification(`instance-${i % stores.length}`, NOW, 60_000);
    if (!report) throw new Error("nothing to claim");
    claimed.push(report);
  }
  return claimed;
}

/** Every report in one cluster whose head heads itself; exactly one routed card, the rest joined. */
async function expectOneCluster(store: Store, ids: string[]): Promise<void> {
  const reports = await Promise.all(ids.map(async (id) => (await store.reports.get(id))!));
  const heads = new Set(reports.map((r) => r.clusterId));
  expect(heads.size).toBe(1);
  const headId = [...heads][0]!;
  expect(ids).toContain(headId);
  const head = reports.find((r) => r.id === headId)!;
  expect(head.clusterId).toBe(head.id);
  expect(await store.reports.count({ clusterId: headId })).toBe(ids.length);
  const verbs = reports.map((r) => r.history.filter((h) => h.action === "routed" || h.action === "clustered"));
  for (const v of verbs) expect(v).toHaveLength(1);
  expect(verbs.flat().filter((h) => h.action === "routed")).toHaveLength(1);
  expect(head.history.some((h) => h.action === "routed")).toBe(true);
}

describe.each(legs)("concurrent matching reports form one cluster: %s", (name, open) => {
  let shared: SharedStore;
  beforeEach(async () => {
    shared = await open();
  });
  afterEach(async () => {
    await shared.dispose();
  });

  // The texts match each other whatever the store: the control runs on the embedded leg only.
  if (name.startsWith("embedded"))
    it("control: the same reports classified one at a time form one cluster", async () => {
      const clock = new FakeClock(NOW);
      const claimed = await seedAndClaim([shared.a], 5);
      const deps = instance(shared.a, clock, barrierClassifier(barrier(1)));
      for (const r of claimed) await classifyClaimedReport(deps, r);
      await expectOneCluster(
        shared.a,
        claimed.map((r) => r.id),
      );
    });

  it("five classified at once in one instance", async () => {
    const clock = new FakeClock(NOW);
    const claimed = await seedAndClaim([shared.a], 5);
    const deps = instance(shared.a, clock, barrierClassifier(barrier(5)));
    await Promise.all(claimed.map((r) => classifyClaimedReport(deps, r)));
    await expectOneCluster(
      shared.a,
      claimed.map((r) => r.id),
    );
  });

  it("two classified at once, one by each instance", async () => {
    const clock = new FakeClock(NOW);
    const claimed = await seedAndClaim([shared.a, shared.b], 2);
    const gate = barrier(2);
    const deps = [
      instance(shared.a, clock, barrierClassifier(gate)),
      instance(shared.b, clock, barrierClassifier(gate)),
    ];
    await Promise.all(claimed.map((r, i) => classifyClaimedReport(deps[i % 2]!, r)));
    await expectOneCluster(
      shared.b,
      claimed.map((r) => r.id),
    );
  });

  it("six classified at once by two instances sharing the store", async () => {
    const clock = new FakeClock(NOW);
    const claimed = await seedAndClaim([shared.a, shared.b], 6);
    const gate = barrier(6);
    const deps = [
      instance(shared.a, clock, barrierClassifier(gate)),
      instance(shared.b, clock, barrierClassifier(gate)),
    ];
    await Promise.all(claimed.map((r, i) => classifyClaimedReport(deps[i % 2]!, r)));
    await expectOneCluster(
      shared.b,
      claimed.map((r) => r.id),
    );
  });

  it("a cluster lease left by a dead instance delays filing by the bounded wait, never blocks it", async () => {
    const clock = new FakeClock(NOW);
    expect(await shared.b.leases.acquire(clusterLeaseName("bcma"), "dead-instance", NOW, 3_600_000)).toBe(true);
    const [claimed] = await seedAndClaim([shared.a], 1);
    const deps = instance(shared.a, clock, barrierClassifier(barrier(1)));
    const started = performance.now();
    await classifyClaimedReport(deps, claimed!);
    const waited = performance.now() - started;
    await expectOneCluster(shared.a, [claimed!.id]);
    expect(waited).toBeGreaterThanOrEqual(1_900);
    // The reporter still hears back.
    const queued = await shared.a.outbox.get(`intake:${claimed!.id}:classified`);
    expect(queued).not.toBeNull();
  });
});
