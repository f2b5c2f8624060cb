/**
 * The forgery suite for Slack and Teams, through real requests and the real intake and triage core
 * (the web chat's is webchat-sign-in.test.ts): a forged identity, a forged triage action, a
 * cross-reporter "my reports" and an IT-room read by someone who is not IT are all refused, and
 * nothing is stored or sent. Teams token forgery (forged, expired, misaddressed, unendorsed tokens)
 * is tried in test/integration/teams-jwt.test.ts and teams-errors.test.ts against the production
 * authentication path; here Teams runs unauthenticated (Emulator mode) to try authorization alone.
 */
import { eventEnvelope, dmEvent, jsonBody, mentionEvent } from "../fakes/slack-signing";
import { allStrings } from "../integration/slack-harness";
import {
  SLACK_TRIAGE,
  SLACK_TRIAGER,
  TEAMS_NURSE,
  startFormsHarness,
  waitUntil,
  type FormsHarness,
} from "../integration/triage-forms-harness";
import { postSigned } from "../fakes/slack-signing";
import { SIGNING_SECRET } from "../integration/slack-harness";

let h: FormsHarness;
beforeEach(async () => {
  h = await startFormsHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (v: unknown) => allStrings(v).join(" ");
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("Slack", () => {
  it("forged identity: an event claiming a nurse, with a wrong or stale signature, is 401; nothing filed or sent", async () => {
    const content = jsonBody(eventEnvelope(dmEvent("UNURSE1", "Epic is down on 4 West")));
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const wrongSecret = await postSigned(h.slackEventsUrl, content, {
      secret: "not-the-signing-secret",
      timestamp: now,
    });
    const stale = await postSigned(h.slackEventsUrl, content, { secret: SIGNING_SECRET, timestamp: now - 3600 });
    const unsigned = await fetch(h.slackEventsUrl, {
      method: "POST",
      headers: { "content-type": content.contentType },
      body: content.body,
    });
    expect([wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await settle();
    expect(await h.store.reports.count({})).toBe(0);
    expect(h.api.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  it("forged triage action: a nurse pressing Resolve on a triage card (validly signed as herself) changes nothing", async () => {
    const report = await h.fileSlack("label printer on 5 East jammed", "UNURSE1");
    await h.runOutbox();
    const card = h.api.callsTo("chat.postMessage").find((c) => c.args.channel === SLACK_TRIAGE)!;
    const resolve = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith("triage.resolve#") || e.action_id?.startsWith("triage.ack#"))!;
    const before = (await h.store.reports.get(report.id))!;
    const ts = before.triageMessageRef!.slice(before.triageMessageRef!.indexOf(":") + 1);
    const sentBefore = h.api.callsTo("chat.postMessage").length;
    const res = await h.postSlack({
      type: "block_actions",
      trigger_id: "trigger-forged",
      team: { id: "T1" },
      user: { id: "UNURSE2" },
      channel: { id: SLACK_TRIAGE },
      container: { type: "message", channel_id: SLACK_TRIAGE, message_ts: ts },
      message: { ts },
      actions: [{ action_id: resolve.action_id, value: resolve.value, action_ts: "1700000000.9" }],
    });
    expect(res.status).toBe(200);
    // The press reached the triage path and was refused there, to the presser only.
    await waitUntil(
      () => h.api.callsTo("chat.postEphemeral").some((c) => /only the IT triage team/.test(text(c.args))),
      "the refusal",
    );
    await h.runOutbox();
    const after = (await h.store.reports.get(report.id))!;
    expect({ status: after.status, version: after.version }).toEqual({
      status: before.status,
      version: before.version,
    });
    expect(h.api.callsTo("views.open")).toEqual([]);
    expect(
      h.api
        .callsTo("chat.postMessage")
        .slice(sentBefore)
        .filter((c) => c.args.channel === "DUNURSE1"),
    ).toEqual([]);
  });

  it("the same action with a forged signature claiming the triager is 401 and changes nothing", async () => {
    const report = await h.fileSlack("label printer on 5 East jammed", "UNURSE1");
    const before = (await h.store.reports.get(report.id))!;
    const calls = h.api.calls.length;
    const payload = JSON.stringify({
      type: "block_actions",
      team: { id: "T1" },
      user: { id: SLACK_TRIAGER },
      channel: { id: SLACK_TRIAGE },
      actions: [{ action_id: "triage.ack#0", value: JSON.stringify({ reportId: report.id }), action_ts: "1.1" }],
    });
    const res = await postSigned(
      h.slackEventsUrl,
      { body: `payload=${encodeURIComponent(payload)}`, contentType: "application/x-www-form-urlencoded" },
      { secret: "guessed-secret", timestamp: Math.floor(h.clock.now().getTime() / 1000) },
    );
    expect(res.status).toBe(401);
    await settle();
    expect((await h.store.reports.get(report.id))!.version).toBe(before.version);
    expect(h.api.calls.slice(calls)).toEqual([]);
  });

  it("cross-reporter: 'my reports' from another nurse does not show the first nurse's report", async () => {
    const mine = await h.fileSlack("Pyxis on 2 South will not open", "UNURSE1");
    const res = await h.postSlackBody(jsonBody(eventEnvelope(dmEvent("UNURSE2", "my reports"))));
    expect(res.status).toBe(200);
    const [answer] = await h.api.waitFor("chat.postMessage");
    expect(answer!.args.channel).toBe("DUNURSE2");
    expect(text(answer!.args)).not.toContain(mine.id);
    expect(text(answer!.args)).not.toContain("Pyxis");
  });

  it("IT room: a non-triager asking the bot for 'list open' in the triage channel gets no list", async () => {
    const report = await h.fileSlack("Pyxis on 2 South will not open", "UNURSE1");
    const res = await h.postSlackBody(
      jsonBody(eventEnvelope(mentionEvent("UNURSE2", SLACK_TRIAGE, "<@UBOT> list open"))),
    );
    expect(res.status).toBe(200);
    await waitUntil(() => h.api.calls.some((c) => c.method === "chat.postEphemeral"), "the refusal");
    const said = h.api.calls.filter((c) => c.method !== "auth.test").map((c) => text(c.args));
    expect(said.join("\n")).not.toContain(report.id);
    expect(said.join("\n")).toMatch(/only the IT triage team/);
  });
});

describe("Teams (authorization)", () => {
  it("forged triage action: a nurse submitting Resolve from the IT channel changes nothing and nothing is sent", async () => {
    const report = await h.fileTeams("Epic freezes when opening the MAR on 4 West");
    await h.runOutbox();
    const before = (await h.store.reports.get(report.id))!;
    const calls = h.connector.calls.length;
    expect(
      await h.postTeams(TEAMS_NURSE, {
        value: { action: "triage.resolve", reportId: report.id, card: "triage", note: "fixed" },
      }),
    ).toBe(200);
    await h.runOutbox();
    const after = (await h.store.reports.get(report.id))!;
    expect({ status: after.status, version: after.version }).toEqual({
      status: before.status,
      version: before.version,
    });
    const sent = h.connector.calls.slice(calls);
    expect(sent.filter((c) => c.conversationId === `a:${TEAMS_NURSE.id}`)).toEqual([]);
    expect(sent.map((c) => JSON.stringify(c.body)).join("\n")).toMatch(/only the IT triage team/);
  });

  it("IT room: a non-triager's 'list open' in the IT channel gets no list; cross-reporter 'my reports' shows nothing of others", async () => {
    const report = await h.fileTeams("Epic freezes when opening the MAR on 4 West");
    const calls = h.connector.calls.length;
    await h.postTeams(TEAMS_NURSE, {
      text: "<at>IT Feedback</at> list open",
      entities: [{ type: "mention", mentioned: { id: "28:bot", name: "IT Feedback" }, text: "<at>IT Feedback</at>" }],
    });
    const other = { id: "29:nurse-x", name: "Xan Nurse", aadObjectId: "aad-nurse-x" };
    await h.postTeams(other, {
      text: "my reports",
      conversation: { id: `a:${other.id}`, conversationType: "personal", tenantId: "tenant-1" },
    });
    await settle();
    const said = h.connector.calls.slice(calls).map((c) => JSON.stringify(c.body));
    expect(said.length).toBeGreaterThan(0);
    expect(said.join("\n")).not.toContain(report.id);
  });
});
