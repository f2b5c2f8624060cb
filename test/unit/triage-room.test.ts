/** Which conversations are triage rooms: Slack by the channel typed in, Teams and web chat by conversation key. */
import { isTriageRoom } from "../../src/app/triage/triage-room";
import { parseTriageConfig } from "../../src/config/triage-config";
import { sender } from "../support/intake-harness";

const config = parseTriageConfig({
  destinations: { "it-ehr": "slack:C0EHR" },
  routes: [{ system: "ehr", destination: "it-ehr" }],
  defaultDestination: "teams:19:triage@thread.tacv2",
  alerts: ["slack:C0ALERTS"],
  digest: ["slack:C0DIGEST", "webchat:cmio"],
  triagers: { slack: { userIds: ["UIT1"] } },
});

const slackIn = (room: string | null | undefined) =>
  sender("U1", { channel: "slack", conversationKey: "slack:T1:U1", direct: room === null, room });

describe("isTriageRoom", () => {
  it("recognises a Slack channel named as a route, alert or digest destination by the channel typed in", () => {
    for (const room of ["C0EHR", "C0ALERTS", "C0DIGEST"]) expect(isTriageRoom(config, slackIn(room))).toBe(true);
  });

  it("does not treat other Slack channels, DMs, or senders without a room as triage rooms", () => {
    expect(isTriageRoom(config, slackIn("C0WARD7"))).toBe(false);
    expect(isTriageRoom(config, slackIn(null))).toBe(false);
    expect(isTriageRoom(config, slackIn(undefined))).toBe(false);
    // A Slack channel id that is a destination of another platform is not a Slack triage room.
    expect(isTriageRoom(config, slackIn("19:triage@thread.tacv2"))).toBe(false);
  });

  it("keeps recognising Teams channels (threads included) and web chat rooms by conversation key", () => {
    const teams = (key: string) => sender("aad-1", { channel: "teams", conversationKey: key, direct: false });
    expect(isTriageRoom(config, teams("teams:19:triage@thread.tacv2;messageid=123"))).toBe(true);
    expect(isTriageRoom(config, teams("teams:19:ward@thread.tacv2"))).toBe(false);
    const web = (key: string) => sender("w1", { channel: "webchat", conversationKey: key, direct: true });
    expect(isTriageRoom(config, web("webchat:cmio"))).toBe(true);
    expect(isTriageRoom(config, web("webchat:dl_abc"))).toBe(false);
  });
});
