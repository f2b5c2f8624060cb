/**
 * What the learned PHI tagger (phi-tagger.ts) sees of each word or number of a message: its own
 * form and shape, what the vendored name and word lists say about it, the clinical allow-list, and
 * the same for its neighbours, plus what the pattern rules already found next to it ("[NAME] Yilmaz",
 * "Oyelaran, Babatunde acct [MRN]"). Shared by the training script and the redactor, so both see the
 * same features. Pure: the lists are passed in.
 */
import { foldWord } from "./fold";
import { HONORIFICS, PATIENT_CUES, PLACE_WORDS, RELATIVE_CUES, STAFF_CUES } from "./name-cues";
import type { NameLexicon } from "./name-lexicon";

export interface TaggerToken {
  start: number;
  end: number;
  text: string;
  fold: string;
}

export interface TaggerLists {
  lexicon: NameLexicon;
  /** Words of drugs, scales, protocols, products and the catalogue's systems and units. */
  clinical: ReadonlySet<string>;
  stopWords: ReadonlySet<string>;
}

/**
 * A word or number, with inner apostrophes, hyphens, dots and slashes ("O'Brien", "12/03/1931"), and
 * with any invisible format character inside it (a soft hyphen or zero-width joiner splits nothing).
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*(?:['’./-][\p{L}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*)*/gu;

