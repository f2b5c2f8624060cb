/**
 * What the word lists say about one word: a known name (first or surname, with its frequency
 * rank), a common English word, both ("Price", "Hope", "Baker"), or neither (a rare surname or a
 * foreign word). And whether a word may be taken for a name after a cue of a given strength.
 */
import { CLINICAL_WORDS as CLINICAL_WORDS_IMPORT } from "./clinical-vocabulary";
import { FUNCTION_WORDS as FUNCTION_WORDS_IMPORT } from "./name-cues";
import { OTHER_LANGUAGE_LEVEL, type NameLexicon } from "./name-lexicon";
import type { Token } from "./name-tokens";

export type Evidence = "name" | "common-name" | "unknown" | "word";
/** honorific: "Mrs. X"; patient: "pt X", "bed 4 X", "his wife X"; weak: "in 14 X" (a listed name only). */
export type CueStrength = "honorific" | "patient" | "weak";

export interface WordFacts {
  evidence: Evidence;
  firstRank?: number;
  surnameRank?: number;
  commonLevel?: number;
}

/** A first name this frequent, or a surname this frequent, is a name even when it is also a word. */
const FREQUENT_FIRST = 1500;
const NON_LATIN =
  /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Thai}\p{Script=Devanagari}\p{M}]+$/u;
// Local bindings: imported ones are read through getters on every use (CommonJS output).
const CLINICAL_WORDS = CLINICAL_WORDS_IMPORT;
const FUNCTION_WORDS = FUNCTION_WORDS_IMPORT;
const FREQUENT_SURNAME = 5000;

export function createWordFacts(lexicon: NameLexicon, hardStopWords: ReadonlySet<string>) {
  const blockedWord = (w: string): boolean => hardStopWords.has(w) || CLINICAL_WORDS.has(w);

  function factsOf(fold: string): WordFacts {
    const { firstRank, surnameRank, commonLevel: level } = lexicon.entry(fold) ?? {};
    const named = firstRank !== undefined || surnameRank !== undefined;
    // A listed name that is a common word only in another language ("van", "Meer", "Li") stays a name.
    const commonLevel = named && level === OTHER_LANGUAGE_LEVEL ? undefined : level;
    const evidence: Evidence =
      commonLevel !== undefined ? (named ? "common-name" : "word") : named ? "name" : "unknown";
    return { evidence, firstRank, surnameRank, commonLevel };
  }

  /** Hyphenated words: a name if any part is one ("Nakamura-Bell"), a word if every part is ("Step-Down"). */
  function facts(t: Token): WordFacts {
    return (t.facts ??= computeFacts(t)) as WordFacts;
  }

  function computeFacts(t: Token): WordFacts {
    if (!t.fold.includes("-")) return factsOf(t.fold);
    const whole = factsOf(t.fold);
    if (whole.evidence !== "unknown") return whole;
    const parts = t.fold.split("-").map(factsOf);
    const ranks = {
      firstRank: parts[0]!.firstRank,
      surnameRank: Math.min(...parts.map((p) => p.surnameRank ?? Infinity)),
    };
    if (ranks.surnameRank === Infinity) delete (ranks as { surnameRank?: number }).surnameRank;
    if (parts.every((p) => p.evidence === "word" || p.evidence === "common-name"))
      return parts.every((p) => p.evidence === "common-name")
        ? { evidence: "common-name", ...ranks }
        : { evidence: "word" };
    const named = parts.some((p) => p.evidence === "name" || p.evidence === "common-name");
    return { evidence: named ? "name" : "unknown", ...ranks };
  }

  const blocked = (t: Token): boolean =>
    blockedWord(t.fold) || (t.fold.includes("-") && t.fold.split("-").every(blockedWord));

  const frequentName = (f: WordFacts): boolean =>
    (f.firstRank ?? Infinity) <= FREQUENT_FIRST || (f.surnameRank ?? Infinity) <= FREQUENT_SURNAME;

  /** Short all-capital words that are in no name list are acronyms (ICU, NPO, BCMA). */
  const acronym = (t: Token, f: WordFacts): boolean =>
    t.shape === "caps" && t.core.length <= 4 && f.evidence !== "name" && f.evidence !== "common-name";

  /** May this word be (part of) a name after a cue of this strength? */
  /**
   * May this word be (part of) a name after a cue of this strength? `afterFirstName`: the word
   * before it was a listed first name ("fred hope"), so a frequent surname that is a word counts too.
   */
  function acceptAfterCue(t: Token, strength: CueStrength, first: boolean, afterFirstName = false): boolean {
    // A word in another script (李伟, Ахмедов, محمد) next to a cue: the five languages are all Latin.
    if (t.shape === "other") return !first && NON_LATIN.test(t.core);
    if (CLINICAL_WORDS.has(t.fold)) return false;
    if (FUNCTION_WORDS.has(t.fold) && (t.shape === "lower" || first)) return false;
    const f = facts(t);
    if (strength === "honorific" && first) return true;
    // Catalogue words ("bell" of "call bell") are names only when they are frequent names.
    if (blocked(t) && !(f.evidence === "common-name" && frequentName(f) && !first)) return false;
    if (acronym(t, f)) return false;
    const frequentSurname = (f.surnameRank ?? Infinity) <= FREQUENT_SURNAME;
    if (afterFirstName && f.evidence === "common-name" && frequentSurname) return true;
    if (strength === "weak")
      return f.evidence === "name" || (!first && f.evidence === "common-name" && frequentName(f));
    if (t.shape === "lower") {
      if (strength === "honorific") return f.evidence === "name";
      if (f.evidence === "name") return true;
      return f.evidence === "common-name" && (f.commonLevel ?? 10) > 10 && frequentName(f);
    }
    if (f.evidence === "common-name") return (f.commonLevel ?? 10) > 10 || frequentName(f);
    // Short syllables of East Asian names after an honorific ("Mr Tan Ah Kow", "Mrs. Ng Bo").
    if (strength === "honorific" && f.evidence === "word" && t.core.length <= 3 && !FUNCTION_WORDS.has(t.fold))
      return true;
    return f.evidence === "name" || f.evidence === "unknown";
  }

  return { facts, blocked, frequentName, acronym, acceptAfterCue };
}

export type WordFactsApi = ReturnType<typeof createWordFacts>;
