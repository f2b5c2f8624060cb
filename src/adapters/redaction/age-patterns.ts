/**
 * Ages over 89 (HIPAA Safe Harbor), in the forms clinicians type: "92M", "95 yo", "97 y/o",
 * "91-year-old", "93 años", "94 ans", "96 J.", "90 lat", "aged 94", "she's 99", and a bare number
 * right after a redacted name ("[NAME], 98, got a full tray"), "F/92", "93-letnia", and in words in the five
 * languages ("ninety-three year old", "dreiundneunzig Jahre", "noventa y dos años", "quatre-vingt-douze
 * ans", "dziewięćdziesiąt lat"). A temperature ("temp 98F") is not an age. A bare age after a date of
 * birth ("DOB 03/04/1931, 93") goes too, and a birth year right after a name ("Okafor 1931").
 */
import type { PhiSpan } from "./identifier-patterns";

const AGE = "(?:9\\d|1[01]\\d)";
const AGE_UNIT =
  "(?:\\s?-?\\s?(?:years?|yrs?|yo|y\\/o|y\\.o\\.?|yr-old|y|j\\.?|jahre?n?|jährige[rmns]?|j[äa]hrig|a[ñn]os|ans|lat|lata|r\\.|letni(?:a|ego|ej|emu|m)?|l\\.)(?![\\p{L}])(?:[- ]old)?|-year-old|[MFmf](?![\\p{L}\\d]))";
/** Sex and age with a slash, removed whole: "F/92", "92/M", "W/94" ("w/" is "with": not taken). */
const SLASHED = new RegExp(
  `(?<![\\p{L}\\d])(?:[MFWmf]\\s?\\/\\s?${AGE}|${AGE}\\s?\\/\\s?[MFWmf])(?![\\p{L}\\d%]|[.,]\\d)`,
  "gu",
);
const UNITS = "(?:\\s+(?:years?|yrs?)(?:[- ]old)?|[- ]years?[- ]old|[- ]?y\\/?o)";
/** Ages over 89 in words, in the five languages ("ninety-three year old", "dreiundneunzig Jahre", "noventa y dos años"). */
const IN_WORDS = new RegExp(
  [
    `\\b(?:ninety|one hundred(?: and)?)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?${UNITS}`,
    `\\b(?:(?:ein|zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun)und)?neunzig(?:[- ]?j[äa]hrige?[rmns]?|\\s+Jahre?)`,
    `\\bnoventa(?:\\s+y\\s+(?:un[oa]?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?\\s+a[ñn]os`,
    `\\b(?:quatre-vingts?-(?:dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf)|nonante(?:-(?:et-un|deux|trois|quatre|cinq|six|sept|huit|neuf))?)\\s+ans`,
    `\\bdziewi[ęe][ćc]dziesi[ąa]t(?:\\s+(?:jeden|jedna|dwa|dwie|trzy|cztery|pi[ęe][ćc]|sze[śs][ćc]|siedem|osiem|dziewi[ęe][ćc]))?(?:\\s+lata?(?![\\p{L}])|\\s*-?\\s*letni\\p{L}*)`,
    `\\b(?:nonagenarian|centenarian|nonagenari[oa]|centenari[oa]|centenaire|nonag[ée]naire|neunzigj[äa]hrige?[rmns]?|hundertj[äa]hrige?[rmns]?|stulatk[ai]|stuletni\\p{L}*)\\b`,
  ].join("|"),
  "giu",
);
const WORD_CUE = /ninet|hundred|neunzig|hundertj|noventa|vingt|nonant|dziewi|centenar|nonagen|stulat|stulet/iu;
const AFTER_NUMBER = new RegExp(`(?<![\\d.,])${AGE}${AGE_UNIT}`, "giu");
const BEFORE_NUMBER = new RegExp(
  `\\b(?:aged?|age:|alter|im alter von|edad(?: de)?|de edad|[âa]g[ée]e? de|[âa]ge|wiek|w wieku|lat|l\\.)\\s*:?\\s*(${AGE})(?!\\d)`,
  "giu",
);
/** "she's 91", "Mum is 93", "la paciente tiene 94", "Oma ist 92", "pacjentka ma 95": removed with the pronoun. */
const PERSON_IS = new RegExp(
  `(?<![\\p{L}])(?:(?:she|he)(?:'s|’s| is| was)|(?:mum|mom|mother|dad|father|nan|nana|gran|granny|grandma|grandpa|grandmother|grandfather|pt|patient|the lady|the gentleman|oma|opa|mutter|vater|patientin|patient|abuela|abuelo|madre|padre|paciente|mamie|papi|m[eè]re|p[eè]re|patiente|babcia|dziadek|matka|ojciec|pacjent(?:ka)?)\\s+(?:is|was|turned|ist|war|wird|tiene|ten[ií]a|cumple|a|avait|a eu|ma|mia[łl]a?|sko[ńn]czy[łl]a?)|(?:il|elle) a)\\s+$`,
  "iu",
);
/** A number that may be an age over 89 and is no dose, rate, percentage or time. */
const AGE_NUMBER = new RegExp(`(?<![\\d.,])${AGE}(?![\\d.:%]|\\s*(?:%|mg|ml|units|kg|min|bpm|mmhg))`, "giu");
/** A bare age set off by commas or brackets after a word: "la paciente, 94, no tiene", "Frau X (92)". */
const SET_OFF = new RegExp(`(?:,\\s|\\s\\()(?<=\\p{L}\\)?(?:,\\s|\\s\\())(${AGE})(?=\\s?[,)]|\\.(?!\\d))`, "gu");
const TEMPERATURE = /(?:temp(?:erature)?|fever|febrile|\bT)\s*:?\s*$/iu;
/** A bare age after a name: ", 98," / " (91)" / ", 91 -". */
const AFTER_NAME = new RegExp(
  `^,?\\s*\\(?(${AGE})(?=\\)|\\s*[,;:\\-–—]|\\.(?!\\d)|\\s*$|\\s+(?:who|who's|is|was|has|had|got|with|in|on|at|and|ist|hat|war|mit|im|tiene|est[aá]|con|en|a|est|avec|dans|ma|jest|z|w)\\b)`,
  "iu",
);

