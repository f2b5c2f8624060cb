/**
 * Acknowledgements first: the core counts the messages it is taking in, and background work (the
 * classification worker) waits, a little at a time and at most a bounded while per step, while
 * any are in flight. On a busy or shared machine the CPU then goes to answering nurses within
 * the platform's deadline; classification falls behind and catches up when the burst is over (a
 * report is always stored and acknowledged first; its classification may wait).
 */
import { yieldToLoop } from "./yield-to-loop";

export interface IntakeLoad {
  /** Messages being taken in right now (the core keeps this). */
  inFlight: number;
  /**
   * When background work last waited its longest for intake to go quiet and ran anyway
   * (performance.now(); -Infinity: never): intake alone is keeping the event loop busy.
   */
  starvedAt: number;
}

export function createIntakeLoad(): IntakeLoad {
  return { inFlight: 0, starvedAt: Number.NEGATIVE_INFINITY };
}

/** Longest a background step waits for intake to go quiet before it runs anyway (it must not starve). */
export const MAX_BACKGROUND_WAIT_MS = 100;
const POLL_MS = 2;

/** Lets the event loop run, then waits (up to maxWaitMs) while messages are being taken in. */
export async function yieldToIntake(load: IntakeLoad | undefined, maxWaitMs = MAX_BACKGROUND_WAIT_MS): Promise<void> {
  await yieldToLoop();
  if (!load) return;
  const until = performance.now() + maxWaitMs;
  while (load.inFlight > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  if (load.inFlight > 0) load.starvedAt = performance.now();
}
