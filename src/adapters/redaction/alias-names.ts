/**
 * Names that registration gives a patient it cannot identify yet: trauma aliases ("Trauma Zulu",
 * "TRAUMA ECHO", "Trauma Alpha 2"), Doe names ("Jane Doe 4", "john doe #2", "DOE, JANE",
 * "Unknown Doe") and unknown-patient names ("Unknown Male 17", "Unbekannt männlich 3",
 * "Desconocido 12", "Inconnu 4", "NN 7"). They identify a patient in the record as a name does.
 * "Trauma 1" or "trauma bay 2" is a place and stays.
 */
import type { PhiSpan } from "./identifier-patterns";

/** Phonetic-alphabet words used for trauma aliases. */
const NATO =
  "alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu";
const NOT_A_COUNT = "(?![\\d.:/%]|\\s*(?:x|times|min|mins|hours?|hrs?|days?|pts|patients)\\b)";
const NUMBER = `(?:[\\s-]*#?\\s?\\d{1,5}${NOT_A_COUNT})?`;
const UNKNOWN = "(?:unknown|unk|unidentified|unbekannt|desconocid[oa]|inconnue?|nieznan[ya])";
const SEX =
  "(?:male|female|man|woman|boy|girl|m[äa]nnlich|weiblich|masculino|femenino|var[oó]n|mujer|homme|femme|m[eę][żz]czyzna|kobieta)";

/** Capitalised, as registration writes it: "Unknown Male", "UNBEKANNT, WEIBLICH" (not "an unknown male"). */
const CAPITALISED = new RegExp(`(?<![\\p{L}\\d])${UNKNOWN},?\\s+${SEX}(?![\\p{L}])`, "giu");

const ALIASES: RegExp[] = [
  // Trauma Zulu, TRAUMA ECHO 2, Trauma-Alpha, Alias Bravo.
  new RegExp(`(?<![\\p{L}\\d])(?:trauma|alias|traumaalias)[\\s,-]+(?:${NATO})(?![\\p{L}])${NUMBER}`, "giu"),
  // Jane Doe 4, john doe #2, Baby Doe, Unknown Doe, Patient Doe.
  new RegExp(`(?<![\\p{L}\\d])(?:john|jane|baby|${UNKNOWN}|patient|trauma)\\s+doe(?![\\p{L}])${NUMBER}`, "giu"),
  // DOE, JANE / Doe, John 3 / Doe Jane.
  new RegExp(`(?<![\\p{L}\\d])doe,?\\s+(?:john|jane|baby|${UNKNOWN}|trauma)(?![\\p{L}])${NUMBER}`, "giu"),
  // Unknown Male 17, unidentified female #3, Desconocido 12, Inconnue 4, NN 7, Unbekannt männlich.
  new RegExp(
    `(?<![\\p{L}\\d])${UNKNOWN}(?:[\\s,]+(?:${SEX}|patient|paciente|patientin|pacjent))?[\\s-]*#?\\s?\\d{1,5}${NOT_A_COUNT}`,
    "giu",
  ),
  CAPITALISED,
  new RegExp(`(?<![\\p{L}\\d])N\\.?\\s?N\\.?\\s?#?\\d{1,4}(?![\\d.:/])`, "gu"),
];

export function findAliasNames(text: string): PhiSpan[] {
  if (!/trauma|alias|doe|unk|unbekannt|desconocid|inconnu|nieznan|NN|N\.N/iu.test(text)) return [];
  const spans: PhiSpan[] = [];
  for (const pattern of ALIASES)
    for (const m of text.matchAll(pattern)) {
      if (pattern === CAPITALISED && !/^\p{Lu}/u.test(m[0])) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, type: "NAME" });
    }
  return spans;
}
