/**
 * Ages over 89 (HIPAA Safe Harbor), in the forms clinicians type: "92M", "95 yo", "97 y/o",
 * "91-year-old", "93 años", "94 ans", "96 J.", "90 lat", "aged 94", "she's 99", and a bare number
 * right after a redacted name ("[NAME], 98, got a full tray"). A temperature ("temp 98F") is not an age.
 */
import type { PhiSpan } from "./identifier-patterns";

const AGE = "(?:9\\d|1[01]\\d)";
const AGE_UNIT =
  "(?:\\s?-?\\s?(?:years?|yrs?|yo|y\\/o|y\\.o\\.?|yr-old|y|j\\.?|jahre?n?|jährige[rn]?|a[ñn]os|ans|lat|lata|r\\.)(?![\\p{L}])(?:[- ]old)?|-year-old|[MFmf](?![\\p{L}\\d]))";
const AFTER_NUMBER = new RegExp(`(?<![\\d.,])${AGE}${AGE_UNIT}`, "giu");
const BEFORE_NUMBER = new RegExp(
  `\\b(?:aged?|age:|alter|im alter von|edad(?: de)?|de edad|[âa]g[ée]e? de|[âa]ge|wiek|w wieku)\\s*:?\\s*(${AGE})(?!\\d)`,
  "giu",
);
const PRONOUN_IS = new RegExp(`\\b(?:she|he)(?:'s|’s| is| was)\\s+(${AGE})(?![\\d.:])`, "giu");
const TEMPERATURE = /(?:temp(?:erature)?|fever|febrile|\bT)\s*:?\s*$/iu;
/** A bare age after a name: ", 98," / " (91)" / ", 91 -". */
const AFTER_NAME = new RegExp(`^,?\\s*\\(?(${AGE})(?=\\)|\\s*[,;:\\-–—]|\\s*$)`, "u");

export function findAges(text: string, nameSpans: readonly PhiSpan[]): PhiSpan[] {
  if (!/\b(?:9\d|1[01]\d)/.test(text)) return [];
  const spans: PhiSpan[] = [];
  for (const m of text.matchAll(AFTER_NUMBER)) {
    if (TEMPERATURE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, type: "AGE" });
  }
  for (const pattern of [BEFORE_NUMBER, PRONOUN_IS])
    for (const m of text.matchAll(pattern)) {
      const start = m.index + m[0].lastIndexOf(m[1]!);
      spans.push({ start, end: start + m[1]!.length, type: "AGE" });
    }
  for (const name of nameSpans) {
    const m = AFTER_NAME.exec(text.slice(name.end, name.end + 12));
    if (!m) continue;
    const start = name.end + m[0].lastIndexOf(m[1]!);
    spans.push({ start, end: start + m[1]!.length, type: "AGE" });
  }
  return spans;
}
