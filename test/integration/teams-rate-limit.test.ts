/**
 * Teams 429: when the Bot Connector answers "Too Many Requests", the Teams sender fails at once with
 * the Retry-After it was given (ChannelRateLimitedError), so the outbox waits that long and keeps
 * the channel's other messages back too (as for Slack's `ratelimited`), instead of the SDK retrying
 * inside the dispatcher. Against the fake Bot Connector on 127.0.0.1.
 */
import { ChannelRateLimitedError } from "../../src/domain/errors";
import type { BotMessage } from "../../src/domain/message";
import { outboxEntry } from "../../src/app/triage/triage-deps";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import { startTeamsHarness, type TeamsHarness } from "../fakes/fake-core-teams";
import { FakeClock } from "../support/intake-harness";

const MESSAGE: BotMessage = { text: "The EHR outage on 4 West is being worked on." };

describe("Teams: the Bot Connector's 429 and Retry-After", () => {
  let h: TeamsHarness;

  beforeEach(async () => {
    h = await startTeamsHarness();
    // One message in, so the conversation reference is stored (what proactive sends use).
    expect((await h.post(h.activity({ text: "hello" }))).status).toBe(200);
    expect([...h.conversations.entries.keys()]).toContain("teams:a:personal-1");
  });
  afterEach(() => h.close());

  it.each([
    ["seconds", { "retry-after": "7" }, 7_000],
    ["an HTTP date", { "retry-after": "DATE+12" }, 12_000],
  ])("a 429 with Retry-After in %s fails the send at once with that wait", async (_what, headers, expectedMs) => {
    const retryAfter =
      headers["retry-after"] === "DATE+12" ? new Date(Date.now() + 12_000).toUTCString() : headers["retry-after"];
    const before = h.connector.refused.length;
    h.connector.failNext(1, 429, { "retry-after": retryAfter });
    const started = Date.now();
    const failure = await h.teams.sender
      .send({ conversationKey: "teams:a:personal-1", destination: null }, MESSAGE)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ChannelRateLimitedError);
    const waitMs = (failure as ChannelRateLimitedError).retryAfterMs;
    // An HTTP date has one-second resolution and the clock moved on a little: within 2 s below.
    expect(waitMs).toBeLessThanOrEqual(expectedMs);
    expect(waitMs).toBeGreaterThan(expectedMs - 2_000);
    // One request: the SDK did not sleep and retry inside the send.
    expect(h.connector.refused.length - before).toBe(1);
    expect(h.connector.sent()).toHaveLength(1); // only the reply to "hello"
    expect(Date.now() - started).toBeLessThan(expectedMs);
  });

  it("a 429 without Retry-After waits a default of a few seconds", async () => {
    h.connector.failNext(1, 429);
    const failure = await h.teams.sender
      .send({ conversationKey: "teams:a:personal-1", destination: null }, MESSAGE)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ChannelRateLimitedError);
    expect((failure as ChannelRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });

  it("a 503 with Retry-After is waited out by the outbox too; without one it is left to the SDK's own retry", async () => {
    h.connector.failNext(1, 503, { "retry-after": "20" });
    const limited = await h.teams.sender
      .send({ conversationKey: "teams:a:personal-1", destination: null }, MESSAGE)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(limited).toBeInstanceOf(ChannelRateLimitedError);
    expect((limited as ChannelRateLimitedError).retryAfterMs).toBe(20_000);

    h.connector.failNext(1, 503);
    const ref = await h.teams.sender.send({ conversationKey: "teams:a:personal-1", destination: null }, MESSAGE);
    expect(ref).toEqual(expect.any(String));
    expect(h.connector.refused.map((r) => r.status)).toEqual([503, 503]);
  });

  it("the outbox waits the Retry-After, holds the channel's other messages, then sends each once", async () => {
    const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    try {
      const reference = await h.conversations.get("teams:a:personal-1");
      await store.conversations.save("teams:a:personal-1", reference!, new Date("2026-03-02T09:00:00Z"));
      const clock = new FakeClock(new Date("2026-03-02T09:00:00Z"));
      const target = { channel: "teams" as const, conversationKey: "teams:a:personal-1", destination: null };
      for (const key of ["note:1", "note:2"])
        await store.outbox.enqueue(outboxEntry(key, clock.now(), target, { text: `update ${key}` }));
      const dispatch = () =>
        dispatchOutboxOnce({ store, senders: [h.teams.sender], clock, logger: silentLogger, owner: "test" });
      const sentBefore = h.connector.sent().length;
      h.connector.failNext(1, 429, { "retry-after": "30" });
      await dispatch();
      const first = await store.outbox.get("note:1");
      const second = await store.outbox.get("note:2");
      expect(first).toMatchObject({ state: "pending" });
      expect(first!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);
      // The second was not tried at all: the channel is paused until the same instant.
      expect(second!.nextAttemptAt.getTime()).toBe(first!.nextAttemptAt.getTime());
      expect(h.connector.refused).toHaveLength(1);
      clock.advance(29_000);
      expect(await dispatch()).toBe(false);
      clock.advance(1_000);
      while (await dispatch());
      expect(h.connector.sent().length - sentBefore).toBe(2);
      expect(await store.outbox.get("note:1")).toMatchObject({ state: "sent" });
      expect(await store.outbox.get("note:2")).toMatchObject({ state: "sent" });
    } finally {
      await store.close();
    }
  });
});
