import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import { renderDetailForm, renderReportForm } from "../../src/adapters/channels/teams/forms";
import { escapeCardText } from "../../src/adapters/channels/teams/escape-card-text";
import { renderActivity, renderCard } from "../../src/adapters/channels/teams/render-card";
import type { BotMessage } from "../../src/domain/message";
import type { Json } from "../fakes/fake-bot-connector";

const schemaPath = path.resolve(__dirname, "../fixtures/schemas/adaptive-card-1.5.json");

function cardValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  // The published schema names its id with draft-04 style `id`; Ajv 8 wants `$id`.
  const { id, ...schema } = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  return ajv.compile({ $id: id, ...schema });
}

const full: BotMessage = {
  title: "R-1042 received",
  text: "Epic froze during med pass on ward 5",
  facts: [
    { label: "System", value: "EHR (Epic)" },
    { label: "Urgency", value: "High" },
  ],
  question: {
    reportId: "R-1042",
    field: "impact",
    text: "Is patient care affected?",
    choices: [
      { value: "yes", label: "Yes" },
      { value: "no", label: "No" },
    ],
  },
  actions: [
    { action: "urgent", label: "Mark urgent", data: { reportId: "R-1042" }, style: "danger" },
    { action: "add_detail", label: "Add detail", data: { reportId: "R-1042" }, style: "primary" },
  ],
  note: "Patient details were removed before storing.",
  tone: "warning",
};

describe("renderCard", () => {
  const validate = cardValidator();

  it.each([
    ["a full message with Action.Submit", renderCard(full)],
    ["a full message with Action.Execute", renderCard(full, { actionKind: "execute" })],
    ["a text-only message", renderCard({ text: "Hello" })],
    ["the report form", renderReportForm({ text: "Pump offline", authorName: "Dr. Who" })],
    ["the report form without author", renderReportForm({ text: "", authorName: null })],
    ["the detail form", renderDetailForm({ reportId: "R-1", title: "More detail", prompt: "What else?" })],
  ])("%s is a valid Adaptive Card 1.5", (_name, card) => {
    const ok = validate(card);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(card.version).toBe("1.5");
  });

  it("the validator does reject a broken card (so the checks above mean something)", () => {
    expect(validate({ type: "AdaptiveCard", version: "1.5", body: [{ type: "FactSet" }] })).toBe(false);
    expect(validate({ type: "AdaptiveCard", version: "1.5", actions: [{ type: "Action.Execute", title: 3 }] })).toBe(
      false,
    );
  });

  it("renders title, text, facts, tone, question choices and actions", () => {
    const card = renderCard(full);
    const container = (card.body as Json[])[0];
    expect(container.style).toBe("warning");
    expect(container.items.map((i: Json) => i.type)).toEqual([
      "TextBlock",
      "TextBlock",
      "FactSet",
      "TextBlock",
      "TextBlock",
    ]);
    expect(container.items[4]).toMatchObject({ isSubtle: true, size: "Small" });
    const choices = (card.body as Json[])[1].actions;
    expect(choices.map((a: Json) => a.data)).toEqual([
      { action: "answer", reportId: "R-1042", field: "impact", value: "yes" },
      { action: "answer", reportId: "R-1042", field: "impact", value: "no" },
    ]);
    expect((card.actions as Json[]).map((a) => [a.title, a.style])).toEqual([
      ["Mark urgent", "destructive"],
      ["Add detail", "positive"],
    ]);
    const execute = renderCard(full, { actionKind: "execute" });
    expect((execute.actions as Json[])[0]).toMatchObject({ type: "Action.Execute", verb: "urgent" });
  });

  it("carries a plain-text fallback", () => {
    const activity = renderActivity(full);
    expect(activity.attachments[0]!.content.fallbackText).toContain("System: EHR (Epic)");
    expect(activity.summary).toContain("R-1042 received");
  });

  it("sends a pre-rendered card as is", () => {
    const digest = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Digest" }] };
    expect(renderCard({ text: "fallback", rendered: { adaptiveCard: digest } })).toBe(digest);
  });
});

describe("escapeCardText", () => {
  it.each([
    ["[click me](https://evil.example)", /\]\(/],
    ["![img](https://evil.example/x.png)", /!\[/],
    ["**bold** and __under__ and _it_", /\*|(^|[^\p{L}\p{N}])_/u],
    ["<at>Everyone</at> look", /<at>/],
    ["visit https://evil.example now", /https:\/\//],
  ])("neutralises %s", (input, forbidden) => {
    const out = escapeCardText(input);
    expect(out).not.toMatch(forbidden);
  });

  it("keeps ordinary text and redaction placeholders readable", () => {
    expect(escapeCardText("Epic down on ward 5 [PATIENT_NAME] since 8:00")).toBe(
      "Epic down on ward 5 [PATIENT_NAME] since 8:00",
    );
  });

  it("is applied to reporter text in every card field", () => {
    const card = renderCard({
      title: "[t](http://a)",
      text: "<at>x</at>",
      facts: [{ label: "L", value: "**v**" }],
      note: "![i](http://b)",
    });
    const json = JSON.stringify(card.body);
    expect(json).not.toMatch(/\]\(|<at>|\*\*|!\[/);
  });
});
