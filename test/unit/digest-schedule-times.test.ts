/**
 * Fire times of DIGEST_SCHEDULE in DIGEST_TIMEZONE (croner), and the scheduler's own timer.
 */
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { cronTimes, scheduleProblems } from "../../src/jobs/cron-times";
import { startDigestScheduler } from "../../src/jobs/digest-scheduler";
import type { DigestWindow } from "../../src/domain/iso-week";
import { silentLogger } from "../../src/ports/logger";
import { systemClock } from "../../src/ports/clock";

describe("cron times", () => {
  const monday7 = (zone: string) => cronTimes("0 7 * * 1", zone);

  it("finds the latest fire at or before an instant, including the exact fire time", () => {
    const t = monday7("UTC");
    expect(t.latestAtOrBefore(new Date("2026-11-23T07:00:00Z"))?.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(t.latestAtOrBefore(new Date("2026-11-23T06:59:59Z"))?.toISOString()).toBe("2026-11-16T07:00:00.000Z");
    expect(t.nextAfter(new Date("2026-11-23T07:00:00Z"))?.toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });

  it("keeps 07:00 local across daylight-saving changes (Europe/Berlin)", () => {
    const t = monday7("Europe/Berlin");
    // Spring forward on Sunday 29 March 2026, fall back on Sunday 25 October 2026.
    expect(t.nextAfter(new Date("2026-03-24T00:00:00Z"))?.toISOString()).toBe("2026-03-30T05:00:00.000Z");
    expect(t.latestAtOrBefore(new Date("2026-03-30T04:59:59Z"))?.toISOString()).toBe("2026-03-23T06:00:00.000Z");
    expect(t.nextAfter(new Date("2026-10-20T00:00:00Z"))?.toISOString()).toBe("2026-10-26T06:00:00.000Z");
  });

  it("handles frequent and rare schedules", () => {
    expect(cronTimes("*/5 * * * *", "UTC").latestAtOrBefore(new Date("2026-01-01T00:07:00Z"))?.toISOString()).toBe(
      "2026-01-01T00:05:00.000Z",
    );
    expect(cronTimes("0 7 1 1 *", "UTC").latestAtOrBefore(new Date("2026-06-01T00:00:00Z"))?.toISOString()).toBe(
      "2026-01-01T07:00:00.000Z",
    );
  });

  it("lists every problem of a bad schedule", () => {
    expect(scheduleProblems("0 7 * * 1", "Europe/Berlin")).toEqual([]);
    expect(scheduleProblems("every monday", "UTC")).toEqual([expect.stringContaining("not a valid cron pattern")]);
    expect(scheduleProblems("0 0 30 2 *", "UTC")).toEqual([expect.stringContaining("never fires")]);
    expect(scheduleProblems("0 61 * * *", "Nowhere/Land")).toHaveLength(2);
  });
});

describe("scheduler timer", () => {
  it("fires on schedule with real timers and delivers once per period", async () => {
    const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    const delivered: DigestWindow[] = [];
    const scheduler = startDigestScheduler({
      schedule: "* * * * * *", // every second (6-field croner pattern)
      timeZone: "UTC",
      destinations: [{ channel: "slack", destination: "C1" }],
      store,
      owner: "timer-test",
      clock: systemClock,
      logger: silentLogger,
      catchUp: false,
      deliver: async (window, pending) => {
        delivered.push(window);
        for (const d of pending)
          await store.digestRuns.markSent(window.period, `${d.channel}:${d.destination}`, "timer-test", new Date());
        return pending.map((destination) => ({ destination, outcome: "sent" as const }));
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(delivered).toHaveLength(1);
    } finally {
      scheduler.stop();
      await store.close();
    }
  });
});
