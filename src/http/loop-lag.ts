/**
 * Is the event loop over capacity? For load shedding, two signs, each over the last `windowMs`:
 * - lag: a timer every `intervalMs` notes by how much it fired late (a long task held the loop);
 * - utilisation (performance.eventLoopUtilization): the share of time the loop was busy. Saturated
 *   by many short tasks the loop is never late by much, yet it takes requests off the sockets more
 *   slowly than they arrive, and they wait unseen in the kernel (measured: at 500 Slack events/s the
 *   handler answered each within 325 ms while a third of them had waited 3–5 s before it saw them).
 * Past either threshold the intake refuses new work with a retryable answer, cheaply, until the
 * loop has caught up — so the answers stay within the platform's deadline instead of all arriving
 * late. The timer is unref'd: it never keeps the process alive.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export interface LoopLagMonitor {
  /** The longest lateness seen within the window, in ms. */
  lagMs(): number;
  /** The event loop's busy share over the window, 0–1. */
  utilisation(): number;
  /** lagMs() or utilisation() past its threshold. */
  overloaded(): boolean;
  stop(): void;
}

export interface LoopLagOptions {
  intervalMs?: number;
  windowMs?: number;
  thresholdMs?: number;
  /** Busy share of the window past which the loop counts as saturated (default 0.97; 1 or more: never). */
  maxUtilisation?: number;
  /**
   * Whether the busy share is intake's own (main.ts: background work had to give up waiting for
   * intake to go quiet within the window). Background work fills every idle moment of a loop that
   * keeps up, so utilisation alone says nothing; default: always intake's.
   */
  busyWithIntake?: () => boolean;
}

export function createLoopLagMonitor(options: LoopLagOptions = {}): LoopLagMonitor {
  const intervalMs = options.intervalMs ?? 20;
  const windowMs = options.windowMs ?? 1000;
  const thresholdMs = options.thresholdMs ?? 150;
  const maxUtilisation = options.maxUtilisation ?? 0.97;
  /** Utilisation snapshots at the ticks of the window, oldest first. */
  let snapshots: [number, EventLoopUtilization][] = [[performance.now(), performance.eventLoopUtilization()]];
  /** [when, lag] of recent ticks that were late by more than an interval (the others say nothing). */
  let late: [number, number][] = [];
  let expected = performance.now() + intervalMs;
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = now - expected;
    expected = now + intervalMs;
    if (lag > intervalMs) late.push([now, lag]);
    if (late.length > 0 && late[0]![0] < now - windowMs) late = late.filter(([at]) => at >= now - windowMs);
    snapshots.push([now, performance.eventLoopUtilization()]);
    const cut = snapshots.findIndex(([at]) => at >= now - windowMs);
    // Keep one snapshot at or before the window's start, so the window is always covered.
    if (cut > 1) snapshots = snapshots.slice(cut - 1);
  }, intervalMs);
  timer.unref?.();
  const lagMs = (): number => {
    const since = performance.now() - windowMs;
    // The tick that is due but has not run yet is late too (a loop blocked right now).
    let worst = Math.max(0, performance.now() - expected);
    for (const [at, lag] of late) if (at >= since && lag > worst) worst = lag;
    return worst;
  };
  const utilisation = (): number => {
    const first = snapshots[0]![1];
    return performance.eventLoopUtilization(performance.eventLoopUtilization(), first).utilization;
  };
  return {
    lagMs,
    utilisation,
    overloaded: () =>
      lagMs() > thresholdMs ||
      (maxUtilisation < 1 && utilisation() > maxUtilisation && (options.busyWithIntake?.() ?? true)),
    stop: () => clearInterval(timer),
  };
}
