import { isTriager } from "../../src/app/triage/authorize-triager";
import type { Sender } from "../../src/app/intake/core-types";
import { parseTriageConfig } from "../../src/config/triage-config";

const config = parseTriageConfig({
  defaultDestination: "teams:19:it-triage@thread.tacv2",
  alerts: ["slack:C0ONCALL"],
  triagers: {
    slack: { userIds: ["U1"], userGroups: ["S0IT"] },
    teams: { userIds: ["aad-lead"], channelMembers: true },
    webchat: { userIds: ["web-it"] },
  },
});

const who = (channel: Sender["channel"], userId: string, conversationKey = `${channel}:dm`): Sender => ({
  channel,
  userId,
  userName: null,
  conversationKey,
  direct: false,
});

describe("who may triage", () => {
  it("listed user ids per channel, and nobody else", async () => {
    expect(await isTriager(config, null, who("slack", "U1"))).toBe(true);
    expect(await isTriager(config, null, who("slack", "U2"))).toBe(false);
    expect(await isTriager(config, null, who("teams", "aad-lead"))).toBe(true);
    expect(await isTriager(config, null, who("webchat", "web-it"))).toBe(true);
    expect(await isTriager(config, null, who("webchat", "web-nurse"))).toBe(false);
    // The same id on another channel grants nothing.
    expect(await isTriager(config, null, who("teams", "U1"))).toBe(false);
  });

  it("Slack user-group members, through the directory; a failing lookup grants nothing", async () => {
    const directory = { slackUserGroupMembers: async (g: string) => (g === "S0IT" ? ["U7"] : []) };
    expect(await isTriager(config, directory, who("slack", "U7"))).toBe(true);
    expect(await isTriager(config, directory, who("slack", "U8"))).toBe(false);
    expect(await isTriager(config, null, who("slack", "U7"))).toBe(false);
    const broken = { slackUserGroupMembers: async () => Promise.reject(new Error("rate limited")) };
    expect(await isTriager(config, broken, who("slack", "U7"))).toBe(false);
  });

  it("members of the Teams triage channel when channelMembers is on", async () => {
    const inChannel = who("teams", "aad-someone", "teams:19:it-triage@thread.tacv2;messageid=1700000");
    expect(await isTriager(config, null, inChannel)).toBe(true);
    expect(await isTriager(config, null, who("teams", "aad-someone", "teams:19:ward@thread.tacv2"))).toBe(false);
    const off = { ...config, triagers: { ...config.triagers, teams: { userIds: [], channelMembers: false } } };
    expect(await isTriager(off, null, inChannel)).toBe(false);
  });
});
