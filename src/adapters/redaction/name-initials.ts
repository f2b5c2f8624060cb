/**
 * Initials and abbreviated names, which no name list holds: after an honorific or a patient or
 * relative word ("Herr K.", "Frau M.-L.", "Mme D.", "la Sra. G.", "pani K.", "pt JR", "pt J.R."),
 * dotted initials on their own ("J.R."; not "A.M.", "U.S.", "I.V." nor a staff member's "Dr. J.R."),
 * and an initial after a surname ("PRZYBYLSKI J.", "Delacroix-Mbeki, Th.", "MONTGOMERY-REES, A").
 */
import { CLINICAL_WORDS } from "./clinical-vocabulary";
import { foldWord } from "./fold";
import type { PhiSpan } from "./identifier-patterns";
import { HONORIFICS, PATIENT_CUES, RELATIVE_CUES, STAFF_CUES } from "./name-cues";
import type { WordFactsApi } from "./name-evidence";
import type { Token } from "./name-tokens";

/** What may be initials: dotted letters ("K.", "J.R.", "M.-L.", "Th.") or one to three capitals ("JR", "A"). */
const CANDIDATE = /\p{Lu}(?:\p{Ll}?\.(?:\s?-?\s?\p{Lu}\p{Ll}?\.)*|\p{Lu}{0,2}(?![\p{L}\p{N}.]))/gu;
const WORD_CHAR = /[\p{L}\p{N}.]/u;
/** The word before a candidate, as a cue ("Herr K.", "pt JR"). */
const CUE_BEFORE = /(?<![\p{L}])(\p{L}+)\.?\s{1,2}$/u;
/** Dotted initials on their own: "J.R.", "J. R.", "A.B.C.". */
const DOTTED = /^\p{Lu}\.\s?\p{Lu}\.(?:\s?\p{Lu}\.)?$/u;
/** A surname before an initial: "PRZYBYLSKI J.", "Delacroix-Mbeki, Th.", "MONTGOMERY-REES, A". */
const SURNAME_BEFORE = /(?<![\p{L}])(\p{Lu}[\p{L}'’-]{3,})(?:,\s?|\s)$/u;
/** Abbreviations written like initials that are not people. */
const NOT_INITIALS = new Set(
  `am pm us uk eu er or iv po dc nb rn md do bp pa np im sc qd hs ac pc cc rt ot pt ed it id ok tv ie eg ct uv
icu dob dnr dni npo adl pca mri ekg ecg mrn usa bid tid qid prn gcs ama dr mr ms fr hr nr no`.split(/\s+/),
);
const STAFF_BEFORE =
  /(?:^|[^\p{L}])(?:dr|dra|prof|rn|np|pa|md|do|nurse|sister|schwester|pfleger|enfermer[oa]|pielęgniarka)\.?\s*$/iu;

export function findInitials(text: string, words: WordFactsApi): PhiSpan[] {
  const spans: PhiSpan[] = [];
  if (!/\p{Lu}/u.test(text)) return spans;
  const push = (start: number, end: number): void => {
    spans.push({ start, end, type: "NAME" });
  };
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[0];
    if (value === "I" || (m.index > 0 && WORD_CHAR.test(text[m.index - 1]!))) continue;
    const end = m.index + value.length;
    const dotted = value.includes(".");
    // Capitals without dots only after a space: after a cue ("pt JR") or, alone, after a surname.
    if (!dotted && text[m.index - 1] !== " ") continue;
    const cue = CUE_BEFORE.exec(text.slice(Math.max(0, m.index - 16), m.index));
    const cueFold = cue ? foldWord(cue[1]!) : "";
    const isCue =
      cue !== null &&
      ((HONORIFICS.has(cueFold) && (cueFold !== "m" || cue[1] === "M")) ||
        PATIENT_CUES.has(cueFold) ||
        RELATIVE_CUES.has(cueFold));
    if (!dotted && value.length > 1 && !isCue) continue;
    const letters = foldWord(value.replace(/[^\p{L}]/gu, ""));
    if (NOT_INITIALS.has(letters) || STAFF_CUES.has(letters)) continue;
    // After an honorific, a patient or a relative word: "Herr K.", "Frau M.-L.", "pt JR".
    if (isCue && (dotted || value.length >= 2)) {
      if (!CLINICAL_WORDS.has(letters)) push(m.index, end);
      continue;
    }
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const staffBefore = STAFF_BEFORE.test(before);
    if (DOTTED.test(value)) {
      if (!staffBefore) push(m.index, end);
      continue;
    }
    if (!dotted && value.length > 1) continue;
    const surname = SURNAME_BEFORE.exec(before);
    if (!surname || staffBefore) continue;
    const word = surname[1]!;
    const fold = foldWord(word);
    if (HONORIFICS.has(fold) || STAFF_CUES.has(fold)) continue;
    const caps = word === word.toUpperCase();
    const token: Token = { start: 0, end: 0, core: word, fold, shape: caps ? "caps" : "title", possessive: false };
    const f = words.facts(token);
    if (words.blocked(token)) continue;
    // A listed name, or an unlisted word that only a name would be (all capitals of five or more, or hyphenated).
    if (f.evidence === "name" || (f.evidence === "unknown" && (caps ? word.length >= 5 : word.includes("-"))))
      push(m.index - surname[0].length, end);
  }
  return spans;
}
