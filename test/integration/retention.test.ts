/**
 * Retention with a fake clock, on the embedded store and on MongoDB (FerretDB), each with two
 * connections as two instances: closed reports past the window lose their text and reporter
 * references, open ones wait, counts and the audit trail remain, the digest of that old week still
 * renders, a dry run changes nothing, and two instances' schedulers run each scheduled time once.
 */
import { renderDigestText } from "../../src/adapters/digest/text";
import { buildDigest } from "../../src/app/digest/build-digest";
import { runRetention } from "../../src/app/admin/retention";
import { loadCatalogue } from "../../src/config/catalogue";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import { asRedacted } from "../../src/domain/redacted-text";
import { ERASED_REPORTER, ERASED_TEXT } from "../../src/domain/retention";
import type { Status } from "../../src/domain/status";
import { startRetentionScheduler } from "../../src/jobs/retention-scheduler";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildClassifiedReport } from "../fixtures/build-report";
import { FakeClock } from "../support/intake-harness";
import { sharedStoreLegs, type SharedStore } from "../support/shared-store";

const { legs, skipReason } = sharedStoreLegs("retention");
if (skipReason !== null)
  it.skip(`mongodb leg SKIPPED: ${skipReason}`, () => {
    // The reason is in the test name so it shows in the output.
  });

const WEEK = digestWindowForWeek("2026-W10", "UTC");
const DAYS = 90;

async function file(store: Store, text: string, status: Status, createdAt: Date, reporter: string) {
  const seq = await store.reports.nextSeq();
  const report = buildClassifiedReport(
    {
      seq,
      createdAt,
      updatedAt: createdAt,
      status,
      text: asRedacted(text),
      reporter: { ref: `slack:${reporter}`, anonymous: false, displayName: reporter },
      conversationKey: `slack:T1:${reporter}`,
      history: [{ at: createdAt, actor: `slack:${reporter}`, action: "reported", from: null, to: "new", note: text }],
    },
    { summary: text, location: "4 West", system: "ehr", kind: "disruption", tags: ["freeze"] },
  );
  await store.reports.insert(report);
  return report;
}

describe.each(legs)("retention: %s", (_name, open) => {
  let shared: SharedStore;
  beforeEach(async () => {
    shared = await open();
  });
  afterEach(async () => {
    await shared.dispose();
  });

  it("erases closed old reports' text and reporter; keeps counts, open reports, audit; the old digest renders", async () => {
    const { a: store } = shared;
    const inWeek = new Date(WEEK.from.getTime() + 86_400_000);
    const oldClosed = await file(store, "Epic froze for Ann Smith on 4 West", "resolved", inWeek, "UANN");
    const oldOpen = await file(store, "Pyxis on 4 West jammed", "acknowledged", inWeek, "UBO");
    const clock = new FakeClock(new Date(WEEK.from.getTime() + 30 * 86_400_000));
    const recent = await file(store, "label printer jammed on 5 East", "resolved", clock.now(), "UCY");
    const digestBefore = await buildDigest(
      { reports: store.reports, catalogue: loadCatalogue(), narrator: null, logger: silentLogger },
      WEEK,
      clock.now(),
    );

    // Not yet past the window: nothing goes.
    expect((await runRetention({ store, clock, logger: silentLogger, days: DAYS })).erased).toEqual([]);

    clock.advance(DAYS * 86_400_000);
    const dry = await runRetention({ store, clock, logger: silentLogger, days: DAYS, dryRun: true });
    expect(dry).toMatchObject({ erased: [oldClosed.id], keptOpen: [oldOpen.id] });
    expect((await store.reports.get(oldClosed.id))!.text).toBe(oldClosed.text);

    const run = await runRetention({ store, clock, logger: silentLogger, days: DAYS });
    expect(run).toMatchObject({ erased: [oldClosed.id], keptOpen: [oldOpen.id] });

    // Read through the other connection (the other instance): the text is gone from the store.
    const erased = (await shared.b.reports.get(oldClosed.id))!;
    expect(erased.text).toBe(ERASED_TEXT);
    expect(erased.classification!.summary).toBe(ERASED_TEXT);
    expect(erased.reporter).toEqual({ ref: ERASED_REPORTER, anonymous: false, displayName: null });
    expect(erased.conversationKey).toBeNull();
    expect(erased.history).toEqual([
      expect.objectContaining({ actor: ERASED_REPORTER, action: "reported", note: null }),
    ]);
    expect(JSON.stringify(erased)).not.toMatch(/Ann Smith|UANN/);
    expect(await shared.b.reports.find({ reporterRef: "slack:UANN" })).toEqual([]);
    // Kept: what the digest counts, open reports, recent reports.
    expect(erased.classification).toMatchObject({ kind: "disruption", system: "ehr", location: "4 West" });
    expect((await shared.b.reports.get(oldOpen.id))!.text).toBe(oldOpen.text);
    expect((await shared.b.reports.get(recent.id))!.text).toBe(recent.text);
    expect(await shared.b.audit.listForReport(oldClosed.id)).toEqual([
      expect.objectContaining({
        actor: "retention",
        action: "erased",
        note: `text and reporter references erased after ${DAYS} days`,
      }),
    ]);

    // The old week's digest still renders with the same counts.
    const digestAfter = await buildDigest(
      { reports: shared.b.reports, catalogue: loadCatalogue(), narrator: null, logger: silentLogger },
      WEEK,
      clock.now(),
    );
    expect(digestAfter.totals).toEqual(digestBefore.totals);
    expect(digestAfter.totals).toMatchObject({ reports: 2 });
    const text = renderDigestText(digestAfter);
    expect(text).toContain("2026-W10");
    expect(text).not.toContain("Ann Smith");

    // A second run finds nothing more.
    expect((await runRetention({ store, clock, logger: silentLogger, days: DAYS })).erased).toEqual([]);
  });

  it("two instances' schedulers run each scheduled time exactly once", async () => {
    const inWeek = new Date(WEEK.from.getTime() + 86_400_000);
    const old = await file(shared.a, "Epic froze on 4 West", "resolved", inWeek, "UANN");
    const clock = new FakeClock(new Date(inWeek.getTime() + (DAYS + 2) * 86_400_000));
    const common = { schedule: "30 3 * * *", timeZone: "UTC", days: DAYS, clock, logger: silentLogger, timers: false };
    const first = startRetentionScheduler({ ...common, store: shared.a, owner: "instance-a" });
    const second = startRetentionScheduler({ ...common, store: shared.b, owner: "instance-b" });
    const runs = await Promise.all([first.runDue(clock.now()), second.runDue(clock.now())]);
    const ran = runs.filter((r) => typeof r === "object" && r !== null);
    expect(ran).toHaveLength(1);
    expect(runs.filter((r) => r === "lease_held" || r === "already_ran")).toHaveLength(1);
    expect((await shared.b.reports.get(old.id))!.text).toBe(ERASED_TEXT);
    expect(await shared.a.audit.listForReport(old.id)).toHaveLength(1);
    // The same scheduled time again (later the same day): already run.
    clock.advance(3_600_000);
    expect(await second.runDue(clock.now())).toBe("already_ran");
  });
});
