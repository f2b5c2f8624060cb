/**
 * The one function free text goes through (src/app/pipeline/redact-free-text.ts), and a guard that
 * it stays the only caller of the redactor port outside the redactor itself and the eval (which
 * measures the redactor).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { redactClassification, redactClassifierOutput, redactFreeText } from "../../src/app/pipeline/redact-free-text";
import { loadCatalogue } from "../../src/config/catalogue";
import type { ClassificationResult } from "../../src/domain/classification";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Redactor } from "../../src/ports/redactor";

const redactor = createRegexRedactor(loadCatalogue());

const result: ClassificationResult = {
  isReport: true,
  kind: "disruption",
  system: "bcma",
  severity: "medium",
  patientSafety: false,
  location: "4 West, bed of John Miller",
  summary: "Scanner fails for John Miller (MRN 4839201)",
  tags: ["scanner", "MRN 4839201"],
  missing: [],
};

describe("redactFreeText", () => {
  it("cuts to the length kept before redacting, and never hands blank text to the redactor", () => {
    const seen: string[] = [];
    const recording: Redactor = {
      redact(raw) {
        seen.push(raw);
        return { text: asRedacted(raw), counts: {} };
      },
    };
    redactFreeText(recording, "abcdef", 3);
    redactFreeText(recording, "   ");
    expect(seen).toEqual(["abc"]);
  });

  it("is what the redactor port returns for the text", () => {
    const redaction = redactFreeText(redactor, "pt John Miller MRN 4839201");
    expect(redaction).toEqual(redactor.redact("pt John Miller MRN 4839201"));
    expect(redaction.text).not.toMatch(/John|Miller|4839201/);
    expect(redaction.counts).toMatchObject({ NAME: 1, MRN: 1 });
  });
});

describe("redactClassification", () => {
  it("redacts the summary, location and tags, sums what it removed, and leaves the rest alone", () => {
    const checked = redactClassification(redactor, result);
    const as = (text: string) => redactor.redact(text).text;
    expect(checked.result).toEqual({
      ...result,
      summary: as(result.summary),
      location: as(result.location!),
      tags: result.tags.map(as),
    });
    expect(JSON.stringify(checked.result)).not.toMatch(/John|Miller|4839201/);
    expect(checked.result.tags[0]).toBe("scanner");
    expect(checked.counts).toMatchObject({ NAME: 2, MRN: 2 });
    expect(redactClassification(redactor, { ...result, location: null }).result.location).toBeNull();
  });

  it("with the classifier output, also the reason it was flagged", () => {
    const flaggedReason = "classifier error: reply quoted pt John Miller MRN 4839201";
    const { output } = redactClassifierOutput(redactor, {
      result,
      source: "llm",
      promptVersion: "v1",
      model: "m",
      flaggedReason,
    });
    expect(output.flaggedReason).toBe(redactor.redact(flaggedReason).text);
    expect(output.flaggedReason).not.toMatch(/John|Miller|4839201/);
    expect(output.result.summary).not.toContain("Miller");
  });
});

describe("one function", () => {
  const root = path.resolve(__dirname, "../..");
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith(".ts") ? [full] : [];
    });

  it("only redact-free-text.ts calls the redactor port (besides the redactor itself and the eval)", () => {
    const allowed = [/^src\/adapters\/redaction\//, /^src\/app\/pipeline\/redact-free-text\.ts$/, /^src\/cli\/eval/];
    const callers = filesUnder(path.join(root, "src"))
      .map((file) => path.relative(root, file).split(path.sep).join("/"))
      .filter((file) => !allowed.some((a) => a.test(file)))
      .filter((file) => /\.redact\(/.test(readFileSync(path.join(root, file), "utf8")));
    expect(callers).toEqual([]);
  });
});
