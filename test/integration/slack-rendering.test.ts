/** What reaches Slack: escaped reporter text, and messages that stay within Block Kit's limits. */
import type { BotMessage } from "../../src/domain/message";
import { dmEvent, eventEnvelope, jsonBody } from "../fakes/slack-signing";
import { allStrings, startSlackHarness, type SlackHarness } from "./slack-harness";

/** Slack payloads as read back from the fake API: loosely typed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => h.api.reset());

async function postedFor(message: BotMessage): Promise<Record<string, Any>> {
  h.core.script({ onMessage: () => ({ replies: [{ message }] }) });
  await h.post(jsonBody(eventEnvelope(dmEvent("U1", "hi"))));
  const [posted] = await h.api.waitFor("chat.postMessage");
  return posted!.args;
}

describe("Slack rendering", () => {
  it("never lets reporter text ping or link (mention injection)", async () => {
    const hostile = "Help <!channel> <!here> <@U1> <http://evil.example|click me> @here @channel & more";
    const args = await postedFor({
      title: `R-7 <!channel>`,
      text: hostile,
      facts: [{ label: "Said", value: "<@U1> <!everyone>" }],
      note: "from <!subteam^S1>",
      actions: [{ action: "urgent", label: "<!here> urgent", data: { reportId: "R-7" } }],
    });
    const strings = [args.text as string, ...allStrings(args.blocks)];
    const joined = strings.join("\n");
    for (const dangerous of [
      "<!channel>",
      "<!here>",
      "<@U1>",
      "<http://evil.example|click me>",
      "<!everyone>",
      "<!subteam",
    ]) {
      expect(joined).not.toContain(dangerous);
    }
    expect(joined).toContain("&lt;!channel&gt;");
    expect(joined).toContain("&lt;@U1&gt;");
    expect(joined).toContain("&amp; more");
    expect(joined).not.toMatch(/(^|[^\u200d])@(here|channel)\b/);
  });

  it("truncates long text and keeps every block within Slack's limits", async () => {
    const longText = "x".repeat(5000);
    const args = await postedFor({
      title: "T".repeat(300),
      text: longText,
      facts: Array.from({ length: 30 }, (_, i) => ({ label: `Fact ${i}`, value: "v".repeat(2500) })),
      actions: Array.from({ length: 60 }, (_, i) => ({
        action: "pick",
        label: "L".repeat(100),
        data: { i: String(i) },
      })),
    });
    const blocks = args.blocks as Record<string, Any>[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(typeof args.text).toBe("string");
    expect((args.text as string).length).toBeGreaterThan(0);
    const header = blocks.find((b) => b.type === "header")!;
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    const section = blocks.find((b) => b.type === "section" && b.text)!;
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(section.text.text.endsWith("…")).toBe(true);
    for (const block of blocks.filter((b) => b.type === "section" && b.fields)) {
      expect(block.fields.length).toBeLessThanOrEqual(10);
      for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    const actionBlocks = blocks.filter((b) => b.type === "actions");
    const buttons = actionBlocks.flatMap((b) => b.elements);
    expect(buttons).toHaveLength(60);
    for (const block of actionBlocks) {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      const ids = block.elements.map((e: { action_id: string }) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const b of buttons) {
      expect(b.text.text.length).toBeLessThanOrEqual(75);
      expect(b.value.length).toBeLessThanOrEqual(2000);
    }
  });

  it("renders question choices as answer buttons carrying report, field and value", async () => {
    const args = await postedFor({
      text: "Which system?",
      tone: "warning",
      question: {
        reportId: "R-3",
        field: "system",
        text: "Which system is affected?",
        choices: [{ value: "ehr", label: "EHR" }],
      },
    });
    const actions = (args.blocks as Record<string, Any>[]).find((b) => b.type === "actions")!;
    expect(actions.elements[0]).toMatchObject({ action_id: "answer#0", text: { text: "EHR" } });
    expect(JSON.parse(actions.elements[0].value)).toEqual({ reportId: "R-3", field: "system", value: "ehr" });
    expect((args.blocks as Record<string, Any>[])[0]!.text.text.startsWith(":warning:")).toBe(true);
  });
});