const BIRTH_YEAR_AFTER_NAME = /^,?\s\(?(19\d{2})(?=\)|[\s,;.]|$)(?!\s?(?:-|–|to|bis)\s?\d)/u;

export function findAges(text: string, nameSpans: readonly PhiSpan[]): PhiSpan[] {
  const spans: PhiSpan[] = [];
  if (WORD_CUE.test(text))
    for (const m of text.matchAll(IN_WORDS)) spans.push({ start: m.index, end: m.index + m[0].length, type: "AGE" });
  if (!/\b(?:9\d|1[01]\d|19\d\d)/.test(text)) return spans;
  for (const m of text.matchAll(SLASHED)) spans.push({ start: m.index, end: m.index + m[0].length, type: "AGE" });
  for (const m of text.matchAll(AFTER_NUMBER)) {
    if (TEMPERATURE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, type: "AGE" });
  }
  for (const m of text.matchAll(AGE_NUMBER)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const person = PERSON_IS.exec(before);
    if (person) spans.push({ start: m.index - person[0].length, end: m.index + m[0].length, type: "AGE" });
  }
  // "age 99", "lat 93": the word goes with the number (nothing is left to read once the number is gone).
  for (const m of text.matchAll(BEFORE_NUMBER)) spans.push({ start: m.index, end: m.index + m[0].length, type: "AGE" });
  for (const pattern of [SET_OFF])
    for (const m of text.matchAll(pattern)) {
      const start = m.index + m[0].lastIndexOf(m[1]!);
      spans.push({ start, end: start + m[1]!.length, type: "AGE" });
    }
  for (const name of nameSpans) {
    if (name.type === "NAME") {
      // A birth year right after a name: "Okafor 1931", "Nowak (1938)".
      const year = BIRTH_YEAR_AFTER_NAME.exec(text.slice(name.end, name.end + 10));
      if (year) {
        const start = name.end + year[0].lastIndexOf(year[1]!);
        spans.push({ start, end: start + 4, type: "DOB" });
      }
    }
    const m = AFTER_NAME.exec(text.slice(name.end, name.end + 12));
    if (!m) continue;
    const start = name.end + m[0].lastIndexOf(m[1]!);
    spans.push({ start, end: start + m[1]!.length, type: "AGE" });
  }
  return spans;
}
