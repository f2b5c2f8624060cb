/**
 * Finds catalogue systems and units in a message, with their positions. Systems and units compete
 * for the same words: the earliest, then longest, phrase wins ("Cath lab" is a unit, so its "lab"
 * is not the lab system; "pharmacy system" is a system, so its "pharmacy" is not a unit).
 * Aliases written all in capitals ("OR", "ED", "MAR", "PIN") match only in capitals, and short
 * ones are ignored in shouted text, where every word is in capitals.
 */
import type { Catalogue } from "../../domain/catalogue";

export interface CatalogueHit {
  kind: "system" | "unit";
  /** System id, or the unit's canonical name. */
  id: string;
  start: number;
  end: number;
  /** The words as written in the message. */
  text: string;
}

interface Phrase {
  kind: "system" | "unit";
  id: string;
}

const isAcronym = (s: string): boolean => /^[\p{Lu}\d&/-]+$/u.test(s) && /\p{Lu}/u.test(s);
const WORD = /[\p{L}\p{N}\p{Extended_Pictographic}]+/gu;
const WORD_BREAK = /[^\p{L}\p{N}\p{Extended_Pictographic}]+/u;
/** "4 West", "10 East", "2 South": numbered wards are units even when not in the catalogue. */
const DIRECTION = "(?:West|East|North|South|Ost|Nord|Süd|Sud|Oeste|Este|Norte|Sur|Est|Zachód|Wschód)";
const NUMBERED_WARD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:Station|Unit|Ward|Pod|Stacja) )?\\d{1,2}\\s?${DIRECTION}(?![\\p{L}\\p{N}])`,
  "giu",
);
/**
 * "4W", "5N" (ward shorthand, capitals only) and "Station 3B", "Unit 4C", "Ward 7", "Sala 5",
 * "Oddział 3": the keyword is part of the unit's name.
 */
const WARD_CODE =
  /(?<![\p{L}\p{N}])(?:\d{1,2}[NSEW]|(?:Station|Unit|Ward|Pod|Stacja|[Oo]ddział|[Ss]ala) \d{1,2}[A-Z]{0,2})(?![\p{L}\p{N}])/gu;
/** "oncology floor", "peds floor", "ORTHO FLOOR": a specialty word before "floor". */
const FLOOR =
  /(?<![\p{L}\p{N}])(?!(?:the|this|that|our|my|your|their|his|her|each|every|any|whole|entire|same|new|other|which|what|one|no|a|an|on|to|of|in|at|off|per|across|next|another|all|main)\s)\p{L}[\p{L}-]+\s(?:floor|Floor|FLOOR)(?![\p{L}\p{N}])/giu;
/**
 * German "auf Station 3B": "Station" is the German word for ward, so the unit is its code "3B" (as
 * the labelled data has it) — but only a code that names a ward on its own: a bare number keeps
 * the word ("auf Station 3" is "Station 3", never "3").
 */
const GERMAN_STATION = /(?:auf|der|die|zur|von|in der|Auf|Der|Die|Zur|Von)\s$/u;
const WARD_CODE_ALONE = new RegExp(`^\\d{1,2}(?:[A-Z]{1,2}|\\s?${DIRECTION})(?![\\p{L}\\p{N}])`, "iu");
/** "Wound clinic", "Obs unit", "Infusion center": a capitalised word before a place noun. */
const PLACE_NOUN =
  /(?<![\p{L}\p{N}])(?!(?:The|This|That|Our|My|Your|Their|His|Her|Each|Every|Any|Whole|Entire|Same|New|Other|Which|What|One|No)\s)\p{Lu}[\p{Ll}-]+(?:\s\p{L}[\p{Ll}-]+)?\s(?:unit|clinic|center|centre|ward|wing|suite|department|dept)(?![\p{L}\p{N}])/gu;
const PLACE_NOUN_WORD = /\b(?:unit|clinic|center|centre|ward|wing|suite|department|dept)\b/;
const FLOOR_WORD = /floor/i;
/** A unit code right after a unit name: "Step-down 3C", "ICU 2B". */
const UNIT_CODE = /^\s(?:\d{1,2}[A-Z]{1,2}|[A-Z]\d{1,2})(?![\p{L}\p{N}])/u;
/** Operating rooms are numbered: "OR 7", "bloc 3", "Saal 2". */
const ROOM_NUMBER = /^\s\d{1,2}(?![\p{L}\p{N}])/u;

function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, "").length / letters.length > 0.7;
}

export interface CatalogueMatcher {
  find(text: string): CatalogueHit[];
}

export function createCatalogueMatcher(catalogue: Catalogue): CatalogueMatcher {
  const folded = new Map<string, Phrase>();
  const exact = new Map<string, Phrase>();
  const add = (alias: string, phrase: Phrase): void => {
    // Acronyms match only in capitals; a one-word unit written capitalised ("Pharmacy",
    // "Dialysis") only when capitalised, so "the pharmacy extension" names no unit.
    const capitalisedUnitWord = phrase.kind === "unit" && /^\p{Lu}\p{Ll}+$/u.test(alias);
    if (capitalisedUnitWord) {
      if (!exact.has(alias)) exact.set(alias, phrase);
      if (!exact.has(alias.toUpperCase())) exact.set(alias.toUpperCase(), phrase);
      return;
    }
    const map = isAcronym(alias) && alias.length <= 5 ? exact : folded;
    const key = map === exact ? alias : alias.toLowerCase();
    if (!map.has(key)) map.set(key, phrase);
    // "tele-psych" and "telepsych", "e-mail" and "email": hyphens are spelling, not meaning.
    const unhyphenated = key.replace(/-/g, "");
    if (map === folded && unhyphenated !== key && !map.has(unhyphenated)) map.set(unhyphenated, phrase);
  };
  for (const unit of catalogue.units)
    for (const a of [unit.name, ...unit.aliases]) add(a, { kind: "unit", id: unit.name });
  for (const system of catalogue.systems)
    for (const a of [...system.aliases, ...system.products]) add(a, { kind: "system", id: system.id });

  const lookupFolded = (key: string): Phrase | undefined =>
    folded.get(key) ?? (key.includes("-") ? folded.get(key.replace(/-/g, "")) : undefined);
  const maxWords = Math.max(...[...folded.keys(), ...exact.keys()].map((k) => k.split(WORD_BREAK).length));
  // Every beginning of every phrase, so a run of words that begins no phrase stops growing:
  // the phrase itself where the whole is one, else null.
  const beginnings = (map: Map<string, Phrase>): Map<string, Phrase | null> => {
    const index = new Map<string, Phrase | null>();
    for (const key of map.keys()) for (let n = 1; n < key.length; n += 1) index.set(key.slice(0, n), null);
    for (const [key, phrase] of map) index.set(key, phrase);
    return index;
  };
  const foldedIndex = beginnings(folded);
  const exactIndex = beginnings(exact);

  return {
    find(text: string): CatalogueHit[] {
      let shoutingMemo: boolean | undefined;
      const shouting = (): boolean => (shoutingMemo ??= isShouting(text));
      const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const lower = text.toLowerCase();
      const sameLength = lower.length === text.length;
      const candidates: CatalogueHit[] = [];
      // Every run of 1..maxWords words is looked up as written and folded: a phrase always
      // starts and ends on a word boundary, and the longest phrase at a position wins below.
      for (let i = 0; i < words.length; i += 1) {
        for (let j = i; j < Math.min(words.length, i + maxWords); j += 1) {
          if (sameLength) {
            // The same lookups through the beginnings index; a run that begins no phrase ends here.
            const start = words[i]!.start;
            const end = words[j]!.end;
            const written = text.slice(start, end);
            const key = lower.slice(start, end);
            const exactEntry = exactIndex.get(written);
            let foldedEntry = foldedIndex.get(key);
            if (!foldedEntry && key.includes("-")) {
              const unhyphenated = foldedIndex.get(key.replace(/-/g, ""));
              if (unhyphenated !== undefined) foldedEntry = unhyphenated ?? foldedEntry ?? null;
            }
            if (exactEntry === undefined && foldedEntry === undefined) break;
            const phrase =
              exactEntry && !(written.length <= 3 && isAcronym(written) && shouting()) ? exactEntry : foldedEntry;
            if (phrase) candidates.push({ kind: phrase.kind, id: phrase.id, start, end, text: written });
            continue;
          }
          const start = words[i]!.start;
          const end = words[j]!.end;
          const written = text.slice(start, end);
          const exactPhrase = exact.get(written);
          const phrase =
            exactPhrase && !(written.length <= 3 && isAcronym(written) && shouting())
              ? exactPhrase
              : lookupFolded(sameLength ? lower.slice(start, end) : written.toLowerCase());
          if (phrase) candidates.push({ ...phrase, start, end, text: written });
        }
      }
      const hasDigit = /\d/.test(text);
      for (const re of [NUMBERED_WARD, WARD_CODE, PLACE_NOUN, FLOOR]) {
        if (
          re === NUMBERED_WARD || re === WARD_CODE
            ? !hasDigit
            : !(re === FLOOR ? FLOOR_WORD : PLACE_NOUN_WORD).test(text)
        )
          continue;
        for (const m of text.matchAll(re)) {
          let start = m.index;
          let written = m[0];
          const station = /^Station /.exec(written);
          if (
            station &&
            WARD_CODE_ALONE.test(text.slice(start + station[0].length)) &&
            GERMAN_STATION.test(text.slice(Math.max(0, start - 7), start))
          ) {
            start += station[0].length;
            written = written.slice(station[0].length);
          }
          candidates.push({ kind: "unit", id: written, start, end: m.index + m[0].length, text: written });
        }
      }
      candidates.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === "unit" ? -1 : 1));
      const hits: CatalogueHit[] = [];
      let cursor = 0;
      for (const hit of candidates) {
        if (hit.start < cursor) continue;
        if (hit.kind === "unit") {
          const after = text.slice(hit.end, hit.end + 6);
          const code = UNIT_CODE.exec(after) ?? (hit.id === "OR" ? ROOM_NUMBER.exec(after) : null);
          if (code) {
            hit.end += code[0].length;
            hit.text = text.slice(hit.start, hit.end);
          }
        }
        hits.push(hit);
        cursor = hit.end;
      }
      return hits;
    },
  };
}
