/**
 * The PHI detector on the fourth batch of cases by kind (test/fixtures/phi-kinds-fourth.ts): record
 * numbers with unusual or no labels, names and numbers in file names, initials, nicknames, all-caps
 * "LAST, First" with particles, lower-case dictated names, street addresses, spelled-out e-mail,
 * dates of birth in words, spaced phones and bare ages, each in the five languages where the kind
 * exists. Each identifier must go word by word and each look-alike beside it must stay.
 */
import type { KindCase } from "../fixtures/phi-kinds";
import { PHI_KINDS_FOURTH } from "../fixtures/phi-kinds-fourth";
import { phiProblems } from "../support/phi-redactor";

const all = Object.entries(PHI_KINDS_FOURTH).flatMap(([kind, cases]) =>
  cases.map((k): [string, string, KindCase] => [kind, k.text, k]),
);

describe("PHI detector: cases by kind, fourth batch", () => {
  it.each(all)("%s: %s", (_kind, _text, k) => {
    expect(phiProblems(k.text, k.phi, k.notPhi)).toEqual([]);
  });
});
