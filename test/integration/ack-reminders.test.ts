/** Reminders until acknowledged: per severity, once each, escalated, quiet hours, two instances. */
import { remindUnacknowledgedOnce } from "../../src/app/triage/ack-reminders";
import type { TriageDeps } from "../../src/app/triage/triage-deps";
import { parseTriageConfig } from "../../src/config/triage-config";
import { silentLogger } from "../../src/ports/logger";
import { buildClassifiedReport } from "../fixtures/build-report";
import { mrnRedactor } from "../support/intake-harness";
import { sharedStoreLegs, type SharedStore } from "../support/shared-store";
import { TEST_TRIAGE_CONFIG, TRIAGER_1, createTriageHarness, type Harness } from "./triage-harness";

const MIN = 60_000;

describe("reminders until acknowledged", () => {
  let h: Harness;
  const remind = (config: unknown = TEST_TRIAGE_CONFIG): Promise<boolean> =>
    remindUnacknowledgedOnce({
      store: h.store,
      config: parseTriageConfig(config),
      clock: h.clock,
      logger: silentLogger,
      redactor: mrnRedactor,
      timeZone: "UTC",
    });
  /** The reminder keys queued for these reports (every step, both destinations of the test config). */
  const reminders = async (...ids: string[]): Promise<string[]> => {
    const keys = ids.flatMap((id) =>
      [1, 2].flatMap((step) => ["slack:C0TRIAGE", "slack:C0ONCALL"].map((d) => `remind:${id}:${step}:${d}`)),
    );
    const found = await Promise.all(keys.map(async (key) => ((await h.store.outbox.get(key)) ? key : null)));
    return found.filter((k): k is string => k !== null);
  };

  beforeEach(async () => {
    h = await createTriageHarness();
    h.clock.set(new Date("2026-11-25T10:00:00Z")); // a Wednesday
  });
  afterEach(() => h.close());

  it("a high report reminds its triage channel once after 2 h, escalates once after 4 h", async () => {
    const { report } = await h.file("scanner dead", { system: "bcma", severity: "high" });
    h.clock.advance(119 * MIN);
    expect(await remind()).toBe(false);
    h.clock.advance(2 * MIN);
    expect(await remind()).toBe(true);
    expect(await remind()).toBe(false);
    expect(await reminders(report.id)).toEqual([`remind:${report.id}:1:slack:C0TRIAGE`]);
    h.clock.advance(120 * MIN);
    await remind();
    await remind();
    expect(await reminders(report.id)).toEqual([
      `remind:${report.id}:1:slack:C0TRIAGE`,
      `remind:${report.id}:2:slack:C0ONCALL`,
    ]);
    await h.drain();
    const sent = h.senders.slack.sent.map((s) => s.message.title ?? "");
    expect(sent.filter((t) => t.startsWith("⏰"))).toEqual([
      `⏰ ${report.id} is waiting for someone: not acknowledged for 2 h 1 min`,
      `⏰ Escalated: ${report.id} still not acknowledged after 4 h 1 min`,
    ]);
  });

  it("an acknowledged report, a low report and a cluster member are never reminded", async () => {
    const acked = await h.file("cabinet jams", { system: "dispensing_cabinet", severity: "critical" });
    await h.triage.handleCommand(TRIAGER_1, `ack ${acked.report.id}`);
    const low = await h.file("font too small on the MAR", { system: "ehr", severity: "low" });
    const head = await h.file("scanner on 4 West dead again", { system: "bcma", severity: "high" });
    const member = await h.file("scanner on 4 West dead", { system: "bcma", severity: "high" });
    expect(member.report.id).not.toBe(head.report.id);
    expect((await h.store.reports.get(member.report.id))?.clusterId).toBe(head.report.id);
    h.clock.advance(3 * 24 * 60 * MIN);
    await remind();
    expect(await reminders(acked.report.id, low.report.id, member.report.id)).toEqual([]);
    // Found already past twice its time (after a quiet weekend, say): the escalation alone, no late reminder.
    expect(await reminders(head.report.id)).toEqual([`remind:${head.report.id}:2:slack:C0ONCALL`]);
  });

  it("quiet hours and weekends hold back all but critical reports", async () => {
    const quiet = {
      ...TEST_TRIAGE_CONFIG,
      reminders: { quietHours: { start: "20:00", end: "07:00" }, businessDaysOnly: true },
    };
    h.clock.set(new Date("2026-11-25T19:00:00Z"));
    const high = await h.file("scanner dead", { system: "bcma", severity: "high" });
    const critical = await h.file("pump library heparin 10x", { system: "infusion_pump", severity: "critical" });
    h.clock.set(new Date("2026-11-25T22:00:00Z")); // night
    await remind(quiet);
    expect(await reminders(high.report.id, critical.report.id)).toEqual([
      `remind:${critical.report.id}:2:slack:C0ONCALL`,
    ]);
    h.clock.set(new Date("2026-11-26T07:30:00Z")); // morning: the high one is due now
    await remind(quiet);
    expect(await reminders(high.report.id)).toContain(`remind:${high.report.id}:2:slack:C0ONCALL`);
    expect(parseTriageConfig(quiet).reminders.afterMinutes.high).toBe(120);
  });

  it("rejects a quiet-hours time that is not a time of day", () => {
    expect(() =>
      parseTriageConfig({ ...TEST_TRIAGE_CONFIG, reminders: { quietHours: { start: "8pm", end: "07:00" } } }),
    ).toThrow(/reminders\.quietHours\.start/);
  });
});

const { legs, skipReason } = sharedStoreLegs("ack_reminders");
if (skipReason !== null)
  it.skip(`mongodb leg SKIPPED: ${skipReason}`, () => {
    // The reason is in the test name so it shows in the output.
  });

describe.each(legs)("reminders are sent exactly once by two instances: %s", (_name, open) => {
  let shared: SharedStore;
  beforeEach(async () => {
    shared = await open();
  });
  afterEach(() => shared.dispose());

  it("two instances sweeping at the same moment queue one reminder per step and destination", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const report = buildClassifiedReport(
      { seq: 7, createdAt: new Date(now.getTime() - 20 * MIN) },
      { severity: "critical", system: "infusion_pump" },
    );
    await shared.a.reports.insert(report);
    const deps = (store: SharedStore["a"]): TriageDeps => ({
      store,
      config: parseTriageConfig(TEST_TRIAGE_CONFIG),
      clock: { now: () => now },
      logger: silentLogger,
      redactor: mrnRedactor,
    });
    const first = await Promise.all([
      remindUnacknowledgedOnce(deps(shared.a)),
      remindUnacknowledgedOnce(deps(shared.b)),
    ]);
    expect(first.filter(Boolean)).toHaveLength(1);
    // Exactly once: a third sweep finds the key taken and queues nothing; no escalation yet.
    expect(await remindUnacknowledgedOnce(deps(shared.b))).toBe(false);
    expect(await shared.a.outbox.get(`remind:${report.id}:1:slack:C0TRIAGE`)).not.toBeNull();
    expect(await shared.b.outbox.get(`remind:${report.id}:2:slack:C0ONCALL`)).toBeNull();
  });
});
