/**
 * The weekly digest is sent exactly once per period and destination: two instances racing on one
 * store, restarts, catch-up after downtime, crashed claims, failed sends, and DST weeks.
 * Real embedded store (a SQLite file shared by two handles, like two service instances).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { buildDigest } from "../../src/app/digest/build-digest";
import { sendDigest, type DigestDestination } from "../../src/app/digest/send-digest";
import { defaultCatalogue } from "../../src/config/catalogue";
import { ConfigError } from "../../src/domain/errors";
import type { DigestWindow } from "../../src/domain/iso-week";
import { newReport } from "../../src/domain/report";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startDigestScheduler, type DigestScheduler } from "../../src/jobs/digest-scheduler";
import { RecordingSender } from "../fakes/recording-sender";

class FakeClock {
  private current: Date;
  constructor(iso: string) {
    this.current = new Date(iso);
  }
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

const destinations: DigestDestination[] = [
  { channel: "teams", destination: "19:cmio@thread.tacv2" },
  { channel: "slack", destination: "C0CMIO" },
];

interface Instance {
  owner: string;
  store: Store;
  teams: RecordingSender;
  slack: RecordingSender;
  windows: DigestWindow[];
  scheduler: DigestScheduler;
}

let dir: string;
const opened: Store[] = [];
const schedulers: DigestScheduler[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "digest-schedule-"));
});

afterEach(async () => {
  for (const s of schedulers.splice(0)) s.stop();
  for (const s of opened.splice(0)) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openStore(): Promise<Store> {
  const store = createEmbeddedStore({ dataDir: dir, logger: silentLogger });
  await store.init();
  opened.push(store);
  return store;
}

async function instance(
  owner: string,
  clock: FakeClock,
  options: { timeZone?: string; catchUp?: boolean; claimTtlMs?: number } = {},
): Promise<Instance> {
  const store = await openStore();
  const teams = new RecordingSender("teams");
  const slack = new RecordingSender("slack");
  const windows: DigestWindow[] = [];
  const deps = {
    store,
    senders: [teams, slack],
    catalogue: defaultCatalogue(),
    narrator: null,
    publicBaseUrl: "https://feedback.example.org",
    owner,
    clock,
    logger: silentLogger,
    claimTtlMs: options.claimTtlMs ?? 10 * 60_000,
  };
  const scheduler = startDigestScheduler({
    schedule: "0 7 * * 1",
    timeZone: options.timeZone ?? "UTC",
    destinations,
    store,
    owner,
    clock,
    logger: silentLogger,
    timers: false,
    catchUp: options.catchUp ?? false,
    deliver: (window, pending) => {
      windows.push(window);
      return sendDigest(deps, window, pending);
    },
  });
  schedulers.push(scheduler);
  return { owner, store, teams, slack, windows, scheduler };
}

const sends = (...instances: Instance[]) => instances.flatMap((i) => [...i.teams.sent, ...i.slack.sent]);

describe("digest scheduler", () => {
  it("sends once per destination when two instances fire at the same time", async () => {
    const clock = new FakeClock("2026-11-23T07:00:00Z");
    const a = await instance("instance-a", clock);
    const b = await instance("instance-b", clock);
    const at = clock.now();
    await Promise.all([a.scheduler.runDue(at), b.scheduler.runDue(at), a.scheduler.runDue(at)]);
    const all = sends(a, b);
    expect(all.map((s) => `${s.channel}:${s.target.destination}`).sort()).toEqual([
      "slack:C0CMIO",
      "teams:19:cmio@thread.tacv2",
    ]);
    expect(all.every((s) => s.message.title?.includes("2026-W47"))).toBe(true);
    expect(await a.store.digestRuns.sentPeriods("teams:19:cmio@thread.tacv2", 5)).toEqual(["2026-W47"]);
  });

  it("lets only one of two owners claim a run even without the lease", async () => {
    const clock = new FakeClock("2026-11-23T07:00:00Z");
    const a = await instance("instance-a", clock);
    const b = await instance("instance-b", clock);
    const racers = [a, b].map((i) =>
      sendDigest(
        {
          store: i.store,
          senders: [i.teams, i.slack],
          catalogue: defaultCatalogue(),
          narrator: null,
          publicBaseUrl: null,
          owner: i.owner,
          clock,
          logger: silentLogger,
        },
        {
          period: "2026-W47",
          from: new Date("2026-11-16T00:00:00Z"),
          to: new Date("2026-11-23T00:00:00Z"),
          timeZone: "UTC",
        },
        destinations,
      ),
    );
    const outcomes = (await Promise.all(racers)).flat().map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "in_progress" || o === "already_sent")).toHaveLength(2);
    expect(sends(a, b)).toHaveLength(2);
  });

  it("catches up once after downtime and never resends after a restart", async () => {
    const clock = new FakeClock("2026-11-16T07:00:05Z");
    const first = await instance("instance-a", clock);
    await first.scheduler.runDue(clock.now());
    expect(sends(first).map((s) => s.message.title)).toEqual([
      "CMIO weekly digest 2026-W46",
      "CMIO weekly digest 2026-W46",
    ]);
    first.scheduler.stop();

    // Down over Monday 23 Nov 07:00; back on Wednesday: the missed week is sent on start.
    clock.set("2026-11-25T10:30:00Z");
    const restarted = await instance("instance-a", clock, { catchUp: true });
    await restarted.scheduler.ready;
    expect(sends(restarted).map((s) => s.message.title)).toEqual([
      "CMIO weekly digest 2026-W47",
      "CMIO weekly digest 2026-W47",
    ]);
    expect(restarted.windows.map((w) => w.period)).toEqual(["2026-W47"]);

    // Another restart (and a second instance) later the same week: nothing is sent again.
    clock.set("2026-11-26T09:00:00Z");
    const again = await instance("instance-a", clock, { catchUp: true });
    const other = await instance("instance-b", clock, { catchUp: true });
    await Promise.all([again.scheduler.ready, other.scheduler.ready]);
    await again.scheduler.runDue(clock.now());
    expect(sends(again, other)).toHaveLength(0);
    expect(again.windows).toHaveLength(0);
  });

  it("sends after a claim left by a crashed instance expires", async () => {
    const clock = new FakeClock("2026-11-23T07:00:00Z");
    const crashed = await openStore();
    for (const d of destinations)
      expect(
        await crashed.digestRuns.claim("2026-W47", `${d.channel}:${d.destination}`, "crashed", clock.now(), 600_000),
      ).toBe("claimed");
    const survivor = await instance("instance-b", clock);
    clock.set("2026-11-23T07:05:00Z");
    const early = await survivor.scheduler.runDue(clock.now());
    expect(early?.results.map((r) => r.outcome)).toEqual(["in_progress", "in_progress"]);
    expect(sends(survivor)).toHaveLength(0);

    clock.set("2026-11-23T07:10:01Z");
    const late = await survivor.scheduler.runDue(clock.now());
    expect(late?.results.map((r) => r.outcome)).toEqual(["sent", "sent"]);
    expect(late?.period).toBe("2026-W47");
    expect(sends(survivor)).toHaveLength(2);
  });

  it("retries a failed send later and sends it exactly once", async () => {
    const clock = new FakeClock("2026-11-23T07:00:00Z");
    const a = await instance("instance-a", clock, { claimTtlMs: 60_000 });
    a.slack.failNext = 1;
    const first = await a.scheduler.runDue(clock.now());
    expect(first?.results.map((r) => r.outcome)).toEqual(["sent", "failed"]);
    const b = await instance("instance-b", clock);
    clock.set("2026-11-23T07:01:30Z");
    const second = await b.scheduler.runDue(clock.now());
    expect(second?.results.map((r) => `${r.destination.channel}=${r.outcome}`)).toEqual(["slack=sent"]);
    expect(
      sends(a, b)
        .map((s) => s.channel)
        .sort(),
    ).toEqual(["slack", "teams"]);
  });

  it("reads the schedule and the week in DIGEST_TIMEZONE across a DST change (Europe/Berlin)", async () => {
    const clock = new FakeClock("2026-03-30T04:59:00Z"); // 06:59 CEST: Monday's digest is not due yet
    const a = await instance("instance-a", clock, { timeZone: "Europe/Berlin" });
    const early = await a.scheduler.runDue(clock.now());
    expect(early?.period).toBe("2026-W12");
    expect(early?.scheduledAt.toISOString()).toBe("2026-03-23T06:00:00.000Z"); // 07:00 CET

    clock.set("2026-03-30T05:00:00Z"); // 07:00 CEST, the first Monday after the switch
    const due = await a.scheduler.runDue(clock.now());
    expect(due?.scheduledAt.toISOString()).toBe("2026-03-30T05:00:00.000Z");
    expect(due?.period).toBe("2026-W13");
    const window = a.windows[a.windows.length - 1];
    expect(window?.from.toISOString()).toBe("2026-03-22T23:00:00.000Z"); // Monday 00:00 CET
    expect(window?.to.toISOString()).toBe("2026-03-29T22:00:00.000Z"); // Monday 00:00 CEST (167 h)

    // Reports around the window's edges land in the right week.
    const at = async (seq: number, iso: string) =>
      a.store.reports.insert(
        newReport({
          seq,
          now: new Date(iso),
          channel: "teams",
          reporter: { ref: "teams:u1", anonymous: false, displayName: null },
          conversationKey: null,
          text: asRedacted("scanner down"),
          redactions: {},
          truncated: false,
          attachmentsDropped: 0,
        }),
      );
    await at(1, "2026-03-22T22:30:00Z"); // Sunday 23:30 CET: week 12
    await at(2, "2026-03-22T23:00:00Z"); // Monday 00:00 CET: week 13
    await at(3, "2026-03-29T21:59:59Z"); // Sunday 23:59:59 CEST: week 13
    await at(4, "2026-03-29T22:00:00Z"); // Monday 00:00 CEST: week 14
    const digest = await buildDigest(
      { reports: a.store.reports, catalogue: defaultCatalogue(), narrator: null, logger: silentLogger },
      window as DigestWindow,
      clock.now(),
    );
    expect(digest.totals.reports).toBe(2);
  });

  it("rejects a bad schedule and time zone at start, listing both", () => {
    const clock = new FakeClock("2026-11-23T07:00:00Z");
    const start = () =>
      startDigestScheduler({
        schedule: "0 7 * * 9",
        timeZone: "Mars/Olympus",
        destinations,
        store: { leases: null as never, digestRuns: null as never },
        owner: "x",
        clock,
        logger: silentLogger,
        timers: false,
        deliver: async () => [],
      });
    expect(start).toThrow(ConfigError);
    try {
      start();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        expect.stringContaining("DIGEST_TIMEZONE"),
        expect.stringContaining("DIGEST_SCHEDULE"),
      ]);
    }
  });
});
