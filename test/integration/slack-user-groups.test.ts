import { createSlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { silentLogger } from "../../src/ports/logger";
import { createFakeCore } from "../fakes/fake-core";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";

describe("Slack user groups as triagers", () => {
  let api: FakeSlackApi;
  afterEach(async () => api.close());

  it("lists a user group's members through the Web API and caches them for a few minutes", async () => {
    api = await startFakeSlackApi({ userGroups: { S0IT: ["U1", "U2"] } });
    const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    let now = new Date("2026-11-23T08:00:00Z");
    const slack = createSlackChannel({
      botToken: "xoxb-test",
      signingSecret: "secret",
      slackApiUrl: api.url,
      core: createFakeCore(),
      conversations: store.conversations,
      idempotency: store.idempotency,
      clock: { now: () => now },
      logger: silentLogger,
    });
    expect(await slack.userGroupMembers("S0IT")).toEqual(["U1", "U2"]);
    expect(await slack.userGroupMembers("S0IT")).toEqual(["U1", "U2"]);
    expect(api.callsTo("usergroups.users.list")).toHaveLength(1);
    now = new Date(now.getTime() + 6 * 60_000);
    expect(await slack.userGroupMembers("S0NONE")).toEqual([]);
    await slack.userGroupMembers("S0IT");
    expect(api.callsTo("usergroups.users.list")).toHaveLength(3);
  });
});
