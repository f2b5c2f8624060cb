/**
 * Hostile input through the real HTTP routes on 127.0.0.1: a web chat activity whose `value` is an
 * array nested 5,000 deep must not break the conversation (nor the shared triage room); signed but
 * malformed Slack bodies get 200 (ignored) or 400, never 500; bodies Slack sends that no listener
 * types (app_rate_limited …) are answered at once; no log line carries a bearer token.
 */
import type restify from "restify";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { createFakeCore } from "../fakes/fake-core";
import { createMemoryConversationStore } from "../fakes/fake-core-teams";
import { eventEnvelope, formBody, interactionBody, jsonBody, type SlackBody } from "../fakes/slack-signing";
import { mrnRedactor } from "../support/intake-harness";
import { recordingLogger, type LogLine } from "../support/recording-logger";
import { startSlackHarness, type SlackHarness } from "./slack-harness";

/** An array nested `depth` deep, as JSON text (JSON.stringify itself overflows the stack on it). */
const nested = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("web chat: hostile activities", () => {
  const lines: LogLine[] = [];
  let url: string;
  let server: restify.Server;

  beforeAll(async () => {
    const logger = recordingLogger(lines);
    const webchat = createWebChat({
      core: createFakeCore(),
      conversations: createMemoryConversationStore(),
      clock: { now: () => new Date() },
      logger,
      redactor: mrnRedactor,
    });
    server = createHttpServer({ logger, modules: [webchat.routes] });
    ({ url } = await listen(server, 0, "127.0.0.1"));
  });
  afterAll(async () => {
    if (server) await closeServer(server);
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const session = async (body: unknown) => {
    const response = await post("/v3/directline/tokens/generate", body);
    expect(response.status).toBe(200);
    const s = (await response.json()) as { token: string; conversationId: string };
    expect((await post("/v3/directline/conversations", {}, s.token)).status).toBeLessThan(300);
    return s;
  };
  const poll = (s: { token: string; conversationId: string }) =>
    fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities`, {
      headers: { authorization: `Bearer ${s.token}` },
    });

  it.each<[string, { user: { id: string }; room?: string }]>([
    ["a private chat", { user: { id: "nurse-1" } }],
    ["the shared triage room", { user: { id: "it-1" }, room: "triage" }],
  ])("an activity nested 5,000 deep is refused and %s keeps answering", async (_label, tokenRequest) => {
    const s = await session(tokenRequest);
    const other = await session({ ...tokenRequest, user: { id: `${tokenRequest.user.id}-b` } });
    const deep = await post(
      `/v3/directline/conversations/${s.conversationId}/activities`,
      `{"type":"message","text":"hi","value":${nested(5_000)}}`,
      s.token,
    );
    expect(deep.status).toBe(400);
    const bigKey = await post(
      `/v3/directline/conversations/${s.conversationId}/activities`,
      { type: "message", text: "hi", channelData: { ["k".repeat(100_000)]: 1 } },
      s.token,
    );
    expect(bigKey.status).toBeLessThan(500);
    for (const who of [s, tokenRequest.room ? other : s]) expect((await poll(who)).status).toBe(200);
    const fine = await post(
      `/v3/directline/conversations/${s.conversationId}/activities`,
      { type: "message", text: "still here" },
      s.token,
    );
    expect(fine.status).toBe(200);
    expect((await poll(s)).status).toBe(200);
    // No log line carries the session's bearer token.
    expect(JSON.stringify(lines)).not.toContain(s.token);
  });
});

describe("slack: signed but malformed bodies", () => {
  const lines: LogLine[] = [];
  let slack: SlackHarness;

  beforeAll(async () => {
    // A long safety deadline: an answer that comes fast came from the receiver, not from the timer.
    slack = await startSlackHarness({ logger: recordingLogger(lines), ackDeadlineMs: 20_000 });
  });
  afterAll(async () => {
    await slack?.close();
  });

  const envelope = (event: unknown) => ({ ...eventEnvelope({ type: "message" }), event });
  const bodies: [string, SlackBody][] = [
    ['"event": null', jsonBody(envelope(null))],
    ['"event": "text"', jsonBody(envelope("text"))],
    ['"event": []', jsonBody(envelope([]))],
    ["event without a type", jsonBody(envelope({ channel: "D1", user: "U1" }))],
    ["event with a null channel", jsonBody(envelope({ type: "message", channel: null, user: "U1", text: "x" }))],
    ["event with a null item", jsonBody(envelope({ type: "reaction_added", item: null }))],
    ["event with a null user", jsonBody(envelope({ type: "message", channel: "D1", user: null, text: "x" }))],
    ["message with object text", jsonBody(envelope({ type: "message", channel: "D1", user: "U1", text: { a: 1 } }))],
    ["JSON null", jsonBody(null)],
    ["JSON array", jsonBody([])],
    ["JSON string", jsonBody("event_callback")],
    ["not JSON", { body: "{not json", contentType: "application/json" }],
    ["payload=null", formBody({ payload: "null" })],
    ["payload=[]", formBody({ payload: "[]" })],
    ["payload=1", formBody({ payload: "1" })],
    ["payload={}", formBody({ payload: "{}" })],
    ["payload not JSON", formBody({ payload: "{" })],
    ['"actions": []', interactionBody({ type: "block_actions", user: { id: "U1" }, team: { id: "T1" }, actions: [] })],
    ['"actions": null', interactionBody({ type: "block_actions", user: { id: "U1" }, actions: null })],
    ['"actions": [null]', interactionBody({ type: "block_actions", user: { id: "U1" }, actions: [null] })],
    ['"actions": [{}]', interactionBody({ type: "block_actions", user: { id: "U1" }, actions: [{}] })],
    ["actions without a user", interactionBody({ type: "block_actions", actions: [{ action_id: "x" }] })],
    ["view_submission without a view", interactionBody({ type: "view_submission", user: { id: "U1" } })],
    ['"view": null', interactionBody({ type: "view_submission", user: { id: "U1" }, view: null })],
    ["shortcut without anything", interactionBody({ type: "shortcut" })],
    ['message_action "message": null', interactionBody({ type: "message_action", message: null, channel: null })],
    ["options with a null channel", interactionBody({ type: "block_suggestion", channel: null, user: null })],
    ["command without a user", formBody({ command: "/itreport", text: "printer" })],
    ["command as an object", jsonBody({ command: { name: "/itreport" } })],
    [
      "event nested 5,000 deep",
      {
        body: JSON.stringify(envelope({ type: "message", channel: "D1", user: "U1", blocks: "DEEP" })).replace(
          '"DEEP"',
          nested(5_000),
        ),
        contentType: "application/json",
      },
    ],
  ];

  it.each(bodies)("%s: 200 or 400 (never 500), before the safety deadline", async (_label, body) => {
    const started = Date.now();
    const response = await slack.post(body);
    expect([200, 400]).toContain(response.status);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    [
      "app_rate_limited",
      jsonBody({ type: "app_rate_limited", team_id: "T1", minute_rate_limited: 1, api_app_id: "A1" }),
    ],
    ["an unknown top-level type", jsonBody({ type: "something_new", team_id: "T1" })],
    ["an event no listener handles", jsonBody(eventEnvelope({ type: "reaction_added", user: "U1", item: {} }))],
  ])("%s is answered 200 at once, not after the safety deadline", async (_label, body) => {
    const started = Date.now();
    const response = await slack.post(body);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("the core never saw any of it, and no log line holds the signing secret", () => {
    expect(slack.core.messages).toHaveLength(0);
    expect(JSON.stringify(lines)).not.toContain("test-signing-secret");
  });
});
