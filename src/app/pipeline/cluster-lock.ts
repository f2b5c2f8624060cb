/**
 * Serialises cluster assignment per system, so matching reports classified at the same instant
 * end up in one cluster instead of each starting (or joining the other's) cluster:
 * - within one instance, a per-key queue (no store round trips while waiting);
 * - across instances, a short store lease named `cluster:<system>`, polled until it is free.
 * Waiting is bounded: after `maxWaitMs` the work runs without the lock (and says so in the log),
 * because a report must never be lost or stuck behind a crashed holder.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { LeaseStore } from "../../ports/side-stores";

export interface ClusterLockOptions {
  /** How long a lease lasts if its holder dies without releasing it (default 10 s). */
  leaseTtlMs?: number;
  /** Longest wait for the lock, in-process queue and lease together (default 2 s). */
  maxWaitMs?: number;
  /** First pause between lease attempts; doubles up to 100 ms (default 10 ms). */
  retryMs?: number;
  /** Names this instance in lease owners (default: a random id). */
  instance?: string;
  /** Monotonic milliseconds, for the wait budget (default performance.now). */
  monotonicMs?: () => number;
}

export interface ClusterLock {
  /** Runs `fn` holding the lock for `system` (or without it, after the bounded wait). */
  run<T>(system: string, fn: () => Promise<T>): Promise<T>;
}

export interface ClusterLockDeps {
  store: { leases: LeaseStore };
  clock: Clock;
  logger: Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const clusterLeaseName = (system: string): string => `cluster:${system}`;

export function createClusterLock(deps: ClusterLockDeps, options: ClusterLockOptions = {}): ClusterLock {
  const leaseTtlMs = options.leaseTtlMs ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  const firstRetryMs = options.retryMs ?? 10;
  const instance = options.instance ?? randomUUID().slice(0, 8);
  const monotonic = options.monotonicMs ?? (() => performance.now());
  /** Tail of each key's in-process queue. */
  const tails = new Map<string, Promise<void>>();

  /** Waits for the previous holder in this process, at most until the deadline. */
  async function waitLocal(previous: Promise<void>, deadline: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadline - monotonic()));
    });
    try {
      return await Promise.race([previous.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Polls the store lease until it is ours or the deadline passes. */
  async function acquireLease(name: string, owner: string, deadline: number): Promise<boolean> {
    let pause = firstRetryMs;
    for (;;) {
      try {
        if (await deps.store.leases.acquire(name, owner, deps.clock.now(), leaseTtlMs)) return true;
      } catch (err) {
        deps.logger.warn({ lease: name, err: (err as Error).message }, "cluster lease: acquire failed");
      }
      const left = deadline - monotonic();
      if (left <= 0) return false;
      await sleep(Math.min(left, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 2, 100);
    }
  }

  return {
    async run<T>(system: string, fn: () => Promise<T>): Promise<T> {
      const name = clusterLeaseName(system);
      const started = monotonic();
      const deadline = started + maxWaitMs;
      const previous = tails.get(name) ?? Promise.resolve();
      let releaseLocal!: () => void;
      const mine = new Promise<void>((resolve) => (releaseLocal = resolve));
      const tail = previous.then(() => mine);
      tails.set(name, tail);
      const owner = `${instance}:${randomUUID()}`;
      let leased = false;
      try {
        const localOk = await waitLocal(previous, deadline);
        leased = localOk && (await acquireLease(name, owner, deadline));
        if (!leased) {
          deps.logger.warn(
            { lease: name, waitedMs: Math.round(monotonic() - started), queued: !localOk },
            "cluster lock not had in time; clustering without it",
          );
        }
        return await fn();
      } finally {
        if (leased) {
          await deps.store.leases.release(name, owner).catch((err: unknown) => {
            deps.logger.warn({ lease: name, err: (err as Error).message }, "cluster lease: release failed");
          });
        }
        releaseLocal();
        if (tails.get(name) === tail) tails.delete(name);
      }
    },
  };
}
