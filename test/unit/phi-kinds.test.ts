/**
 * The PHI detector on the cases written by kind (test/fixtures/phi-kinds.ts): lone surnames,
 * names of other languages and cultures, trauma and unknown-patient aliases, relatives, nicknames,
 * names split by punctuation, misspelt repeats, local identifier formats, dates of birth and ages over 89 in five
 * languages, and the look-alikes that must stay. Each identifier must go word by word and each
 * look-alike must stay.
 */
import { PHI_KINDS, PHI_KINDS_SECOND, PHI_KINDS_THIRD, type KindCase } from "../fixtures/phi-kinds";
import { phiProblems } from "../support/phi-redactor";

const rows = (kinds: Record<string, KindCase[]>): [string, string, KindCase][] =>
  Object.entries(kinds).flatMap(([kind, cases]) => cases.map((k): [string, string, KindCase] => [kind, k.text, k]));
const all = [...rows(PHI_KINDS), ...rows(PHI_KINDS_SECOND), ...rows(PHI_KINDS_THIRD)];

describe("PHI detector: cases by kind", () => {
  it.each(all)("%s: %s", (_kind, _text, k) => {
    expect(phiProblems(k.text, k.phi, k.notPhi)).toEqual([]);
  });
});
