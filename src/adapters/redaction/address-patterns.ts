/**
 * Street addresses beyond the plain "12 Main Street" and "Lindenstraße 14": German addresses with a
 * preposition ("Am Mühlbach 3a", "An der Alten Mühle 7") after an address word or before a postcode,
 * UK postcodes ("BN2 4QF", "M14 5QT"), and what follows or precedes a street address found by any
 * rule: the floor and door ("3º B", "2. OG"), the postcode and town ("79098 Freiburg",
 * "30-702 Kraków", "Toowong 4066") and a flat or apartment number before it ("Flat 4, 22 Station
 * Road"). A postcode and town stand alone only after a comma and an address word.
 */
import type { PhiSpan, Rule } from "./identifier-patterns";
import { nameLexicon, OTHER_LANGUAGE_LEVEL } from "./name-lexicon";
import { foldWord } from "./fold";

const DE_PREPOSITION =
  "(?:Am|An der|An den|Im|In der|In den|Auf der|Auf dem|Zum|Zur|Unter den|Hinter der|Vor dem|Beim)";
const DE_STREET = `${DE_PREPOSITION}\\s\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?\\s\\d{1,4}\\s?[a-z]?(?![\\p{L}\\d])`;
const ADDRESS_WORD =
  "(?:wohnhaft(?: in)?|wohnt(?: in)?|Adresse|Anschrift|Wohnort|lives at|living at|address|home address|domicili[oa]d[oa] en|domicilio|direcci[óo]n|vive en|habite(?: au| à)?|domicile|adresse|demeurant|zamieszka[łl]a?|mieszka|adres)";
/** UK postcode: outward code and inward code ("BN2 4QF", "SW1A 1AA", "M14 5QT"). */
const UK_POSTCODE = "(?:[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[ABD-HJLNP-UW-Z]{2})";
/** Canadian postal code ("G1K 3P2"). */
const CA_POSTCODE = "(?:[A-CEGHJ-NPR-TVXY]\\d[A-CEGHJ-NPR-TV-Z]\\s?\\d[A-CEGHJ-NPR-TV-Z]\\d)";
/** Irish Eircode: routing key and unique identifier ("V95 X2Y4", "D6W 1234"). */
const EIRCODE = "(?:[AC-FHKNPRTV-Y]\\d{2}|D6W)\\s?[0-9AC-FHKNPRTV-Y]{4}";
const TOWN = "\\p{Lu}[\\p{Ll}-]+(?:[\\s-]\\p{Lu}[\\p{Ll}-]+)?";
const POSTCODE_TOWN = `(?:\\d{5}|\\d{2}-\\d{3}|[1-9]\\d{3})\\s${TOWN}`;

export const ADDRESS_RULES: Rule[] = [
  // Street word first and the number after, as in Belgium and Quebec: "rue des Tanneurs 41".
  {
    type: "ADDRESS",
    pattern:
      /(?<![\p{L}])(?:rue|avenue|av\.|boulevard|bd|chauss[ée]e|place|quai|chemin|all[ée]e|impasse)\s(?:(?:de la|de l'|du|des|de|d')\s?)?\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+){0,2}\s\d{1,4}[a-z]?(?![\p{L}\d])/gu,
    group: 0,
  },
  {
    type: "ADDRESS",
    pattern: new RegExp(`(?<=${ADDRESS_WORD}:?\\s)${DE_STREET}`, "gu"),
    group: 0,
    needs: new RegExp(`${DE_PREPOSITION}\\s\\p{Lu}`, "u"),
  },
  { type: "ADDRESS", pattern: new RegExp(`${DE_STREET}(?=,?\\s\\d{5}\\s\\p{Lu})`, "gu"), group: 0 },
  { type: "ADDRESS", pattern: new RegExp(`(?<![\\p{L}\\d])${UK_POSTCODE}(?![\\p{L}\\d])`, "gu"), group: 0 },
  {
    type: "ADDRESS",
    pattern: new RegExp(`(?<![\\p{L}\\d])${EIRCODE}(?![\\p{L}\\d])`, "gu"),
    group: 0,
    // Four characters that are all letters or all digits are a word or a number, not a unique identifier.
    accept: (v) => /\d/.test(v.slice(-4)) && /[A-Z]/.test(v.slice(-4)),
  },
  {
    type: "ADDRESS",
    pattern: new RegExp(
      `(?<![\\p{L}\\d-])(?=\\d)(?<=${ADDRESS_WORD}:?\\s(?:[^.\\n]{0,60},\\s)?)(${POSTCODE_TOWN})`,
      "giu",
    ),
    needs: new RegExp(ADDRESS_WORD, "iu"),
    group: 1,
    accept: (v) => townIsName(v),
  },
];

const AFTER_ADDRESS = new RegExp(
  [
    // floor and door: "3º B", "2º izq.", "2. OG", "3e étage", "m. 4"
    `^,?\\s(?:\\d{1,2}\\s?[ºª°](?:\\s?[A-Z](?![\\p{L}])|\\s?(?:izq|dcha|dch)\\.?)?|\\d{1,2}\\.\\s?(?:OG|Stock|Etage)|\\d{1,2}(?:e|er|ème)\\s[ée]tage|(?:m|lok|apt|piso|puerta)\\.?\\s?\\d{1,4}[a-z]?)`,
    // postcode and town: ", 79098 Freiburg", ", 30-702 Kraków", ", BN2 4QF", " Toowong 4066"
    `^,?\\s(?:${POSTCODE_TOWN}|(?:\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+)?,?\\s)?(?:${UK_POSTCODE}|${EIRCODE}|${CA_POSTCODE})(?![\\p{L}\\d])|\\d{5}(?:-\\d{4})?(?![\\p{L}\\d])|\\p{Lu}\\p{Ll}{2,}(?=,\\s(?:${UK_POSTCODE}|${EIRCODE})(?![\\p{L}\\d]))|\\p{Lu}\\p{Ll}{2,}(?:\\s\\p{Lu}\\p{Ll}+)?\\s\\d{4}(?!\\d|\\s\\d))`,
  ].join("|"),
  "u",
);
const BEFORE_ADDRESS =
  /(?:Flat|Apt\.?|Apartment|Unit|Wohnung|Whg\.|piso|appartement|appt\.?|mieszkanie)\s?\d{1,4}[A-Za-z]?,?\s$/u;

function townIsName(value: string): boolean {
  const town = value.replace(/^[\d-]+\s/u, "").split(/[\s-]/u)[0]!;
  const entry = nameLexicon().entry(foldWord(town));
  return (
    entry?.commonLevel === undefined || (entry.commonLevel === OTHER_LANGUAGE_LEVEL && entry.firstRank !== undefined)
  );
}

/** Widens each address over its floor, postcode and town, and a flat number before it. */
export function extendAddresses(text: string, spans: PhiSpan[]): void {
  for (const span of spans) {
    if (span.type !== "ADDRESS") continue;
    for (let step = 0; step < 3; step += 1) {
      const m = AFTER_ADDRESS.exec(text.slice(span.end, span.end + 48));
      if (!m) break;
      span.end += m[0].length;
    }
    const before = BEFORE_ADDRESS.exec(text.slice(Math.max(0, span.start - 20), span.start));
    if (before) span.start -= before[0].length;
  }
}
