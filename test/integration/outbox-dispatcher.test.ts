import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { AppError, ChannelRateLimitedError } from "../../src/domain/errors";
import { dispatchOutboxOnce, UNAVAILABLE_RETRY_MS } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import { RecordingSender } from "../fakes/recording-sender";
import { intakeHarness, message } from "../support/intake-harness";

/** A classified report whose confirmation waits in the outbox, and dispatcher options with 3 tries. */
async function confirmationQueued(ackRef: string) {
  const h = await intakeHarness();
  const sender = new RecordingSender("slack");
  const reply = await h.core.onMessage(message("Vocera badges on 6 North drop every call"));
  await h.core.recordIntakeMessage(reply.replies[0]!.trackForReport!, ackRef);
  const claimed = await h.store.reports.claimForClassification("w", h.clock.now(), 60_000);
  await classifyClaimedReport(h.deps, claimed!);
  const options = {
    store: h.store,
    senders: [sender],
    clock: h.clock,
    logger: silentLogger,
    owner: "d",
    maxAttempts: 3,
  };
  return { h, sender, options };
}

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

  it("keeps a message while its channel is unavailable (credentials refused) far past the usual tries, then sends it once", async () => {
    const { h, sender, options } = await confirmationQueued("C1:9.9");
    sender.failWith = () => new AppError("CHANNEL_UNAVAILABLE", "Teams: Entra ID rejected MICROSOFT_APP_PASSWORD");
    sender.failNext = 10; // well past maxAttempts
    for (let i = 0; i < 10; i += 1) {
      expect(await dispatchOutboxOnce(options)).toBe(true);
      expect(await dispatchOutboxOnce(options)).toBe(false); // waits, not due yet
      h.clock.advance(UNAVAILABLE_RETRY_MS + 1);
    }
    expect(await dispatchOutboxOnce(options)).toBe(true); // the channel is back
    h.clock.advance(UNAVAILABLE_RETRY_MS + 1);
    await dispatchOutboxOnce(options);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.message.title).toMatch(/filed$/);
  });

  it("gives an ordinary failing message up after maxAttempts", async () => {
    const { h, sender, options } = await confirmationQueued("C1:9.8");
    sender.failNext = 3;
    for (let i = 0; i < 3; i += 1) {
      expect(await dispatchOutboxOnce(options)).toBe(true);
      h.clock.advance(31 * 60_000);
    }
    expect(await dispatchOutboxOnce(options)).toBe(false); // given up: nothing left to send
    expect(sender.sent).toHaveLength(0);
  });

  it("gives a message up at once when its conversation is gone for good (a web chat a restart ended)", async () => {
    const { h, sender, options } = await confirmationQueued("C1:9.7");
    sender.failWith = () => new AppError("CHANNEL_TARGET_GONE", "web chat conversation c1 is gone");
    sender.failNext = 1;
    expect(await dispatchOutboxOnce(options)).toBe(true);
    h.clock.advance(31 * 60_000);
    expect(await dispatchOutboxOnce(options)).toBe(false); // not retried
    const [id] = (await h.store.reports.find({})).map((r) => r.id);
    expect((await h.store.outbox.get(`intake:${id}:classified`))?.state).toBe("dead");
    expect(sender.sent).toHaveLength(0);
  });

  it("a rate-limited send waits exactly the Retry-After, does not count towards giving up, then goes once", async () => {
    const { h, sender, options } = await confirmationQueued("C1:9.7");
    sender.failWith = () => new ChannelRateLimitedError("Slack rate-limited the send", 45_000);
    sender.failNext = 5; // more than maxAttempts (3): rate limiting is not a failing message
    for (let i = 0; i < 5; i += 1) {
      expect(await dispatchOutboxOnce(options)).toBe(true);
      h.clock.advance(44_000);
      expect(await dispatchOutboxOnce(options)).toBe(false); // Retry-After not over yet
      h.clock.advance(1_001);
    }
    expect(await dispatchOutboxOnce(options)).toBe(true);
    expect(sender.sent).toHaveLength(1);
  });
});
