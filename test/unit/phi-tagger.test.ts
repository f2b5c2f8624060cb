/**
 * The redactor's learned tagger: its committed weights are exactly what the training script makes
 * from the committed labelled files; it removes identifiers the pattern rules leave (names without a
 * cue, numbers typed after a name), grows over the rest of a name and every other copy of a word it
 * removed, and never touches what must stay whatever the model says: lab values, numbers of beds and
 * rooms, labelled tickets typed in groups, staff after a title; a date only right after a patient.
 */
import { readFileSync } from "node:fs";
import {
  bundledTaggerWeights,
  createPhiTagger,
  taggerWeights,
  type TaggerWeights,
} from "../../src/adapters/redaction/phi-tagger";
import { createRegexRedactor, createRuleSpanFinder } from "../../src/adapters/redaction/regex-redactor";
import { taggerContext, taggerTokens, tokenFeatures } from "../../src/adapters/redaction/tagger-features";
import { leakedIdentifiers } from "../../src/cli/eval-phi";
import { loadCatalogue } from "../../src/config/catalogue";
import { buildTaggerWeightsJson, TAGGER_WEIGHTS_FILE } from "../../scripts/phi-tagger-train";

const catalogue = loadCatalogue();
const withTagger = createRegexRedactor(catalogue);
const rulesOnly = createRegexRedactor(catalogue, { tagger: null });
const rules = createRuleSpanFinder(catalogue);

/** A tagger whose only opinion is that every word and number is an identifier. */
const everything: TaggerWeights = { threshold: 0.5, grow: 0.2, weights: { bias: 10 } };
const findAll = (text: string): string[] =>
  createPhiTagger(everything, rules.lists)
    .find(text, rules.find(text))
    .map((s) => text.slice(s.start, s.end));