export function taggerTokens(text: string): TaggerToken[] {
  const tokens: TaggerToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let raw = m[0];
    if (/['’]s$/iu.test(raw) && raw.length > 3 && !/\d/.test(raw)) raw = raw.slice(0, -2);
    tokens.push({ start: m.index, end: m.index + raw.length, text: raw, fold: foldWord(raw.replace(/\p{Cf}/gu, "")) });
  }
  return tokens;
}

/** A date typed with separators: "03/03/57", "3.4.37", "2015-06-14". */
const DATE_TOKEN = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/;

function shape(t: string): string {
  if (/^\d+$/.test(t)) return `d${Math.min(t.length, 9)}`;
  if (/\d/.test(t)) {
    if (DATE_TOKEN.test(t)) return "date";
    if (/^[\d./-]+$/.test(t)) return "dsep";
    return /^\p{L}/u.test(t) ? "ad" : "da";
  }
  if (t.length === 1) return /\p{Lu}/u.test(t) ? "X" : "x";
  if (/^\p{Lu}[\p{Ll}\p{M}'’]+$/u.test(t)) return "Xx";
  if (/^[\p{Lu}\p{M}'’]+$/u.test(t)) return "XX";
  if (/^[\p{Ll}\p{M}'’]+$/u.test(t)) return "xx";
  if (/-/.test(t)) return /^\p{Lu}/u.test(t) ? "Xx-" : "xx-";
  if (/\./.test(t)) return "X.";
  return /^\p{Lu}/u.test(t) ? "Xmix" : "xmix";
}

function rankBucket(rank: number | undefined): string {
  if (rank === undefined) return "0";
  if (rank <= 200) return "a";
  if (rank <= 2000) return "b";
  if (rank <= 20000) return "c";
  return "d";
}

/** One word's class in the lists: first name, surname, common word, clinical, or unknown. */
function lexClass(fold: string, lists: TaggerLists): string {
  const parts = fold.split(/[-'’]/).filter((p) => p.length > 0);
  const key = parts.length > 1 ? parts[parts.length - 1]! : fold;
  const e = lists.lexicon.entry(key);
  const f = rankBucket(e?.firstRank);
  const s = rankBucket(e?.surnameRank);
  const c = e?.commonLevel === undefined ? "0" : e.commonLevel <= 20 ? "a" : e.commonLevel <= 35 ? "b" : "o";
  const k = lists.clinical.has(fold) ? "k" : lists.stopWords.has(fold) ? "s" : "";
  return `${f}${s}${c}${k}`;
}

/** What a plain number may be: an age over 89, a year, a five-digit postcode. */
function numberFacts(t: string, out: string[]): void {
  const n = Number(t);
  if (t.length <= 3 && n >= 90 && n <= 120) out.push("num:agey");
  if (t.length === 4 && n >= 1900 && n <= 2030) out.push("num:year");
  if (t.length === 5) out.push("num:five");
}

/** The kind of cue a word is: staff title, honorific, patient word, relative, place word, or none. */
function cueOf(fold: string): string | undefined {
  const w = fold.replace(/\.$/, "");
  if (HONORIFICS.has(w)) return "hon";
  if (STAFF_CUES.has(w)) return "staff";
  if (PATIENT_CUES.has(w)) return "pat";
  if (RELATIVE_CUES.has(w)) return "rel";
  if (PLACE_WORDS.has(w)) return "place";
  return undefined;
}

/**
 * Numbers that are never a patient's identifier, whatever surrounds them: decimals and lab values
 * ("6.1", "1,8"), numbers under 90 ("bed 12", an age under 90) unless part of what the tagger found
 * ("44 Heol y Bryn", "88 120 455"), dates and years,
 * an age or dose with its unit ("34F", "19yo", "5mg"), blood pressures ("182/118") and dotted lower-case
 * words ("triage.resolve").
 */
export function neverIdentifier(token: string, partOfFinding = false): boolean {
  // A dotted lower-case word is a file, domain or action name ("epic.exe", "triage.resolve"), not initials.
  if (/^\p{Ll}{2,}(?:\.\p{Ll}{2,})+$/u.test(token)) return true;
  if (/^\d+[.,]\d{1,2}(?:-\d+[.,]\d{1,2})?$/.test(token)) return true;
  if (/^\d{1,2}$/.test(token) && Number(token) < 90) return !partOfFinding;
  // Dates and years are the rules' to judge (a date of birth has a label or a patient beside it; a go-live date does not).
  if (isDateOrYear(token)) return true;
  const unit = /^(\d{1,3})\p{L}{1,3}$/u.exec(token);
  if (unit && Number(unit[1]) < 90) return true;
  return /^\d{2,3}\/\d{2,3}$/.test(token);
}

/** A date ("03/03/57", "3.4.37") or a year: PHI only beside a patient (see phi-tagger.ts). */
export function isDateOrYear(token: string): boolean {
  return DATE_TOKEN.test(token) || (/^\d{4}$/.test(token) && Number(token) >= 1900 && Number(token) <= 2099);
}

const LIST_GLUE = new Set(["and", "und", "y", "et", "i", "en", "or", "oder", "o", "ou", "lub", "to", "bis", "a"]);

/** Units after which a number is an amount, not an identifier ("10000 Einheiten", "5000 units"). */
const UNITS = new Set(
  (
    "units unit u iu ie ui ue einheiten einheit unidades unidad unites unite jednostek jednostki j mg mcg ug g kg ml l " +
    "mmol mol meq mmhg cm mm mcl tabs tab tablets caps doses dosis mal times fois veces razy"
  ).split(" "),
);
/** Units of an age: the number before them is kept under 90 (over 89 an age is PHI). */
const AGE_UNITS = new Set("years year yrs yr yo anos ano ans an jahre jahr jahrig lat lata rokow".split(" "));

/** Whether token i is an amount or an age under 90: a number followed by its unit ("10000 Einheiten", "34 años"). */
export function amountNumber(tokens: readonly TaggerToken[], i: number): boolean {
  if (!/^\d/.test(tokens[i]!.text) || i + 1 >= tokens.length) return false;
  const unit = tokens[i + 1]!.fold;
  return UNITS.has(unit) || (AGE_UNITS.has(unit) && Number(tokens[i]!.text) < 90);
}

/** Whether token i is a number of a place ("bed 12", "beds 91, 92 and 93", "Zimmer 4 und 5"). */
export function placeNumber(tokens: readonly TaggerToken[], i: number): boolean {
  if (!/^\d/.test(tokens[i]!.text)) return false;
  for (let j = i - 1; j >= Math.max(0, i - 6); j -= 1) {
    const w = tokens[j]!.fold;
    if (PLACE_WORDS.has(w.replace(/\.$/, ""))) return true;
    if (!/^\d+$/.test(w) && !LIST_GLUE.has(w)) return false;
  }
  return false;
}

/** What is computed once per message, so that each token's features cost string joins only. */
export interface TaggerContext {
  tokens: readonly TaggerToken[];
  shapes: string[];
  lex: string[];
  cues: (string | undefined)[];
  /** Type of the rule span at each token ("NAME", "MRN"…), "-" for none. */
  rules: readonly string[];
  /** Punctuation before each token (and after the last, at tokens.length). */
  gaps: string[];
}

export function taggerContext(
  tokens: readonly TaggerToken[],
  text: string,
  lists: TaggerLists,
  rules: readonly string[],
): TaggerContext {
  const gaps: string[] = [];
  for (let j = 0; j <= tokens.length; j += 1) {
    const from = j === 0 ? 0 : tokens[j - 1]!.end;
    const to = j >= tokens.length ? text.length : tokens[j]!.start;
    const g = text
      .slice(from, Math.min(to, from + 12))
      .replace(/\s+/g, " ")
      .slice(0, 4);
    gaps.push(g === " " ? "_" : g);
  }
  return {
    tokens,
    shapes: tokens.map((t) => shape(t.text)),
    lex: tokens.map((t) => lexClass(t.fold, lists)),
    cues: tokens.map((t) => cueOf(t.fold)),
    rules,
    gaps,
  };
}

const word = (c: TaggerContext, j: number): string =>
  j < 0 ? "<s>" : j >= c.tokens.length ? "</s>" : c.tokens[j]!.fold;
const at = (list: readonly string[], j: number): string => (j < 0 || j >= list.length ? "|" : list[j]!);

/** Features of token i. */
export function tokenFeatures(c: TaggerContext, i: number): string[] {
  const t = c.tokens[i]!;
  const s0 = c.shapes[i]!;
  const l0 = c.lex[i]!;
  const w1 = word(c, i - 1);
  const w2 = word(c, i + 1);
  const r1 = at(c.rules, i - 1);
  const r2 = at(c.rules, i + 1);
  const f: string[] = [
    "bias",
    `w:${t.fold}`,
    `s:${s0}`,
    `l:${l0}`,
    `sl:${s0}:${l0}`,
    `w-1:${w1}`,
    `w+1:${w2}`,
    `w-2:${word(c, i - 2)}`,
    `w+2:${word(c, i + 2)}`,
    `w-1s:${w1}:${s0}`,
    `w+1s:${w2}:${s0}`,
    `s-1:${at(c.shapes, i - 1)}:${s0}`,
    `s+1:${s0}:${at(c.shapes, i + 1)}`,
    `l-1:${at(c.lex, i - 1)}`,
    `l+1:${at(c.lex, i + 1)}`,
    `g-:${c.gaps[i]}`,
    `g+:${c.gaps[i + 1]}`,
    `r-1:${r1}`,
    `r+1:${r2}`,
    `r-1s:${r1}:${s0}`,
    `r+1s:${r2}:${s0}`,
    `r-2:${at(c.rules, i - 2)}`,
    `r+2:${at(c.rules, i + 2)}`,
  ];
  if (/^\d+$/.test(t.text)) numberFacts(t.text, f);
  for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1) {
    const cue = c.cues[j];
    if (cue) {
      f.push(`cue${i - j}:${cue}`, `cue:${cue}:${s0}`);
      break;
    }
  }
  const after = i + 1 < c.tokens.length ? c.cues[i + 1] : undefined;
  if (after) f.push(`cue+1:${after}`);
  if (t.fold.length >= 4 && !/\d/.test(t.fold)) f.push(`suf:${t.fold.slice(-3)}`);
  return f;
}
