import { BOT, NURSE, startTeamsHarness, type TeamsHarness } from "../fakes/fake-core-teams";

describe("Teams /api/messages (no app id: Emulator / demo)", () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("answers a 1:1 message with an Adaptive Card through the connector and stores references", async () => {
    const res = await h.post(h.activity({ text: "Epic is frozen on ward 5" }));
    expect(res.status).toBe(200);
    expect(h.core.messages).toHaveLength(1);
    const inbound = h.core.messages[0]!;
    expect(inbound.text).toBe("Epic is frozen on ward 5");
    expect(inbound.sender).toEqual({
      channel: "teams",
      userId: NURSE.aadObjectId,
      userName: NURSE.name,
      conversationKey: "teams:a:personal-1",
      direct: true,
    });
    const [call] = await h.connector.waitFor(1, "reply");
    expect(call!.conversationId).toBe("a:personal-1");
    const card = call!.body.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(card.content)).toContain("echo: Epic is frozen on ward 5");
    expect(h.conversations.entries.get("teams:a:personal-1")).toMatchObject({
      conversation: { id: "a:personal-1" },
      serviceUrl: h.connector.url,
    });
    expect(h.conversations.entries.has(`teams:user:${NURSE.aadObjectId}`)).toBe(true);
  });
});

describe("Teams channel behaviour", () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it("in a channel, answers only when @mentioned and strips the mention", async () => {
    h = await startTeamsHarness();
    const conversation = { id: "19:ward@thread.tacv2;messageid=111", conversationType: "channel", isGroup: true };
    const channelData = {
      tenant: { id: "tenant-1" },
      channel: { id: "19:ward@thread.tacv2" },
      team: { id: "19:team" },
    };
    await h.post(h.activity({ text: "printer jammed again", conversation, channelData }));
    const mention = {
      type: "mention",
      mentioned: { id: BOT.id, name: BOT.name },
      text: `<at>${BOT.name}</at>`,
    };
    const res = await h.post(
      h.activity({ text: `<at>${BOT.name}</at> printer jammed again`, entities: [mention], conversation, channelData }),
    );
    expect(res.status).toBe(200);
    expect(h.core.messages.map((m) => m.text)).toEqual(["printer jammed again"]);
    expect(h.core.messages[0]!.sender.direct).toBe(false);
    expect(h.core.messages[0]!.sender.conversationKey).toBe(`teams:${conversation.id}`);
    await h.connector.waitFor(1, "reply");
    // The channel itself is remembered so digests and alerts can post there later.
    expect(h.conversations.entries.get("teams:19:ward@thread.tacv2")).toMatchObject({
      conversation: { id: "19:ward@thread.tacv2" },
    });
  });

  it("welcomes on install (bot added) and stores the reference", async () => {
    h = await startTeamsHarness();
    const res = await h.post(
      h.activity({ type: "conversationUpdate", text: undefined, membersAdded: [{ id: BOT.id }, { id: NURSE.id }] }),
    );
    expect(res.status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(JSON.stringify(call!.body.attachments[0].content)).toContain("Tell me what is not working.");
    expect(h.conversations.entries.has("teams:a:personal-1")).toBe(true);
    expect(h.core.messages).toHaveLength(0);
  });

  it("does not welcome when only a person joins", async () => {
    h = await startTeamsHarness();
    await h.post(h.activity({ type: "conversationUpdate", membersAdded: [{ id: "29:someone-else" }] }));
    expect(h.connector.calls).toHaveLength(0);
  });

  it("reports the sent card's ref for tracked replies", async () => {
    h = await startTeamsHarness({
      core: {
        onMessage: () => ({
          replies: [{ message: { title: "R-1042 received", text: "Thanks" }, trackForReport: "R-1042" }],
        }),
      },
    });
    await h.post(h.activity({ text: "monitor is dead" }));
    await h.core.waitForRecorded(1);
    const [call] = await h.connector.waitFor(1, "reply");
    expect(h.core.recorded).toEqual([{ reportId: "R-1042", messageRef: `a:personal-1|${call!.assignedId}` }]);
  });

  it("Action.Submit: core.onAction with the button data, card updated in place, form opened", async () => {
    h = await startTeamsHarness({
      core: {
        onAction: () => ({
          replies: [],
          update: { title: "R-7 urgent", text: "Marked urgent" },
          openForm: { kind: "add_detail", reportId: "R-7", title: "Add detail", prompt: "What else?" },
        }),
      },
    });
    const value = { action: "urgent", reportId: "R-7", msteams: { type: "messageBack" } };
    await h.post(h.activity({ text: undefined, value, replyToId: "card-9" }));
    expect(h.core.actions).toHaveLength(1);
    expect(h.core.actions[0]).toMatchObject({
      action: "urgent",
      data: { reportId: "R-7" },
      messageRef: "a:personal-1|card-9",
    });
    const [update] = await h.connector.waitFor(1, "update");
    expect(update!.activityId).toBe("card-9");
    expect(JSON.stringify(update!.body.attachments[0].content)).toContain("Marked urgent");
    const [form] = await h.connector.waitFor(1, "reply");
    const card = form!.body.attachments[0].content;
    expect(card.body.some((e: { id?: string }) => e.id === "detail")).toBe(true);
    expect(card.actions[0].data).toEqual({ action: "add_detail", reportId: "R-7" });
  });

  it("Action.Execute invoke: core.onAction with the verb; the refreshed card is the invoke answer", async () => {
    h = await startTeamsHarness({
      core: { onAction: () => ({ replies: [], update: { title: "R-8", text: "Acknowledged" } }) },
    });
    const res = await h.post(
      h.activity({
        type: "invoke",
        name: "adaptiveCard/action",
        replyToId: "card-10",
        value: { action: { type: "Action.Execute", verb: "triage.ack", data: { reportId: "R-8" } }, trigger: "manual" },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(res.body.value)).toContain("Acknowledged");
    expect(h.core.actions[0]).toMatchObject({ action: "triage.ack", data: { reportId: "R-8" } });
    await h.connector.waitFor(1, "update");
  });

  it("message action: fetchTask prefills the form; submitAction files an explicit report", async () => {
    h = await startTeamsHarness({
      core: { onMessage: () => ({ replies: [{ message: { title: "R-9 received", text: "We are on it" } }] }) },
    });
    const messagePayload = {
      id: "orig-1",
      body: { contentType: "html", content: "<p>Pump &amp; monitor offline<br>since 8am</p>" },
      from: { user: { id: "aad-doctor-2", displayName: "Dr. Who" } },
    };
    const fetch = await h.post(
      h.activity({
        type: "invoke",
        name: "composeExtension/fetchTask",
        value: { commandId: "reportToIt", commandContext: "message", messagePayload },
      }),
    );
    expect(fetch.status).toBe(200);
    const form = fetch.body.task.value.card.content;
    const text = form.body.find((e: { id?: string }) => e.id === "text");
    expect(text.value).toBe("Pump & monitor offline\nsince 8am");
    expect(form.body.some((e: { id?: string }) => e.id === "reporterIsAuthor")).toBe(true);
    expect(form.body.some((e: { id?: string }) => e.id === "anonymous")).toBe(true);

    const submit = (reporterIsAuthor: string) =>
      h.post(
        h.activity({
          type: "invoke",
          name: "composeExtension/submitAction",
          value: {
            commandId: "reportToIt",
            commandContext: "message",
            messagePayload,
            data: { action: "report", text: "Pump offline", reporterIsAuthor, anonymous: "false" },
          },
        }),
      );
    const submitted = await submit("false");
    expect(submitted.status).toBe(200);
    expect(submitted.body.task).toEqual({ type: "message", value: "R-9 received — We are on it" });
    expect(h.core.messages[0]).toMatchObject({ text: "Pump offline", explicit: true, anonymous: false });
    expect(h.core.messages[0]!.sender.userId).toBe(NURSE.aadObjectId);
    await submit("true");
    expect(h.core.messages[1]!.sender).toMatchObject({ userId: "aad-doctor-2", userName: "Dr. Who" });
  });
});

describe("Teams proactive sender", () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it("posts through the stored reference and updates in place with replaceRef", async () => {
    h = await startTeamsHarness();
    await h.post(h.activity({ text: "hello" }));
    await h.connector.waitFor(1);
    const ref = await h.teams.sender.send(
      { conversationKey: "teams:a:personal-1", destination: null },
      { title: "R-1 resolved", text: "Fixed", tone: "good" },
    );
    // Proactive turns reply to the continuation activity, as the SDK does: a new message in the chat.
    const sends = (await h.connector.waitFor(2)).slice(1);
    expect(ref).toBe(`a:personal-1|${sends[0]!.assignedId}`);
    expect(JSON.stringify(sends[0]!.body.attachments[0].content)).toContain("R-1 resolved");
    const again = await h.teams.sender.send(
      { conversationKey: "teams:a:personal-1", destination: null },
      { text: "Updated" },
      { replaceRef: ref },
    );
    expect(again).toBe(ref);
    const [update] = await h.connector.waitFor(1, "update");
    expect(update!.activityId).toBe(sends[0]!.assignedId);
  });

  it("posts to a channel destination by its stored reference", async () => {
    h = await startTeamsHarness();
    await h.post(
      h.activity({
        type: "conversationUpdate",
        membersAdded: [{ id: BOT.id }],
        conversation: { id: "19:it-team@thread.tacv2", conversationType: "channel", isGroup: true },
        channelData: { channel: { id: "19:it-team@thread.tacv2" }, team: { id: "19:it-team@thread.tacv2" } },
      }),
    );
    await h.connector.waitFor(1);
    await h.teams.sender.send({ conversationKey: null, destination: "19:it-team@thread.tacv2" }, { text: "Digest" });
    const post = (await h.connector.waitFor(2))[1];
    expect(post!.conversationId).toBe("19:it-team@thread.tacv2");
  });

  it("fails with CHANNEL_SEND_FAILED when the connector fails or no reference exists", async () => {
    h = await startTeamsHarness();
    await expect(
      h.teams.sender.send({ conversationKey: "teams:nowhere", destination: null }, { text: "x" }),
    ).rejects.toMatchObject({ code: "CHANNEL_SEND_FAILED" });
    await h.post(h.activity({ text: "hello" }));
    await h.connector.waitFor(1);
    h.connector.failNext(5, 403);
    await expect(
      h.teams.sender.send({ conversationKey: "teams:a:personal-1", destination: null }, { text: "x" }),
    ).rejects.toMatchObject({ code: "CHANNEL_SEND_FAILED" });
  });
});
