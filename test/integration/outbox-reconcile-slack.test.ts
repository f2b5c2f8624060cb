/**
 * Outbox without double posts on Slack: every post carries its outbox key in Slack message metadata;
 * a message that may already have been posted (an earlier attempt died between Slack's answer and
 * the outbox's "sent" write) is looked up in the conversation's recent history first and, if found,
 * recorded as sent instead of posted again.
 */
import { createSlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { pendingOutbox } from "../../src/domain/outbox";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import { createFakeCore } from "../fakes/fake-core";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { BOT_TOKEN, MemoryConversations, MemoryIdempotency } from "./slack-harness";

let api: FakeSlackApi;
beforeEach(async () => {
  api = await startFakeSlackApi({ token: BOT_TOKEN });
});
afterEach(async () => {
  await api.close();
});

async function setUp() {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  const slack = createSlackChannel({
    botToken: BOT_TOKEN,
    signingSecret: "s",
    slackApiUrl: api.url,
    core: createFakeCore(),
    conversations: new MemoryConversations(),
    idempotency: new MemoryIdempotency(),
    clock: { now: () => new Date() },
    logger: silentLogger,
  });
  let now = new Date("2026-01-05T10:00:00Z");
  const clock = { now: () => now };
  const options = { store, senders: [slack.sender], clock, logger: silentLogger, owner: "a", baseDelayMs: 1000 };
  return { store, options, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("Slack outbox reconciliation", () => {
  it("a card posted just before the 'sent' write failed is not posted again", async () => {
    const { store, options, advance } = await setUp();
    await store.outbox.enqueue(
      pendingOutbox(
        {
          key: "triage-card:R-0001",
          target: { channel: "slack", conversationKey: null, destination: "C0TRIAGE" },
          message: { text: "R-0001 card" },
        },
        options.clock.now(),
      ),
    );
    const markSent = store.outbox.markSent.bind(store.outbox);
    let failures = 1;
    store.outbox.markSent = async (key, at) => {
      if (failures-- > 0) throw new Error("store went away right after Slack answered");
      return markSent(key, at);
    };
    await dispatchOutboxOnce(options).catch(() => undefined);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
    expect(api.callsTo("chat.postMessage")[0]!.args.metadata).toMatchObject({
      event_payload: { outbox_key: "triage-card:R-0001" },
    });

    advance(120_000);
    await dispatchOutboxOnce(options);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
    expect(api.callsTo("conversations.history")).toHaveLength(1);
    expect((await store.outbox.get("triage-card:R-0001"))?.state).toBe("sent");
  });

  it("a message that was really not posted is posted on the retry", async () => {
    const { store, options, advance } = await setUp();
    await store.outbox.enqueue(
      pendingOutbox(
        {
          key: "alert:R-0002:slack:C0ONCALL",
          target: { channel: "slack", conversationKey: null, destination: "C0ONCALL" },
          message: { text: "alert" },
        },
        options.clock.now(),
      ),
    );
    api.failNext("chat.postMessage", 1, { status: 500 });
    await dispatchOutboxOnce(options);
    advance(120_000);
    await dispatchOutboxOnce(options);
    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
    expect((await store.outbox.get("alert:R-0002:slack:C0ONCALL"))?.state).toBe("sent");
  });
});
