import { classifyClaimedReport } from "../../src/app/classify-report";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import { RecordingSender } from "../fakes/recording-sender";
import { intakeHarness, message } from "../support/intake-harness";

describe("outbox dispatcher", () => {
  it("replaces the acknowledgement with the confirmation even when the ack's ref is recorded after classification", async () => {
    const h = await intakeHarness();
    const sender = new RecordingSender("slack");
    const reply = await h.core.onMessage(message("Pyxis on 3 East won't open"));
    const id = reply.replies[0]!.trackForReport!;
    const claimed = await h.store.reports.claimForClassification("w", h.clock.now(), 60_000);
    await classifyClaimedReport(h.deps, claimed!);
    // The channel reports the ack's ref a moment after the confirmation was queued.
    setTimeout(() => void h.core.recordIntakeMessage(id, "C1:1700000000.000100"), 150);
    await dispatchOutboxOnce({ store: h.store, senders: [sender], clock: h.clock, logger: silentLogger, owner: "d" });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.replaceRef).toBe("C1:1700000000.000100");
    expect(sender.sent[0]!.message.title).toBe(`${id} filed`);
  });

  it("retries a failed send later and sends it exactly once", async () => {
    const h = await intakeHarness();
    const sender = new RecordingSender("slack");
    const reply = await h.core.onMessage(message("label printer in ED prints blank labels"));
    await h.core.recordIntakeMessage(reply.replies[0]!.trackForReport!, "C1:1.2");
    const claimed = await h.store.reports.claimForClassification("w", h.clock.now(), 60_000);
    await classifyClaimedReport(h.deps, claimed!);
    const options = {
      store: h.store,
      senders: [sender],
      clock: h.clock,
      logger: silentLogger,
      owner: "d",
      baseDelayMs: 10_000,
    };
    sender.failNext = 1;
    expect(await dispatchOutboxOnce(options)).toBe(true);
    expect(sender.sent).toHaveLength(0);
    expect(await dispatchOutboxOnce(options)).toBe(false); // not due yet
    h.clock.advance(10_001);
    expect(await dispatchOutboxOnce(options)).toBe(true);
    h.clock.advance(60_000);
    await dispatchOutboxOnce(options);
    expect(sender.sent).toHaveLength(1);
  });
});
