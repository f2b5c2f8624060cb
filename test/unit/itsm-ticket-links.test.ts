/** The triage card shows its ticket: a fact with the number, and a link (Slack `<url|label>`, Teams Action.OpenUrl). */
import { renderBlocks } from "../../src/adapters/channels/slack/render-blocks";
import { renderCard } from "../../src/adapters/channels/teams/render-card";
import { triageCard } from "../../src/app/triage/triage-cards";
import type { BotMessage } from "../../src/domain/message";
import { buildClassifiedReport } from "../fixtures/build-report";
import { adaptiveCardValidator } from "../support/adaptive-card-schema";

const ticketUrl = "https://hospital.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Dabc";

function card(): BotMessage {
  const report = buildClassifiedReport({
    ticket: { kind: "servicenow", id: "abc", number: "INC0010001", url: ticketUrl, createdAt: new Date() },
  });
  return triageCard(report, 1);
}

describe("ticket on the triage card", () => {
  it("has a Ticket fact and a link only once a ticket exists", () => {
    const message = card();
    expect(message.facts?.find((f) => f.label === "Ticket")?.value).toBe("INC0010001 (ServiceNow)");
    expect(message.links).toEqual([{ label: "Open INC0010001 in ServiceNow", url: ticketUrl }]);
    const without = triageCard(buildClassifiedReport(), 1);
    expect(without.facts?.some((f) => f.label === "Ticket")).toBe(false);
    expect(without.links).toBeUndefined();
  });

  it("Slack: a verbatim mrkdwn link; hostile URLs and labels cannot break out or run", () => {
    const text = JSON.stringify(renderBlocks(card()).blocks);
    expect(text).toContain(`<${ticketUrl}|Open INC0010001 in ServiceNow>`);
    const hostile: BotMessage = {
      text: "x",
      links: [
        { label: "a|<!channel>", url: "https://x.example/a|b c>d&e" },
        { label: "js", url: "javascript:alert(1)" },
      ],
    };
    const blocks = JSON.stringify(renderBlocks(hostile).blocks);
    expect(blocks).toContain("<https://x.example/a%7Cb%20c%3Ed&amp;e|a¦&lt;!channel&gt;>");
    expect(blocks).not.toContain("javascript:");
  });

  it("Teams: an Action.OpenUrl (valid Adaptive Card), javascript: dropped", () => {
    const rendered = renderCard(card());
    const actions = rendered.actions as { type: string; url?: string; title?: string }[];
    expect(actions.find((a) => a.type === "Action.OpenUrl")).toEqual({
      type: "Action.OpenUrl",
      title: "Open INC0010001 in ServiceNow",
      url: ticketUrl,
    });
    const validate = adaptiveCardValidator();
    expect(validate(rendered)).toBe(true);
    const hostile = renderCard({ text: "x", links: [{ label: "js", url: "javascript:alert(1)" }] });
    expect(JSON.stringify(hostile)).not.toContain("javascript:");
  });
});
