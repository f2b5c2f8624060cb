/** The cluster lock: in-process queue per system, store lease across instances, bounded wait. */
import { clusterLeaseName, createClusterLock } from "../../src/app/pipeline/cluster-lock";
import type { LeaseStore } from "../../src/ports/side-stores";
import { capturingLogger } from "../contract/store-under-test";

/** Leases in memory, with the LeaseStore semantics (free, expired, or already the owner's). */
class MemoryLeases implements LeaseStore {
  readonly held = new Map<string, { owner: string; until: number }>();
  failing = false;
  async acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
    if (this.failing) throw new Error("store down");
    const lease = this.held.get(name);
    if (lease && lease.owner !== owner && lease.until > now.getTime()) return false;
    this.held.set(name, { owner, until: now.getTime() + ttlMs });
    return true;
  }
  async release(name: string, owner: string): Promise<void> {
    if (this.failing) throw new Error("store down");
    if (this.held.get(name)?.owner === owner) this.held.delete(name);
  }
}

const clock = { now: () => new Date("2026-03-02T08:00:00Z") };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(maxWaitMs = 2_000) {
  const leases = new MemoryLeases();
  const logger = capturingLogger();
  const lock = createClusterLock({ store: { leases }, clock, logger }, { maxWaitMs, instance: "test" });
  return { leases, logger, lock };
}

describe("cluster lock", () => {
  it("runs work for one system one at a time, in arrival order, and holds the lease meanwhile", async () => {
    const { leases, lock } = setup();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`start ${name}`);
      expect(leases.held.get(clusterLeaseName("bcma"))?.owner).toMatch(/^test:/);
      await pause(5);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all(["a", "b", "c"].map((n) => lock.run("bcma", work(n))));
    expect(results).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(leases.held.size).toBe(0);
  });

  it("different systems do not wait for each other", async () => {
    const { lock } = setup();
    const events: string[] = [];
    let releaseEhr!: () => void;
    const ehr = lock.run("ehr", async () => {
      events.push("ehr start");
      await new Promise<void>((resolve) => (releaseEhr = resolve));
      events.push("ehr end");
    });
    await lock.run("bcma", async () => {
      events.push("bcma");
    });
    releaseEhr();
    await ehr;
    expect(events).toEqual(["ehr start", "bcma", "ehr end"]);
  });

  it("waits for another instance's lease and takes it once released", async () => {
    const { leases, lock, logger } = setup();
    await leases.acquire(clusterLeaseName("bcma"), "other", clock.now(), 60_000);
    setTimeout(() => void leases.release(clusterLeaseName("bcma"), "other"), 50);
    let owner: string | undefined;
    await lock.run("bcma", async () => {
      owner = leases.held.get(clusterLeaseName("bcma"))?.owner;
    });
    expect(owner).toMatch(/^test:/);
    expect(logger.entries.filter((e) => e.level === "warn")).toEqual([]);
  });

  it("a lease that is never released delays the work by the bounded wait, then it runs and says so", async () => {
    const { leases, lock, logger } = setup(80);
    await leases.acquire(clusterLeaseName("bcma"), "dead", clock.now(), 3_600_000);
    const started = performance.now();
    expect(await lock.run("bcma", async () => "filed")).toBe("filed");
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(leases.held.get(clusterLeaseName("bcma"))?.owner).toBe("dead");
    expect(logger.entries.some((e) => e.msg === "cluster lock not had in time; clustering without it")).toBe(true);
  });

  it("a stuck holder in this process delays the next by the bounded wait only", async () => {
    const { lock } = setup(50);
    let releaseStuck!: () => void;
    const stuck = lock.run("bcma", () => new Promise<void>((resolve) => (releaseStuck = resolve)));
    expect(await lock.run("bcma", async () => "filed")).toBe("filed");
    releaseStuck();
    await stuck;
  });

  it("a failing lease store does not stop the work; errors propagate from the work itself", async () => {
    const { leases, lock } = setup(30);
    leases.failing = true;
    expect(await lock.run("bcma", async () => "filed")).toBe("filed");
    leases.failing = false;
    await expect(
      lock.run("bcma", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    // The lock was released despite the error.
    expect(leases.held.size).toBe(0);
    expect(await lock.run("bcma", async () => "next")).toBe("next");
  });
});
