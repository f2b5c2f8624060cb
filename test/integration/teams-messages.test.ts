import { NURSE, startTeamsHarness, type TeamsHarness } from "../fakes/fake-core-teams";

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
