/**
 * Outgoing updates coalesced: however many reports join a cluster, its triage card is updated about
 * once per CARD_REFRESH_MS window (the dispatcher running all along), and the last update shows the
 * whole cluster. IT's own actions still update the card at once.
 */
import { CARD_REFRESH_MS } from "../../src/app/pipeline/route-report";
import type { Report } from "../../src/domain/report";
import { TRIAGER_1, createTriageHarness, type Harness } from "./triage-harness";

const reporter = (n: number): Partial<Report> => ({
  reporter: { ref: `teams:nurse-${n}`, anonymous: false, displayName: `Nurse ${n}` },
});

describe("triage card updates are coalesced", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness();
  });
  afterEach(() => h.close());

  /** Posts and updates of the head's triage card (its title names the head). */
  const cardSends = (headId: string) =>
    h.sent().filter((s) => s.message.title?.includes(headId) && s.message.facts?.some((f) => f.label === "Cluster"));
  const clusterFact = (send: ReturnType<Harness["sent"]>[number]) =>
    send.message.facts?.find((f) => f.label === "Cluster")?.value;

  it("40 reports joining within a few seconds cost at most a few card updates, the last one complete", async () => {
    const head = await h.file("barcode scanner not reading wristbands on 4 West", { system: "bcma" }, reporter(0));
    await h.drain();
    const joins = 40;
    for (let i = 1; i <= joins; i++) {
      h.clock.advance(CARD_REFRESH_MS / 20); // 40 joins over two windows
      const joined = await h.file(
        `scanners not reading wristbands on 4 West, bed ${i}`,
        { system: "bcma" },
        reporter(i),
      );
      expect(joined.report.clusterId ?? joined.info?.clusterHeadId).toBe(head.report.id);
      await h.drain(); // the dispatcher keeps up: nothing is held back for it
    }
    h.clock.advance(CARD_REFRESH_MS);
    await h.drain();
    const updates = cardSends(head.report.id).filter((s) => s.replaceRef !== null);
    // Two windows of joins (and the one they spill into): a handful of updates, not 40.
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.length).toBeLessThanOrEqual(5);
    expect(clusterFact(updates.at(-1)!)).toBe(`${joins + 1} reports`);
  });

  it("IT's own action on the card is not held back by the window", async () => {
    const head = await h.file("barcode scanner not reading wristbands on 4 West", { system: "bcma" }, reporter(0));
    await h.file("scanners not reading wristbands on 4 West too", { system: "bcma" }, reporter(1));
    await h.drain();
    const before = cardSends(head.report.id).length;
    await h.triage.handleCommand(TRIAGER_1, `progress ${head.report.id}`);
    await h.drain();
    expect(cardSends(head.report.id).length).toBeGreaterThan(before);
  });
});
