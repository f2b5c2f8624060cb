/**
 * The event-loop lag monitor that tells intake the service is over capacity: quiet when the loop
 * is free, "overloaded" while it is blocked past the threshold, quiet again once the window passed.
 */
import { createIntakeLoad, yieldToIntake } from "../../src/app/pipeline/intake-load";
import { createLoopLagMonitor } from "../../src/http/loop-lag";

const block = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: the event loop is held, as by work over capacity
  }
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether check() is false at some point within the deadline (polled every 50 ms, after at least 300). */
async function becomesFalse(check: () => boolean, deadlineMs: number): Promise<boolean> {
  await sleep(300);
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (!check()) return true;
    await sleep(50);
  }
  return !check();
}

describe("loop lag monitor", () => {
  it("reports overload while the loop lags past the threshold, and recovers after the window", async () => {
    const monitor = createLoopLagMonitor({ intervalMs: 10, windowMs: 300, thresholdMs: 80 });
    try {
      await sleep(100);
      expect(monitor.overloaded()).toBe(false);
      expect(monitor.lagMs()).toBeLessThan(80);
      block(200);
      await sleep(20); // the next tick sees the delay
      expect(monitor.lagMs()).toBeGreaterThanOrEqual(150);
      expect(monitor.overloaded()).toBe(true);
      // Recovers once a window passes without lag; on a loaded machine the monitor's own ticks can be
      // late too, so wait for it rather than for a fixed time.
      expect(await becomesFalse(() => monitor.overloaded(), 10_000)).toBe(true);
    } finally {
      monitor.stop();
    }
  });

  it("reports overload when many short tasks keep the loop busy, though it is never late by much", async () => {
    let intakeBusy = true;
    const monitor = createLoopLagMonitor({
      intervalMs: 10,
      windowMs: 300,
      thresholdMs: 80,
      maxUtilisation: 0.9,
      busyWithIntake: () => intakeBusy,
    });
    try {
      await sleep(100);
      expect(monitor.utilisation()).toBeLessThan(0.5);
      // 500 ms of 4 ms tasks, one after another, each letting timers run in between.
      const until = performance.now() + 500;
      while (performance.now() < until) {
        block(4);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(monitor.lagMs()).toBeLessThan(80);
      expect(monitor.utilisation()).toBeGreaterThan(0.9);
      expect(monitor.overloaded()).toBe(true);
      // The same busy loop, but its work is background work that intake let through: not overload.
      intakeBusy = false;
      expect(monitor.overloaded()).toBe(false);
      intakeBusy = true;
      expect(await becomesFalse(() => monitor.overloaded(), 10_000)).toBe(true);
    } finally {
      monitor.stop();
    }
  });

  it("learns from background work that gave up waiting for intake to go quiet", async () => {
    const load = createIntakeLoad();
    await yieldToIntake(load, 20);
    expect(load.starvedAt).toBe(Number.NEGATIVE_INFINITY);
    load.inFlight = 1;
    const before = performance.now();
    await yieldToIntake(load, 20);
    expect(load.starvedAt).toBeGreaterThanOrEqual(before + 15);
  });
});
