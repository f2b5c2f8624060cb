/**
 * Language-folded concept features: the same idea in the five languages gives the same feature,
 * so the model can carry what it learned in one language to the others.
 */
import { conceptFeatures } from "../../src/adapters/classifier-offline/concept-lexicon";
import { prepareText } from "../../src/adapters/classifier-offline/text-prep";

const concepts = (text: string): string[] => conceptFeatures(prepareText(text).folded);

describe("concept features", () => {
  it.each([
    ["the pt got the wrong dose of heparin", ["x:dose", "x:highAlert", "x:patient", "x:wrong"]],
    ["Patient hat die falsche Dosis Heparin bekommen", ["x:dose", "x:given", "x:highAlert", "x:patient", "x:wrong"]],
    [
      "el paciente recibió una dosis equivocada de heparina",
      ["x:dose", "x:given", "x:highAlert", "x:patient", "x:wrong"],
    ],
    ["le patient a reçu une mauvaise dose d'héparine", ["x:dose", "x:given", "x:highAlert", "x:patient", "x:wrong"]],
    ["pacjent dostał złą dawkę heparyny", ["x:dose", "x:given", "x:patient", "x:wrong"]],
  ])("read the same ideas in every language: %s", (text, expected) => {
    expect(concepts(text)).toEqual(expect.arrayContaining(expected));
  });

  it("tell not urgent and minor apart from the rest, in every language", () => {
    for (const text of [
      "nicht dringend, Kleinigkeit",
      "no es urgente, una tontería",
      "pas urgent, petit détail",
      "nic pilnego, drobiazg",
    ])
      expect(concepts(text)).toEqual(expect.arrayContaining(["x:notUrgent", "x:minor"]));
    expect(concepts("the printer on 4 West is jammed")).not.toContain("x:notUrgent");
  });

  it("need whole words for short stems, and give each concept once, sorted", () => {
    expect(concepts("his chart")).not.toContain("x:software"); // "his" is a pronoun, not a HIS
    expect(concepts("the station printer")).not.toContain("x:urgent"); // "stat" must stand alone
    expect(concepts("STAT page please")).toContain("x:urgent");
    const f = concepts("wrong patient, wrong patient, wrong dose");
    expect(f).toEqual([...new Set(f)].sort());
    expect(concepts("")).toEqual([]);
  });
});
