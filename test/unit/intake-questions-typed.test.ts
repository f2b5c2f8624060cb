import { loadCatalogue } from "../../src/config/catalogue";
import { SKIP } from "../../src/domain/intake-questions";
import { typedAnswer } from "../../src/domain/intake-questions-typed";

const catalogue = loadCatalogue();

describe("typedAnswer: which unit?", () => {
  it.each([
    ["4 West", "4 West"],
    ["4W", "4W"],
    ["on 5 North.", "5 North"],
    ["Station 3B", "Station 3B"],
    ["ER", "ED"],
    ["the ED", "ED"],
    ["Emergency Department", "ED"],
    ["Neuro ICU", "ICU"],
    ["Labor and Delivery", "L&D"],
    ["peds", "Pediatrics"],
    ["Notaufnahme", "ED"],
    ["Rehab gym", "Rehab gym"],
    ["Oncology", "Oncology"],
    ["Infusion center", "Infusion center"],
    ["in Infusion suite", "Infusion center"],
    ["Atrium", "Atrium"],
    ["Theatre 3", "Theatre 3"],
    ["we're on Med-Surg", "Med-Surg"],
    ["front desk, clinic B", "front desk, clinic B"],
  ])("takes %p as %p", (typed, unit) => {
    expect(typedAnswer("location", typed, catalogue)).toBe(unit);
  });

  it.each([
    "it's broken again",
    "broken again",
    "still not working",
    "Epic",
    "the Pyxis",
    "printer jammed",
    "scanner won't read on 4 West",
    "keeps logging me out",
    "one two three four five",
  ])("does not take %p as a unit", (typed) => {
    expect(typedAnswer("location", typed, catalogue)).toBeNull();
  });

  it.each(["skip", "Skip", "no idea", "don't know", "n/a", "-"])("takes %p as skip", (typed) => {
    expect(typedAnswer("location", typed, catalogue)).toBe(SKIP);
  });
});

describe("typedAnswer: which system?", () => {
  it.each([
    ["Epic", "ehr"],
    ["EHR", "ehr"],
    ["the Pyxis", "dispensing_cabinet"],
    ["Printers", "printer"],
    ["label printer", "printer"],
    ["Epic Secure Chat", "communication"],
    ["wifi", "network"],
    ["Something else", "other"],
    ["skip", SKIP],
  ])("takes %p as %p", (typed, system) => {
    expect(typedAnswer("system", typed, catalogue)).toBe(system);
  });

  it.each(["it's broken again", "printer jammed again", "the thing on the wall", "no clue what it's called"])(
    "does not take %p as a system",
    (typed) => {
      expect(typedAnswer("system", typed, catalogue)).toBeNull();
    },
  );
});

describe("typedAnswer: affecting patients?", () => {
  it.each([
    ["yes", "patients_now"],
    ["yes, patients waiting", "patients_now"],
    ["slowing us down", "slowed"],
    ["no", "minor"],
    ["not really", "minor"],
  ])("takes %p as %p", (typed, value) => {
    expect(typedAnswer("impact", typed, catalogue)).toBe(value);
  });

  it("does not take a new problem as the answer", () => {
    expect(typedAnswer("impact", "printer broken on 2 South", catalogue)).toBeNull();
  });
});
