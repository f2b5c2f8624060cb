/**
 * Intake is durable before it is acknowledged, and a platform's retry never loses or doubles a report:
 * - a store failure (or a crash) after the delivery id is claimed but before the report is written:
 *   the platform's retry files the report, once;
 * - the same delivery twice at once: one report, one acknowledgement;
 * - beyond the in-flight bound, the answer is "busy, retry" and nothing is filed.
 */
import type { Report } from "../../src/domain/report";
import { intakeHarness, message } from "../support/intake-harness";

describe("durable intake", () => {
  it("a report whose write failed after its delivery was claimed is filed by the retry, once", async () => {
    const h = await intakeHarness();
    const insert = h.store.reports.insert.bind(h.store.reports);
    let failures = 1;
    h.store.reports.insert = async (report: Report) => {
      if (failures-- > 0) throw new Error("store went away mid-intake");
      return insert(report);
    };
    const first = await h.core.onMessage(message("Pyxis drawer stuck on 5 North", { deliveryId: "EvCRASH" }));
    expect(first.replies[0]?.trackForReport).toBeUndefined();
    expect(first.retryable).toBe(true);
    expect(await h.store.reports.count({})).toBe(0);

    const retry = await h.core.onMessage(message("Pyxis drawer stuck on 5 North", { deliveryId: "EvCRASH" }));
    const id = retry.replies[0]?.trackForReport;
    expect(id).toMatch(/^R-\d{4}$/);
    const again = await h.core.onMessage(message("Pyxis drawer stuck on 5 North", { deliveryId: "EvCRASH" }));
    expect(again.replies).toHaveLength(0);
    expect((await h.store.reports.find({})).map((r) => r.id)).toEqual([id]);
  });

  it("the same delivery twice at once: one report, one acknowledgement", async () => {
    const h = await intakeHarness();
    const both = await Promise.all(
      [1, 2].map(() => h.core.onMessage(message("label printer jammed in ED", { deliveryId: "EvTWICE" }))),
    );
    expect(both.flatMap((r) => r.replies).filter((r) => r.trackForReport)).toHaveLength(1);
    expect(await h.store.reports.count({})).toBe(1);
  });

  it("beyond the in-flight bound: a retryable 'busy' answer, nothing filed, then accepted again", async () => {
    const h = await intakeHarness({ limits: { ...(await intakeHarness()).deps.limits, maxInFlight: 2 } });
    const insert = h.store.reports.insert.bind(h.store.reports);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.store.reports.insert = async (report: Report) => {
      await gate;
      return insert(report);
    };
    const held = [1, 2].map((i) => h.core.onMessage(message(`Epic down on 4 West (${i})`, { deliveryId: `EvH${i}` })));
    await new Promise((r) => setTimeout(r, 20));
    const busy = await h.core.onMessage(message("Epic down on 4 West (3)", { deliveryId: "EvH3" }));
    expect(busy.retryable).toBe(true);
    expect(busy.replies[0]?.message.text).toMatch(/try again/i);
    release();
    expect((await Promise.all(held)).every((r) => r.replies[0]?.trackForReport)).toBe(true);
    expect(await h.store.reports.count({})).toBe(2);
    const later = await h.core.onMessage(message("Epic down on 4 West (3)", { deliveryId: "EvH3" }));
    expect(later.retryable).toBeUndefined();
    expect(await h.store.reports.count({})).toBe(3);
  });

  it("over capacity: a message that waited its turn too long is refused at once (busy, nothing filed), not answered late", async () => {
    const base = (await intakeHarness()).deps.limits;
    const h = await intakeHarness({ limits: { ...base, maxConcurrent: 1, maxQueueWaitMs: 30 } });
    const insert = h.store.reports.insert.bind(h.store.reports);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.store.reports.insert = async (report: Report) => {
      await gate;
      return insert(report);
    };
    // The first takes the only slot and hangs in the store; the second waits for the slot.
    const first = h.core.onMessage(message("Epic down on 4 West (1)", { deliveryId: "EvQ1" }));
    const waiting = h.core.onMessage(message("Epic down on 4 West (2)", { deliveryId: "EvQ2" }));
    const refused = await waiting;
    expect(refused.retryable).toBe(true);
    expect(refused.replies[0]?.message.text).toMatch(/try again/i);
    release();
    expect((await first).replies[0]?.trackForReport).toMatch(/^R-/);
    expect(await h.store.reports.count({})).toBe(1);
    // Its retry, with the slot free, is filed.
    const retried = await h.core.onMessage(message("Epic down on 4 West (2)", { deliveryId: "EvQ2" }));
    expect(retried.replies[0]?.trackForReport).toMatch(/^R-/);
    expect(await h.store.reports.count({})).toBe(2);
  });

  it("messages beyond the concurrency wait their turn in order and are all filed when the store keeps up", async () => {
    const base = (await intakeHarness()).deps.limits;
    const h = await intakeHarness({ limits: { ...base, maxConcurrent: 2, maxQueueWaitMs: 5_000 } });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.core.onMessage(message(`scanner broken on 5 North (${i})`, { deliveryId: `EvO${i}` })),
      ),
    );
    expect(answers.every((a) => a.retryable === undefined && a.replies[0]?.trackForReport)).toBe(true);
    expect(await h.store.reports.count({})).toBe(10);
  });
});
