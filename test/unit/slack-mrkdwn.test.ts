import { escapeSlackText, truncate } from "../../src/adapters/channels/slack/mrkdwn";
import { renderBlocks, verbOf } from "../../src/adapters/channels/slack/render-blocks";

describe("Slack text safety", () => {
  it("escapes control sequences and breaks broadcast words", () => {
    expect(escapeSlackText("a <!here> & <@U1|bob> b")).toBe("a &lt;!here&gt; &amp; &lt;@U1|bob&gt; b");
    const neutral = escapeSlackText("ping @here and @channel, not email@herewego.org");
    expect(neutral).not.toMatch(/@(here|channel)\b/);
    expect(neutral).toContain("@\u200dhere");
    expect(neutral).toContain("email@herewego.org");
  });

  it("truncates with an ellipsis without cutting an entity or a surrogate pair", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab&amp;cd", 5)).toBe("ab…");
    expect(truncate("ab&amp;cd", 7)).toBe("ab…");
    expect(truncate("ab&amp;cd", 8)).toBe("ab&amp;…");
    expect(truncate("a😀b", 3)).toBe("a…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("renders pre-rendered Slack blocks as given, with a fallback text", () => {
    const payload = renderBlocks({ text: "Weekly digest", rendered: { slackBlocks: [{ type: "divider" }] } });
    expect(payload).toEqual({ text: "Weekly digest", blocks: [{ type: "divider" }] });
  });

  it("recovers the core verb from a rendered action_id", () => {
    expect(verbOf("triage.ack#3")).toBe("triage.ack");
    expect(verbOf("plain")).toBe("plain");
  });
});
