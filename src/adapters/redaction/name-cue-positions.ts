/**
 * Where a cue before a name ends, and how strong it is, in one pass per message: a place and its
 * number ("bed 4 smith", "Zimmer 12", "cama 8", "cubicle 3"), an age ("4 y/o Lily-Mae", "58M
 * Okafor"), a bare number after "in" ("in 22 hollis", weak) and a phrase that introduces a name
 * ("goes by", "se llama").
 */
import { NAME_INTRO as NAME_INTRO_IMPORT } from "./name-cues";
import type { CueStrength } from "./name-evidence";

// Local binding: imported ones are read through getters on every use (CommonJS output).
const NAME_INTRO = NAME_INTRO_IMPORT;

/** A place and its number: the word after it is likely the patient there ("bed 4 smith", "Zimmer 12", "cama 8"). */
const PLACE_NUMBER =
  /(?<![\p{L}\d])(?:bed|beds|room|rooms|rm|rms|bay|box|cubicle|cubicles|cub|trolley|chair|koje|stanowisko|cama|habitaci[oó]n|chambre|lit|zimmer|bett|[łl][óo][żz]ko|sala|pok[oó]j)\s*#?\s*\d{1,4}[A-Za-z]?\s*[,(:\-–—]?\s*\(?\s*(?=\p{L})/giu;
/** An age just before: the word after it is likely the patient ("4 y/o Lily-Mae", "58M Okafor", "93-jährige Frieda"). */
const AGE_BEFORE =
  /(?<![\p{L}\d])\d{1,3}\s?(?:y\/?o|yr old|year[- ]old|[MF]|-?j[äa]hrige[rn]?|a[ñn]os|ans|-?letni[a]?)\s+(?=\p{Lu})/gu;
const IN_NUMBER = /\b(?:in|im|en|dans|w)\s+#?\d{1,4}[A-Za-z]?\s*[,:\-–—]?\s*\(?\s*(?=\p{L})/giu;

/** Where a cue ends (the offset of the word after it) and how strong it is: one pass per message. */
export function cuePositions(text: string): Map<number, CueStrength> {
  const found = new Map<number, CueStrength>();
  if (/\d/.test(text)) {
    for (const m of text.matchAll(IN_NUMBER)) found.set(m.index + m[0].length, "weak");
    for (const m of text.matchAll(PLACE_NUMBER)) found.set(m.index + m[0].length, "patient");
    for (const m of text.matchAll(AGE_BEFORE)) found.set(m.index + m[0].length, "patient");
  }
  for (const m of text.matchAll(NAME_INTRO)) found.set(m.index + m[0].length, "patient");
  return found;
}
