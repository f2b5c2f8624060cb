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
const NUMBERED_WARD =
  /(?<![\p{L}\p{N}])\d{1,2}\s?(?:West|East|North|South|Ost|Nord|Süd|Sud|Oeste|Este|Norte|Sur|Est|Zachód|Wschód)(?![\p{L}\p{N}])/giu;
/** "Wound clinic", "Obs unit", "Infusion center": a capitalised word before a place noun. */
const PLACE_NOUN =
  /(?<![\p{L}\p{N}])(?!(?:The|This|That|Our|My|Your|Their|His|Her|Each|Every|Any|Whole|Entire|Same|New|Other|Which|What|One|No)\s)\p{Lu}[\p{Ll}-]+(?:\s\p{L}[\p{Ll}-]+)?\s(?:unit|clinic|center|centre|ward|wing|suite|department|dept)(?![\p{L}\p{N}])/gu;
const PLACE_NOUN_WORD = /\b(?:unit|clinic|center|centre|ward|wing|suite|department|dept)\b/;
/** A unit code right after a unit name: "Step-down 3C", "ICU 2B". */
const UNIT_CODE = /^\s(?:\d{1,2}[A-Z]{1,2}|[A-Z]\d{1,2})(?![\p{L}\p{N}])/u;

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
  };
  for (const unit of catalogue.units)
    for (const a of [unit.name, ...unit.aliases]) add(a, { kind: "unit", id: unit.name });
  for (const system of catalogue.systems) for (const a of system.aliases) add(a, { kind: "system", id: system.id });

  const maxWords = Math.max(...[...folded.keys(), ...exact.keys()].map((k) => k.split(WORD_BREAK).length));

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
          const start = words[i]!.start;
          const end = words[j]!.end;
          const written = text.slice(start, end);
          const exactPhrase = exact.get(written);
          const phrase =
            exactPhrase && !(written.length <= 3 && isAcronym(written) && shouting())
              ? exactPhrase
              : folded.get(sameLength ? lower.slice(start, end) : written.toLowerCase());
          if (phrase) candidates.push({ ...phrase, start, end, text: written });
        }
      }
      for (const re of [NUMBERED_WARD, PLACE_NOUN]) {
        if (!(re === NUMBERED_WARD ? /\d/ : PLACE_NOUN_WORD).test(text)) continue;
        for (const m of text.matchAll(re)) {
          candidates.push({ kind: "unit", id: m[0], start: m.index, end: m.index + m[0].length, text: m[0] });
        }
      }
      candidates.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === "unit" ? -1 : 1));
      const hits: CatalogueHit[] = [];
      let cursor = 0;
      for (const hit of candidates) {
        if (hit.start < cursor) continue;
        if (hit.kind === "unit") {
          const code = UNIT_CODE.exec(text.slice(hit.end));
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
