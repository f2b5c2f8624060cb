/** One redactor over the built-in catalogue for the PHI detector tests, and a word-level leak check. */
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { leakedIdentifiers, removedLookalikes } from "../../src/cli/eval-phi";
import { loadCatalogue } from "../../src/config/catalogue";

const redactor = createRegexRedactor(loadCatalogue());

export const redact = (text: string): string => redactor.redact(text).text;

/** What is wrong with one message: identifiers with a word left, look-alikes removed (empty = right). */
export function phiProblems(text: string, phi: string[], notPhi: string[] = []): string[] {
  const out = redact(text);
  return [
    ...leakedIdentifiers(text, out, phi).map((p) => `leaked "${p}" in: ${out}`),
    ...removedLookalikes(text, out, notPhi).map((n) => `removed "${n}" in: ${out}`),
  ];
}
