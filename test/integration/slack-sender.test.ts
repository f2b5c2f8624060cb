/** Proactive sends through the fake Slack Web API: destinations, reporters by DM, in-place updates, failures. */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { AppError } from "../../src/domain/errors";
import { silentLogger } from "../../src/ports/logger";
import { createFakeCore } from "../fakes/fake-core";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { BOT_TOKEN, MemoryConversations, MemoryIdempotency } from "./slack-harness";

let api: FakeSlackApi;
let conversations: MemoryConversations;
let slack: SlackChannel;

beforeAll(async () => {
  api = await startFakeSlackApi({ token: BOT_TOKEN });
  conversations = new MemoryConversations();
  slack = createSlackChannel({
    botToken: BOT_TOKEN,
    signingSecret: "s",
    slackApiUrl: api.url,
    core: createFakeCore(),
    conversations,
    idempotency: new MemoryIdempotency(),
    clock: { now: () => new Date("2026-01-05T10:00:00Z") },
    logger: silentLogger,
  });
});

afterAll(async () => {
  await api.close();
});

beforeEach(() => api.reset());

describe("Slack proactive sender", () => {
  it("posts to a configured channel and returns channel:ts", async () => {
    const ref = await slack.sender.send(
      { conversationKey: null, destination: "C-IT" },
      { title: "Triage", text: "New report R-1" },
    );
    const [call] = api.callsTo("chat.postMessage");
    expect(call!.args).toMatchObject({ channel: "C-IT", text: "Triage\nNew report R-1" });
    expect(ref).toMatch(/^C-IT:1700000000\.\d{6}$/);
  });

  it("reaches an identified reporter by DM, even if they reported in a channel", async () => {
    await conversations.save("slack:T1:U5", { channel: "C7", user: "U5", team: "T1", direct: false });
    const ref = await slack.sender.send(
      { conversationKey: "slack:T1:U5", destination: null },
      { text: "R-2 resolved" },
    );
    expect(api.callsTo("conversations.open")[0]!.args).toMatchObject({ users: "U5" });
    expect(api.callsTo("chat.postMessage")[0]!.args.channel).toBe("DU5");
    expect(ref).toMatch(/^DU5:/);
  });

  it("answers an anonymous reporter where they reported, without opening a DM", async () => {
    await conversations.save("slack:T1:U6", { channel: "C8", user: "U6", team: "T1", direct: false, anonymous: true });
    await slack.sender.send({ conversationKey: "slack:T1:U6", destination: null }, { text: "R-3 resolved" });
    expect(api.callsTo("conversations.open")).toHaveLength(0);
    expect(api.callsTo("chat.postMessage")[0]!.args.channel).toBe("C8");
  });

  it("updates in place with chat.update when given replaceRef", async () => {
    const ref = await slack.sender.send(
      { conversationKey: null, destination: "C-IT" },
      { text: "R-1 acknowledged" },
      { replaceRef: "C-IT:1700000000.000042" },
    );
    expect(api.callsTo("chat.update")[0]!.args).toMatchObject({
      channel: "C-IT",
      ts: "1700000000.000042",
      text: "R-1 acknowledged",
    });
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    expect(ref).toBe("C-IT:1700000000.000042");
  });

  it("throws CHANNEL_SEND_FAILED on a Slack error so the outbox can retry, then succeeds", async () => {
    api.failNext("chat.postMessage", 1, { error: "ratelimited" });
    const attempt = slack.sender.send({ conversationKey: null, destination: "C-IT" }, { text: "x" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "CHANNEL_SEND_FAILED" });
    await expect(slack.sender.send({ conversationKey: null, destination: "C-IT" }, { text: "x" })).resolves.toMatch(
      /^C-IT:/,
    );
    api.failNext("chat.postMessage", 1, { status: 500 });
    await expect(
      slack.sender.send({ conversationKey: null, destination: "C-IT" }, { text: "x" }),
    ).rejects.toMatchObject({
      code: "CHANNEL_SEND_FAILED",
    });
  });

  it("fails with NOT_FOUND for an unknown conversation", async () => {
    await expect(
      slack.sender.send({ conversationKey: "slack:T1:nobody", destination: null }, { text: "x" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("Slack Socket Mode option", () => {
  it("builds without an HTTP route when an app token is set (no connection until start)", () => {
    const socket = createSlackChannel({
      botToken: BOT_TOKEN,
      signingSecret: "",
      appToken: "xapp-1-test",
      slackApiUrl: api.url,
      core: createFakeCore(),
      conversations,
      idempotency: new MemoryIdempotency(),
      clock: { now: () => new Date() },
      logger: silentLogger,
    });
    const registered: string[] = [];
    socket.routes.register({ post: (path: string) => registered.push(path) } as never);
    expect(registered).toEqual([]);
    expect(socket.sender.channel).toBe("slack");
  });

  it("a rate-limited call fails at once with the Retry-After Slack gave (the outbox waits, not the sender)", async () => {
    api.failNext("chat.update", 1, { status: 429, retryAfterSeconds: 30 });
    const started = Date.now();
    const failure = slack.sender.send(
      { conversationKey: null, destination: "C-IT" },
      { text: "card" },
      {
        replaceRef: "C-IT:1700000000.000100",
      },
    );
    await expect(failure).rejects.toMatchObject({ code: "CHANNEL_RATE_LIMITED", retryAfterMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(10_000); // did not sit out the 30 s itself
    expect(api.callsTo("chat.update")).toHaveLength(1);
  });
});
