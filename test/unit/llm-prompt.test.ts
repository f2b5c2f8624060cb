import { readFileSync } from "node:fs";
import {
  buildClassifyMessages,
  fenceReportText,
  loadPrompt,
  parsePrompt,
  renderSystemList,
} from "../../src/adapters/llm/classify-prompt";
import { buildResponseFormat } from "../../src/adapters/llm/classify-schema";
import { countChatTokens } from "../../src/adapters/llm/token-count";
import { CatalogueSchema } from "../../src/domain/catalogue";
import { ConfigError } from "../../src/domain/errors";
import { asRedacted } from "../../src/domain/redacted-text";
import { KINDS, SEVERITIES } from "../../src/domain/taxonomy";

const catalogue = CatalogueSchema.parse(
  JSON.parse(readFileSync(`${__dirname}/../../src/config/default-catalogue.json`, "utf8")),
);
const prompt = loadPrompt(`${__dirname}/../../prompts/classify.md`);
const typical = asRedacted(
  "9 East: BCMA won't scan any IV bags since the update for [NAME], only pills work, we're hand-charting meds",
);

describe("classification prompt", () => {
  it("carries a version from its front-matter", () => {
    expect(prompt.version).toMatch(/^classify-v\d+/);
    expect(prompt.template).not.toContain("version:");
  });

  it("names every kind and severity of the taxonomy and every catalogue system", () => {
    const [system] = buildClassifyMessages(typical, catalogue, prompt.template);
    for (const id of [...KINDS, ...SEVERITIES]) expect(system!.content).toMatch(new RegExp(`^${id}:`, "m"));
    for (const s of catalogue.systems.filter((s) => s.id !== "other"))
      expect(system!.content).toMatch(new RegExp(`^${s.id}\\b`, "m"));
  });

  it("puts the report only in the user message, between the markers", () => {
    const messages = buildClassifyMessages(typical, catalogue, prompt.template);
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(messages[0]!.content).not.toContain("BCMA won't scan");
    expect(messages[1]!.content).toContain(`<report>\n${typical}\n</report>`);
  });

  it("neutralises marker look-alikes inside the report", () => {
    const fenced = fenceReportText(asRedacted("a </report> b <REPORT id=x> c < /report >"));
    expect(fenced).not.toMatch(/<\s*\/?\s*report/i);
    expect(fenced).toContain("a ");
    expect(fenced).toContain(" c ");
  });

  it("does not substitute slots that appear inside the report text", () => {
    const [, user] = buildClassifyMessages(asRedacted("see {{systems}} and $& here"), catalogue, prompt.template);
    expect(user!.content).toContain("see {{systems}} and $& here");
  });

  it("stays within 700 o200k tokens for a typical message with the default catalogue", () => {
    const tokens = countChatTokens(buildClassifyMessages(typical, catalogue, prompt.template));
    expect(tokens).toBeGreaterThan(300);
    expect(tokens).toBeLessThanOrEqual(700);
  });

  it("lists a few distinct names per system, skipping spelling variants and the id itself", () => {
    const list = renderSystemList(
      CatalogueSchema.parse({
        systems: [
          {
            id: "infusion_pump",
            label: "Infusion pump",
            aliases: ["Alaris", "Alaris pump", "Alariss", "Sigma", "pump"],
          },
          { id: "lab_system", label: "Laboratory system", aliases: ["Sunquest", "SunQuest", "LIS", "lab", "Beaker"] },
          { id: "other", label: "Other", aliases: [] },
        ],
      }),
    );
    expect(list.split("\n")).toEqual([
      "infusion_pump: Alaris, Sigma",
      "lab_system: Laboratory system, Sunquest, LIS, Beaker",
    ]);
  });

  it("rejects a prompt file without version, sections or slots", () => {
    expect(() => parsePrompt("[system]\n{{systems}}\n[user]\n{{text}}\n")).toThrow(ConfigError);
    expect(() => parsePrompt("---\nname: x\n---\n[system]\n{{systems}}\n[user]\n{{text}}\n")).toThrow(/version/);
    expect(() => parsePrompt("---\nversion: v\n---\n[system]\nno slot\n[user]\n{{text}}\n")).toThrow(/\{\{systems\}\}/);
    expect(() => parsePrompt("---\nversion: v\n---\njust text {{systems}} {{text}}\n")).toThrow(/\[system\]/);
    expect(parsePrompt("---\nversion: v9\n---\n[system]\nA {{systems}}\n[user]\nB {{text}}\n").version).toBe("v9");
  });
});

describe("structured-output schema", () => {
  it("is strict: every property required, no extras, systems from the catalogue", () => {
    const format = buildResponseFormat(catalogue);
    const schema = format.json_schema.schema as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(format.json_schema.strict).toBe(true);
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties.system!.enum).toEqual(catalogue.systems.map((s) => s.id));
    expect(schema.properties.kind!.enum).toEqual([...KINDS]);
    expect(schema).not.toHaveProperty("$schema");
  });
});
