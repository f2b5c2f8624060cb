/**
 * "my reports" where others read along: Teams and web chat rooms cannot show a message to one
 * person, so the list is never posted there; the person is told to ask in their own chat.
 */
import { parseTriageConfig } from "../../src/config/triage-config";
import { intakeWithTriage, message, sender } from "../support/intake-harness";

function core() {
  return intakeWithTriage(
    parseTriageConfig({
      defaultDestination: "webchat:triage",
      routes: [{ system: "ehr", destination: "teams:19:triage@thread.tacv2" }],
      triagers: { slack: { userIds: ["UIT1"] } },
    }),
  );
}

const NURSE_WEB = sender("w-nurse", { channel: "webchat", conversationKey: "webchat:dl_nurse", direct: true });
// Web chat rooms need no mention, so they arrive as "direct"; only the conversation key says "room".
const WEB_ROOM = { ...NURSE_WEB, conversationKey: "webchat:triage" };
const TEAMS_1TO1 = sender("aad-nurse", { channel: "teams", conversationKey: "teams:a:29:nurse", direct: true });
const TEAMS_TRIAGE = { ...TEAMS_1TO1, conversationKey: "teams:19:triage@thread.tacv2;messageid=1", direct: false };
const TEAMS_WARD = { ...TEAMS_1TO1, conversationKey: "teams:19:ward@thread.tacv2", direct: false };

describe("'my reports' in shared rooms", () => {
  it("answers with where to ask instead of the list in a web chat triage room and in Teams channels", async () => {
    const h = await core();
    await h.core.onMessage({ ...message("anonymous: the label printer on 4B jams"), sender: NURSE_WEB });
    await h.core.onMessage({ ...message("anonymous: Epic slow on 5 East"), sender: TEAMS_1TO1 });
    for (const where of [WEB_ROOM, TEAMS_TRIAGE, TEAMS_WARD]) {
      const response = await h.core.onMessage({ ...message("my reports"), sender: where });
      expect(response.replies).toHaveLength(1);
      const reply = response.replies[0]!.message;
      expect(reply.text).toMatch(/only answer it in your own chat with me/);
      expect(reply.note).toMatch(/1:1 chat with the bot/);
      expect(JSON.stringify(reply)).not.toMatch(/R-\d{4}|printer|Epic|anonymous/i);
    }
    expect(await h.store.reports.count({})).toBe(2);
  });

  it("still lists them in the person's own chat", async () => {
    const h = await core();
    await h.core.onMessage({ ...message("the label printer on 4B jams"), sender: NURSE_WEB });
    const web = await h.core.onMessage({ ...message("my reports"), sender: NURSE_WEB });
    expect(web.replies[0]!.message.title).toBe("My reports");
    expect(web.replies[0]!.message.facts).toHaveLength(1);
    const teams = await h.core.onMessage({ ...message("my reports"), sender: TEAMS_1TO1 });
    expect(teams.replies[0]!.message.title).toBe("My reports");
  });
});
