/**
 * The product names of the default catalogue (src/config/product-aliases.json): each under one
 * system, none repeating a default alias, none a one-word personal name (a patient could be called
 * that); they name systems, and no word of a catalogue name shields a personal name from the redactor.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createCatalogueMatcher } from "../../src/adapters/classifier-offline/catalogue-matcher";
import { foldWord } from "../../src/adapters/redaction/fold";
import { nameLexicon, onlyAName } from "../../src/adapters/redaction/name-lexicon";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { defaultCatalogue } from "../../src/config/catalogue";

const products = Object.entries(
  JSON.parse(readFileSync(path.resolve(__dirname, "../../src/config/product-aliases.json"), "utf8")) as Record<
    string,
    string[]
  >,
).map(([id, names]) => ({ id, aliases: names }));
const base = JSON.parse(readFileSync(path.resolve(__dirname, "../../src/config/default-catalogue.json"), "utf8")) as {
  systems: { id: string; aliases: string[] }[];
};

describe("product names in the default catalogue", () => {
  it("are each under one system, new to the catalogue, and never a one-word personal name", () => {
    const lexicon = nameLexicon();
    const owner = new Map<string, string>();
    for (const s of base.systems) for (const a of s.aliases) owner.set(a.toLowerCase(), `default ${s.id}`);
    let count = 0;
    for (const system of products)
      for (const alias of system.aliases) {
        count += 1;
        expect([alias, owner.get(alias.toLowerCase())]).toEqual([alias, undefined]);
        owner.set(alias.toLowerCase(), system.id);
        const words = alias.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        if (words.length === 1) {
          expect([alias, onlyAName(lexicon.entry(foldWord(words[0]!)))]).toEqual([alias, false]);
        }
      }
    expect(count).toBeGreaterThan(1000);
  });

  it("name their system in a report", () => {
    const matcher = createCatalogueMatcher(defaultCatalogue());
    const system = (text: string) => matcher.find(text).find((h) => h.kind === "system")?.id;
    expect(system("Sundhedsplatformen froze on the medication screen")).toBe("ehr");
    expect(system("the Sectra viewer shows no priors")).toBe("imaging_pacs");
    expect(system("Imprivata OneSign keeps asking for my password")).toBe("identity_access");
  });

  it("do not shield a patient's name, nor do the words of an alias that are personal names", () => {
    const redactor = createRegexRedactor(defaultCatalogue());
    // "Welch" (Welch Allyn) and "Philips" were words of catalogue aliases, once never taken as names.
    expect(redactor.redact("spoke to Emma Welch (daughter)").text).toBe("spoke to [NAME] (daughter)");
    expect(redactor.redact("patient philips rose, 4 West").text).toBe("patient [NAME], 4 West");
    // "Parata" is a pharmacy robot and a Māori surname: a product name spares no word.
    expect(redactor.redact("nearly gave a 2nd dose to bed 9 (Hemi Parata)").text).not.toContain("Parata");
  });
});