describe("learned PHI tagger", () => {
  it("weights are reproduced byte for byte by retraining from the committed labelled files", () => {
    expect(buildTaggerWeightsJson()).toBe(readFileSync(TAGGER_WEIGHTS_FILE, "utf8"));
  }, 900_000);

  it.each([
    ["a surname in capitals with no cue", "the whiteboard shows KOWALSKI 12 / NPO to every visitor", "KOWALSKI"],
    ["a surname on a label", "found a USB stick labelled Nakashima discharge notes", "Nakashima"],
  ])("removes what the rules leave: %s", (_kind, text, identifier) => {
    expect(rulesOnly.redact(text).text).toContain(identifier);
    expect(withTagger.redact(text).text).not.toContain(identifier);
  });

  it.each([
    "[NAME]'s potassium came back 6.8 but the critical call went to a retired pager",
    "pt [NAME] (MRN [MRN]) has two allergy lists",
    "[NAME], [AGE], ssn last 4 [MRN]) has two pharmacy profiles",
    "e.g. pt [NAME] (C. diff) has no isolation flag",
    "the one for [NAME] (MBI [MRN]) got lost between triage and resus",
  ])("leaves text that was redacted before as it is: %s", (text) => {
    expect(withTagger.redact(text).text).toBe(text);
  });

  it("removes every other copy of a word it removed", () => {
    const text = "found a USB stick labelled Nakashima discharge notes, nobody knows Nakashima here";
    expect(rulesOnly.redact(text).text).toMatch(/Nakashima/);
    expect(withTagger.redact(text).text).not.toMatch(/Nakashima/);
  });

  it("never touches lab values, bed and room numbers, tickets, ages and amounts with a unit, blood pressures, toll-free numbers or staff after a title", () => {
    // With a model that calls everything an identifier, only ordinary words (and dates beside them) are taken.
    const text =
      "INR 6.1 and K 2.9, beds 91, 92 and 93, go-live 03/01/2025 in 2025, ticket 1 85 05 78 006 084 92, BP 182/118, 34F, 10000 Einheiten Heparin, 34 años, K 2.5-3.5, " +
      "call 0800 123 4567, Dr. Imelda Fairweather-Nakamura";
    const taken = findAll(text);
    for (const kept of [
      ...["6.1", "2.9", "91", "92", "93", "006", "084", "182/118", "34F", "10000", "34", "2.5-3.5"],
      ...["0800", "123", "4567", "Dr", "Imelda", "Fairweather-Nakamura"],
    ])
      expect(taken).not.toContain(kept);
    expect(taken).toEqual(expect.arrayContaining(["INR", "BP"]));
  });

  it("may take a date only right after a patient the rules found", () => {
    // A model that calls every date an identifier and nothing else.
    const dates: TaggerWeights = { threshold: 0.5, grow: 0.3, weights: { bias: -10, "s:date": 20 } };
    const text = "pt Okafor 3.4.37 has no label, the go-live was 03/01/2025";
    const taken = createPhiTagger(dates, rules.lists)
      .find(text, rules.find(text))
      .map((s) => text.slice(s.start, s.end));
    expect(taken).toEqual(["3.4.37"]);
    // A date it took is no patient: the next date stays.
    const chained = "pt Okafor 3.4.37 and go-live 03/01/2025";
    expect(
      createPhiTagger(dates, rules.lists)
        .find(chained, rules.find(chained))
        .map((s) => chained.slice(s.start, s.end)),
    ).toEqual(["3.4.37"]);
  });

  it("reads a word whole across invisible characters, and a possessive in capitals", () => {
    for (const text of [
      "found a USB stick labelled Naka\u00ADshima discharge notes",
      "found a USB stick labelled Naka\u200Dshima discharge notes",
      "the whiteboard shows KOWALSKI'S tray to every visitor",
    ]) {
      const out = withTagger.redact(text).text;
      expect(out).not.toMatch(/shima|KOWALSKI/);
      expect(out).toContain("[NAME]");
    }
  });

  it("calls numbers removed together one record number, and a lone number over 89 an age", () => {
    const text = "KOWALSKI 88 120 455 and 96";
    const types = createPhiTagger(everything, rules.lists)
      .find(text, rules.find(text))
      .map((s) => `${text.slice(s.start, s.end)}=${s.type}`);
    expect(types).toEqual(expect.arrayContaining(["120=MRN", "455=MRN", "96=AGE"]));
  });

  it("only adds to what the rules found", () => {
    const text = "pt John Smith MRN 4471920 in bed 4";
    const ruleSpans = rules.find(text);
    const added = createPhiTagger(everything, rules.lists).find(text, ruleSpans);
    for (const a of added) for (const r of ruleSpans) expect(a.end <= r.start || a.start >= r.end).toBe(true);
  });

  it("keeps staff after a title, drug and scale names", () => {
    const text = "Dr. Ferreira-Lund asked why the Braden Scale and the vancomycin dosing protocol are missing";
    expect(withTagger.redact(text).text).toBe(text);
  });

  it("sees what the rules found next to a word", () => {
    const text = "Frau Yilmaz wartet";
    const tokens = taggerTokens(text);
    const context = taggerContext(tokens, text, rules.lists, ["-", "NAME", "-"]);
    expect(tokenFeatures(context, 2)).toEqual(expect.arrayContaining(["r-1:NAME", "w-1:yilmaz", "cue2:hon"]));
  });

  it("loads its weights once, with a threshold and a smaller threshold to grow by, and compiles them without loss", () => {
    const w = taggerWeights();
    expect(w.grow).toBeLessThan(w.threshold);
    const entries = Object.entries(w.weights);
    expect(entries.length).toBeGreaterThan(1000);
    const compiled = bundledTaggerWeights();
    expect(bundledTaggerWeights()).toBe(compiled);
    expect(compiled.features.size).toBe(entries.length);
    for (const [feature, value] of entries) expect(compiled.values[compiled.features.id(feature)]).toBe(value);
    expect(compiled.features.id("no such feature")).toBe(-1);
  });
});

describe("PHI scoring, word by word", () => {
  it("does not count the 's of a possessive or the article of 'la señora', but counts a surviving initial or name part", () => {
    expect(leakedIdentifiers("Mr. Buckley's tray", "[NAME]'s tray", ["Mr. Buckley's"])).toEqual([]);
    expect(
      leakedIdentifiers("la señora Rosa Quintero llamó", "la señora [NAME] llamó", ["la señora Rosa Quintero"]),
    ).toEqual([]);
    expect(leakedIdentifiers("Maria S. in bed 4", "[NAME] S. in bed 4", ["Maria S."])).toEqual(["Maria S."]);
    expect(leakedIdentifiers("La Thi Hoa in bed 4", "La [NAME] in bed 4", ["La Thi Hoa"])).toEqual(["La Thi Hoa"]);
  });
});
