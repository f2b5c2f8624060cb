/**
 * Contact details beyond the plain shapes: e-mail written out in the five languages
 * ("sandra dot pilkington at hotmail dot co dot uk", "x [at] y [dot] com", "jean point dupont arobase
 * orange point fr", "luisa punto mora arroba gmail punto es", "k punkt weber at gmx Punkt de",
 * "anna kropka nowak małpa wp kropka pl"), PO boxes, US "City, ST 12345" and labelled postal codes.
 */
import type { Rule } from "./identifier-patterns";

const AT =
  "(?:\\s*(?:\\(at\\)|\\[at\\]|\\{at\\})\\s*|\\s+(?:at|arroba|arobase|chez|małpa|malpa|at-zeichen|klammeraffe)\\s+)";
/** A dot written out between words of the local part: "sandra dot pilkington", "jean point dupont". */
const SPELLED_DOT = "\\s+(?:dot|punto|point|punkt|kropka)\\s+";
const DOT = "(?:\\s*(?:\\(dot\\)|\\[dot\\]|\\{dot\\})\\s*|\\s+(?:dot|punto|point|punkt|kropka)\\s+|\\.)";
const TLD =
  "(?:com|org|net|edu|gov|mil|info|biz|io|co|us|uk|ie|ca|au|de|at|ch|fr|be|es|mx|ar|pl|it|nl|pt|br|eu|lu|cz|sk|se|no|dk|fi|nz|za|in|ru|gr|hu|ro|me|tv)";
const STATES =
  "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)";
const CITY_STATE_ZIP = `(?:\\p{Lu}[\\p{Ll}.]+\\s){0,2}\\p{Lu}[\\p{Ll}]+,?\\s+${STATES}\\s+\\d{5}(?:-\\d{4})?`;

/**
 * Toll-free and non-geographic service numbers (US 800/888/877/866/855/844/833, UK 0800/0808/0500,
 * 0845/0870/0300): a helpdesk's or a scammer's, never a patient's; phone rules drop what lies in one.
 */
const TOLL_FREE =
  /(?:\+?1[\s.-]?)?\(?(?:800|888|877|866|855|844|833)\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)|(?<!\d)0(?:800|808|500|845|870|300)[\s.-]?\d{3}[\s.-]?\d{3,4}(?!\d)/g;

export function tollFreeRanges(text: string): { start: number; end: number }[] {
  if (!/(?:800|888|877|866|855|844|833|0808|0500|0845|0870|0300)/.test(text)) return [];
  return [...text.matchAll(TOLL_FREE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A digit said in one of the five languages. */
const DIGIT_WORD =
  "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|z[ée]ro|un|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|null|eins|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun|jeden|dwa|trzy|cztery|pi[ęe][ćc]|sze[śs][ćc]|siedem|osiem|dziewi[ęe][ćc])";

/** Digits of a phone number however it is grouped. */
const digitCount = (v: string): number => v.replace(/\D/g, "").length;

export const CONTACT_RULES: Rule[] = [
  // Phone numbers typed in groups, national or international: "07700 900 123", "+44 20 7946 0958",
  // "612 48 93 07", "0475 12 34 56", "601 234 567". A national number opens with its trunk 0; a
  // number without one needs three groups or more and a mobile's first digit (6, 7 or 9).
  {
    type: "PHONE",
    pattern: /(?<![\w.,:/+-])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,4}){2,4}(?![\w:/-]|[.,]\d)/g,
    group: 0,
    accept: (v) =>
      digitCount(v) >= 9 &&
      digitCount(v) <= 13 &&
      (/^(?:\+|\(?0)/.test(v) ||
        /^[679]\d{2}[\s.-]\d{2,3}[\s.-]\d{2,3}(?:[\s.-]\d{2})?$/.test(v) ||
        /^\d{2}\s\d{3}\s\d{2}\s\d{2}$/.test(v)),
    minDigits: 9,
    unlabelled: true,
  },
  // A phone number read out in words ("plus one six one three five five five zero one four two",
  // "cinq un quatre, cinq cinq cinq, zéro neuf trois deux"): seven digit words or more in a row.
  {
    type: "PHONE",
    pattern: new RegExp(
      `(?<!\\p{L})(?:(?:plus|\\+)\\s*)?${DIGIT_WORD}(?:[\\s,.-]+${DIGIT_WORD}){6,14}(?!\\p{L})`,
      "giu",
    ),
    group: 0,
    minDigits: 0,
  },
  {
    type: "EMAIL",
    pattern: new RegExp(
      `\\b[A-Za-z0-9][A-Za-z0-9._%+-]*(?:${SPELLED_DOT}[A-Za-z0-9][A-Za-z0-9._%+-]*){0,3}${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*${DOT}${TLD}\\b`,
      "giu",
    ),
    group: 0,
    minDigits: 0,
    needs: new RegExp(`(?:\\.|${DOT})${TLD}\\b`, "iu"),
    // "password at site.com" is not an address: a plain " at " needs a written "dot" or an
    // address-like local part ("paddy.oneill", "jm77").
    accept: (v) =>
      /\b(?:dot|punto|point|punkt|kropka)\b|[[({]at[\])}]|arroba|ma[łl]pa/iu.test(v) || /^\S*[._\d]\S*\s/u.test(v),
  },
  {
    type: "ADDRESS",
    pattern: new RegExp(
      `\\b(?:P\\.?\\s?O\\.?\\s?Box|Post\\s+Office\\s+Box|Postfach|Apartado(?:\\s+de\\s+correos)?|Apdo\\.?|Bo[iî]te\\s+postale|skrytka\\s+pocztowa)\\s*#?\\s*\\d{1,6}(?:,?\\s*${CITY_STATE_ZIP})?`,
      "giu",
    ),
    group: 0,
  },
  { type: "ADDRESS", pattern: new RegExp(`\\b${CITY_STATE_ZIP}\\b`, "gu"), group: 0, minDigits: 5 },
  {
    type: "ADDRESS",
    pattern:
      /\b(?:zip(?:\s*code)?|postal\s+code|post\s*code|PLZ|Postleitzahl|c[oó]digo\s+postal|C\.?P\.|code\s+postal|kod\s+pocztowy)\s*[:#]?\s*(\d{5}(?:-\d{4})?|\d{2}-\d{3}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b/giu,
    group: 1,
    minDigits: 5,
  },
];
