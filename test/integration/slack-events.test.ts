/** Events API, slash commands and request authenticity, through real signed HTTP. */
import {
  dmEvent,
  eventEnvelope,
  formBody,
  jsonBody,
  mentionEvent,
  slackSignature,
  slashCommand,
} from "../fakes/slack-signing";
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from "./slack-harness";

let h: SlackHarness;

beforeEach(async () => {
  h = await startSlackHarness();
});

afterEach(async () => {
  await h.close();
});

describe("Slack events", () => {
  it("answers url_verification with the challenge", async () => {
    const res = await h.post(jsonBody({ type: "url_verification", challenge: "abc123", token: "t" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "abc123" });
  });

  it("passes a DM to the core and replies in the DM", async () => {
    const res = await h.post(
      jsonBody(eventEnvelope(dmEvent("U1", "  EHR is frozen on ward 7 "), { eventId: "EvDM1" })),
    );
    expect(res.status).toBe(200);
    const [posted] = await h.api.waitFor("chat.postMessage");
    expect(h.core.messages).toHaveLength(1);
    const inbound = h.core.messages[0]!;
    expect(inbound.text).toBe("EHR is frozen on ward 7");
    expect(inbound.deliveryId).toBe("EvDM1");
    expect(inbound.sender).toMatchObject({
      channel: "slack",
      userId: "U1",
      direct: true,
      conversationKey: "slack:T1:U1",
    });
    expect(inbound.sender.userName).toBe("Real U1");
    expect(posted!.args).toMatchObject({ channel: "DU1", text: "echo: EHR is frozen on ward 7" });
    expect(posted!.token).toBe("xoxb-test-token");
    expect(h.conversations.saved.get("slack:T1:U1")).toEqual({ channel: "DU1", user: "U1", team: "T1", direct: true });
  });

  it("ignores bot messages, edits and channel messages", async () => {
    await h.post(jsonBody(eventEnvelope(dmEvent("U1", "from a bot", { bot_id: "B9" }))));
    await h.post(jsonBody(eventEnvelope(dmEvent("U1", "edited", { subtype: "message_changed" }))));
    await h.post(jsonBody(eventEnvelope(dmEvent("U1", "in a channel", { channel_type: "channel", channel: "C1" }))));
    await h.post(jsonBody(eventEnvelope(dmEvent("U2", "real one"))));
    await h.core.waitForCalls(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.core.messages.map((m) => m.text)).toEqual(["real one"]);
  });

  it("strips the bot mention and answers in a thread", async () => {
    const event = mentionEvent("U3", "C42", "<@UBOT> the printer in ICU is offline");
    await h.post(jsonBody(eventEnvelope(event)));
    const [posted] = await h.api.waitFor("chat.postMessage");
    expect(h.core.messages[0]!.text).toBe("the printer in ICU is offline");
    expect(h.core.messages[0]!.sender.direct).toBe(false);
    expect(posted!.args).toMatchObject({ channel: "C42", thread_ts: event.ts });
  });

  it("files a report from /itreport <text> and replies by DM", async () => {
    const res = await h.post(formBody(slashCommand("U4", "C9", "scanner broken in pharmacy")));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: "ephemeral" });
    const [posted] = await h.api.waitFor("chat.postMessage");
    expect(h.core.messages[0]).toMatchObject({ text: "scanner broken in pharmacy", explicit: true });
    expect(h.api.callsTo("conversations.open")[0]!.args).toMatchObject({ users: "U4" });
    expect(posted!.args.channel).toBe("DU4");
  });

  it("maps /itreport status and help to core commands", async () => {
    await h.post(formBody(slashCommand("U5", "DU5", "status")));
    await h.post(formBody(slashCommand("U5", "DU5", "help")));
    await h.post(formBody(slashCommand("U5", "DU5", "")));
    await h.core.waitForCalls(3);
    expect(h.core.messages.map((m) => [m.text, m.explicit])).toEqual([
      ["my reports", true],
      ["help", true],
      ["help", true],
    ]);
  });

  it("processes a retried delivery (same event_id) only once", async () => {
    const body = jsonBody(eventEnvelope(dmEvent("U6", "monitor dead"), { eventId: "EvRETRY" }));
    const first = await h.post(body);
    const retry = await h.post(body, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await h.api.waitFor("chat.postMessage");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.core.messages).toHaveLength(1);
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("refuses a forged signature with 401 and processes nothing", async () => {
    const content = jsonBody(eventEnvelope(dmEvent("U7", "forged")));
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.post(content, { timestamp: ts, signature: slackSignature("wrong-secret", ts, content.body) });
    expect(res.status).toBe(401);
    const missing = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: content.body,
    });
    expect(missing.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.core.messages).toHaveLength(0);
  });

  it("refuses a body altered after signing", async () => {
    const content = jsonBody(eventEnvelope(dmEvent("U7", "original")));
    const ts = Math.floor(Date.now() / 1000);
    const signature = slackSignature(SIGNING_SECRET, ts, content.body);
    const tampered = { ...content, body: content.body.replace("original", "tampered") };
    expect((await h.post(tampered, { timestamp: ts, signature })).status).toBe(401);
  });

  it("refuses a correctly signed but stale request (> 5 min) with 401", async () => {
    const res = await h.post(jsonBody(eventEnvelope(dmEvent("U8", "replayed"))), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.core.messages).toHaveLength(0);
  });

  it("a slash command is acked before Slack's deadline even when the core takes 5 s, and answered later", async () => {
    h.core.script({ delayMs: 5000 });
    const slash = performance.now();
    expect((await h.post(formBody(slashCommand("U9", "C1", "also slow")))).status).toBe(200);
    // The receiver's deadline (2.5 s) acks; Slack gives up at 3 s.
    expect(performance.now() - slash).toBeLessThan(3000);
    await h.api.waitFor("chat.postMessage", 1, 8000);
  }, 15000);
});

describe("Slack SSL check", () => {
  it("answers Slack's unsigned ssl_check probe without processing anything", async () => {
    const res = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ssl_check=1&token=x",
    });
    expect(res.status).toBe(200);
    expect(h.core.messages).toHaveLength(0);
  });
});
