/**
 * Several service instances classify from one store: two classification workers with different
 * owners, each on its own connection to the same store (one SQLite file; one MongoDB database),
 * race over 50 stored reports → each is classified exactly once. A report claimed by a worker that
 * died (claim, never finish) is claimed again once its lease expires, not before.
 */
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { loadCatalogue } from "../../src/config/catalogue";
import { asRedacted } from "../../src/domain/redacted-text";
import { startClassificationWorker } from "../../src/jobs/classification-worker";
import type { PollLoop } from "../../src/jobs/poll-loop";
import type { Classifier } from "../../src/ports/classifier";
import type { Clock } from "../../src/ports/clock";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildReport } from "../fixtures/build-report";
import { FakeClock } from "../support/intake-harness";
import { sharedStoreLegs, type SharedStore } from "../support/shared-store";

const catalogue = loadCatalogue();
const offline = createOfflineClassifier(catalogue);
const TEXTS = [
  "Epic freezes every time I open the MAR on 4 West",
  "label printer in the CVICU med room is jammed, no specimen labels",
  "Pyxis on 5 North won't open the narcotics drawer",
  "Vocera keeps dropping calls in the ED",
  "central monitor in PACU lost all the telemetry waveforms",
];

/** The offline classifier, a little slower, so both workers are busy at the same time. */
function slowed(classifier: Classifier, ms: number): Classifier {
  return {
    ...classifier,
    classify: async (text) => {
      await new Promise((r) => setTimeout(r, ms));
      return classifier.classify(text);
    },
  };
}

function instance(store: Store, clock: Clock, classifier: Classifier): IntakeDeps {
  return {
    store,
    redactor: createRegexRedactor(catalogue),
    gate: offline,
    classifier,
    triage: null,
    catalogue,
    clock,
    logger: silentLogger,
    anonymousSalt: "test-salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
  };
}

const { legs, skipReason } = sharedStoreLegs("restart");
if (skipReason !== null)
  it.skip(`mongodb leg SKIPPED: ${skipReason}`, () => {
    // The reason is in the test name so it shows in the output.
  });

async function seed(store: Store, count: number, createdAt: Date): Promise<string[]> {
  const reports = [];
  for (let i = 0; i < count; i++) {
    const seq = await store.reports.nextSeq();
    reports.push(
      buildReport({
        seq,
        createdAt: new Date(createdAt.getTime() + i),
        text: asRedacted(TEXTS[i % TEXTS.length]!),
        conversationKey: `teams:conv-${i}`,
      }),
    );
  }
  await store.reports.insertMany(reports);
  return reports.map((r) => r.id);
}

async function untilAllClassified(store: Store, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.reports.count({ classified: false })) > 0) {
    if (Date.now() > deadline) throw new Error("reports still unclassified after the deadline");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(legs)("classification across instances: %s", (_name, open) => {
  let shared: SharedStore;
  const loops: PollLoop[] = [];
  beforeEach(async () => {
    shared = await open();
  });
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop()));
    await shared.dispose();
  });

  it("two workers racing over 50 reports classify each exactly once", async () => {
    const ids = await seed(shared.a, 50, new Date("2026-03-02T08:00:00Z"));
    const clock: Clock = { now: () => new Date() };
    for (const [owner, store] of [
      ["instance-a", shared.a],
      ["instance-b", shared.b],
    ] as const) {
      loops.push(
        startClassificationWorker(instance(store, clock, slowed(offline, 5)), {
          owner,
          intervalMs: 20,
          leaseMs: 60_000,
          // Two claims in flight per instance: they race each other and the other instance.
          concurrency: 2,
        }),
      );
    }
    // FerretDB on a busy 2-core machine: ~50 ms a claim, ~100 ms a report; the embedded store < 1 s in all.
    await untilAllClassified(shared.a, 50_000);
    await Promise.all(loops.map((l) => l.idle()));

    const byOwner = new Map<string, number>();
    for (const id of ids) {
      const report = (await shared.b.reports.get(id))!;
      expect(report.classification).not.toBeNull();
      expect(report.history.filter((h) => h.action === "classified")).toHaveLength(1);
      expect(report.classifyJob).toMatchObject({ state: "done", attempts: 1 });
      const owner = report.classifyJob.claimedBy ?? "none";
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
    }
    // Both instances took part; between them they did all 50, none twice.
    expect([...byOwner.keys()].sort()).toEqual(["instance-a", "instance-b"]);
    expect((byOwner.get("instance-a") ?? 0) + (byOwner.get("instance-b") ?? 0)).toBe(50);
    // One confirmation per report queued to the reporter, not two.
    const queued = await shared.a.outbox.claimDue("probe", new Date(Date.now() + 60_000), 1000, 500);
    expect(queued.map((m) => m.key).sort()).toEqual(ids.map((id) => `intake:${id}:classified`).sort());
  }, 120_000);

  it("a report claimed by a worker that died is claimed again after its lease, not before", async () => {
    const clock = new FakeClock(new Date("2026-03-02T08:00:00Z"));
    const [id] = await seed(shared.a, 1, new Date("2026-03-02T07:59:00Z"));
    const leaseMs = 1_000;

    // Instance A claims it and dies (never finishes, never releases).
    const dead = await shared.a.reports.claimForClassification("instance-a", clock.now(), leaseMs);
    expect(dead?.id).toBe(id);

    const loop = startClassificationWorker(instance(shared.b, clock, offline), {
      owner: "instance-b",
      leaseMs,
      intervalMs: 20,
    });
    loops.push(loop);
    clock.advance(leaseMs - 1); // still within A's lease
    await loop.idle();
    const waiting = (await shared.b.reports.get(id!))!;
    expect(waiting.classification).toBeNull();
    expect(waiting.classifyJob).toMatchObject({ state: "claimed", claimedBy: "instance-a", attempts: 1 });

    clock.advance(2); // A's lease has expired
    loop.wake();
    await untilAllClassified(shared.b, 5_000);
    await loop.idle();
    const done = (await shared.a.reports.get(id!))!;
    expect(done.classification?.source).toBe("offline");
    expect(done.classifyJob).toMatchObject({ state: "done", claimedBy: "instance-b", attempts: 2 });
    expect(done.history.filter((h) => h.action === "classified")).toHaveLength(1);
  });
});
