/**
 * National and insurance numbers of the countries whose languages the bot reads, by their published
 * formats, with the check digit wherever the format has one, so that a device serial or a ticket
 * number of the same length stays: UK NHS number (3-3-4, mod 11), German Krankenversichertennummer
 * (a letter and 9 digits, the last a check digit), French NIR (13 digits, or 15 with its key
 * 97 - n mod 97), Spanish DNI/NIE (the letter is a check character) and the Spanish health card
 * (CIP / tarjeta sanitaria, labelled). PESEL (11 digits, weighted) is in identifier-patterns.ts.
 */
import type { Rule } from "./identifier-patterns";

const digitsOf = (s: string): string => s.replace(/\D/g, "");

export function nhsValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10) return false;
  const sum = [...d.slice(0, 9)].reduce((acc, c, i) => acc + Number(c) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(d[9]);
}

/** Krankenversichertennummer: letter (A=01 … Z=26) and 8 digits, weights 1,2,1,2…, digit sums, mod 10. */
export function kvnrValid(value: string): boolean {
  const m = /^([A-Z])(\d{8})(\d)$/.exec(value.toUpperCase());
  if (!m) return false;
  const letter = m[1]!.charCodeAt(0) - 64;
  const figures = [Math.floor(letter / 10), letter % 10, ...[...m[2]!].map(Number)];
  const sum = figures.reduce((acc, d, i) => {
    const p = d * (i % 2 === 0 ? 1 : 2);
    return acc + Math.floor(p / 10) + (p % 10);
  }, 0);
  return sum % 10 === Number(m[3]);
}

/** French NIR: a 15-digit number must carry its key (Corsica's 2A/2B count as 19/18); 13 digits have none. */
export function nirValid(value: string): boolean {
  const compact = value.replace(/[\s.]/g, "").toUpperCase();
  if (compact.length === 13) return true;
  if (compact.length !== 15) return false;
  const body = compact.slice(0, 13).replace("2A", "19").replace("2B", "18");
  if (!/^\d{13}$/.test(body)) return false;
  return 97 - Number(BigInt(body) % 97n) === Number(compact.slice(13));
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spanish DNI (8 digits) and NIE (X/Y/Z and 7 digits): the letter is the number mod 23. */
export function dniValid(value: string): boolean {
  const m = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(value.toUpperCase().replace(/-/g, ""));
  if (!m) return false;
  const lead = { X: "0", Y: "1", Z: "2" }[m[1]!] ?? m[1]!;
  return DNI_LETTERS[Number(`${lead}${m[2]}`) % 23] === m[3];
}

const HEALTH_CARD_LABEL =
  "(?:CIP(?:-SNS|-AUT)?|TSI|tarjeta sanitaria(?: individual)?|n[uú]m(?:ero|\\.)? (?:de )?tarjeta(?: sanitaria)?|KVNR|Krankenversichertennummer|Versicherten-?nr\\.?|eGK(?:-Nummer)?|carte vitale|NSS|NASS|NAM|RAMQ|CHI(?: number| no\\.?)?|Medicare(?: card| no\\.?| number)?)";

export const NATIONAL_ID_RULES: Rule[] = [
  // Labelled health-card numbers of any shape: "CIP BBBB 0123456 78", "tarjeta sanitaria MRGA 1234567890".
  {
    type: "NATIONAL_ID",
    pattern: new RegExp(
      `\\b${HEALTH_CARD_LABEL}\\s*[:#]?\\s*(?:n[ºo°.]*\\s*)?([A-Z]{0,4}\\s?\\d[\\dA-Z]*(?:[\\s.-]\\d[\\dA-Z]*){0,4})`,
      "giu",
    ),
    group: 1,
    accept: (v) => digitsOf(v).length >= 6,
    minDigits: 6,
  },
  // NHS number typed with dashes or without spaces (with spaces: identifier-patterns.ts).
  {
    type: "NATIONAL_ID",
    pattern: /(?<![\d-])\d{3}-\d{3}-\d{4}(?![\d-])/g,
    group: 0,
    accept: nhsValid,
    minDigits: 10,
  },
  // Mexican CURP by its format: "NIOR390817MDFRRS05"; Belgian national register number "48.07.12-233.61".
  {
    type: "NATIONAL_ID",
    pattern: /\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d\b/g,
    group: 0,
    minDigits: 7,
  },
  { type: "NATIONAL_ID", pattern: /\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b/g, group: 0, minDigits: 11 },
  // Malaysian MyKad (birth date YYMMDD, place of birth, serial): "581204-10-5567"; Emirates ID: "784-1987-1234567-1".
  {
    type: "NATIONAL_ID",
    pattern: /(?<![\d-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{2}-\d{4}(?![\d-])/g,
    group: 0,
    minDigits: 12,
  },
  { type: "NATIONAL_ID", pattern: /(?<![\d-])784-?(?:19|20)\d{2}-?\d{7}-?\d(?![\d-])/g, group: 0, minDigits: 15 },
  // Krankenversichertennummer on its own: "A123456780".
  { type: "NATIONAL_ID", pattern: /\b[A-Z]\d{9}\b/g, group: 0, accept: kvnrValid, minDigits: 9, unlabelled: true },
];
