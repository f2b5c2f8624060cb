import { startTeamsHarness, type TeamsHarness } from "../fakes/fake-core-teams";

describe("Teams /api/messages with MICROSOFT_APP_ID configured", () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    // botbuilder prints the authentication failure with console.error; keep the test output clean.
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    h = await startTeamsHarness({
      teams: {
        appId: "00000000-0000-4000-8000-000000000001",
        appPassword: "not-a-real-secret",
        appType: "MultiTenant",
      },
    });
  });
  afterEach(async () => {
    await h.close();
    jest.restoreAllMocks();
  });

  it("rejects an activity without a Bot Framework token with 401 and never processes it", async () => {
    const res = await h.post(h.activity({ text: "let me in" }));
    expect(res.status).toBe(401);
    expect(h.core.messages).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
    expect(h.conversations.entries.size).toBe(0);
  });

  it("rejects a malformed bearer token with 401", async () => {
    const res = await h.post(h.activity({ text: "let me in" }), { authorization: "Bearer not.a.jwt" });
    expect(res.status).toBe(401);
    expect(h.core.messages).toHaveLength(0);
  });
});
