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

const INITIALS = "\\p{Lu}\\p{Ll}?\\.(?:\\s?-?\\s?\\p{Lu}\\p{Ll}?\\.)*";
/** A cue word, then dotted initials or two or three capitals ("Herr K.", "pt JR"). */
const AFTER_CUE = new RegExp(`(?<![\\p{L}])(\\p{L}+)\\.?\\s{1,2}(${INITIALS}|\\p{Lu}{2,3}(?![\\p{L}\\d.]))`, "gu");
/** Dotted initials on their own: "J.R.", "J. R.", "A.B.C.". */
const DOTTED = /(?<![\p{L}\p{N}.])\p{Lu}\.\s?\p{Lu}\.(?:\s?\p{Lu}\.)?(?![\p{L}\p{N}])/gu;
/** A surname, then an initial: "PRZYBYLSKI J.", "Delacroix-Mbeki, Th.", "MONTGOMERY-REES, A". */
const SURNAME_INITIAL = new RegExp(
  `(?<![\\p{L}])(\\p{Lu}[\\p{L}'’-]{3,})(?:,\\s?|\\s)(${INITIALS}|\\p{Lu}(?![\\p{L}\\d.]))`,
  "gu",
);
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
  const push = (start: number, value: string): void => {
    spans.push({ start, end: start + value.replace(/\s+$/u, "").length, type: "NAME" });
  };
  for (const m of text.matchAll(AFTER_CUE)) {
    const cue = foldWord(m[1]!);
    const value = m[2]!;
    const honorific = HONORIFICS.has(cue) && (cue !== "m" || m[1] === "M");
    if (!honorific && !PATIENT_CUES.has(cue) && !RELATIVE_CUES.has(cue)) continue;
    const letters = foldWord(value.replace(/[^\p{L}]/gu, ""));
    if (NOT_INITIALS.has(letters) || CLINICAL_WORDS.has(letters) || STAFF_CUES.has(letters)) continue;
    push(m.index + m[0].length - value.length, value);
  }
  for (const m of text.matchAll(DOTTED)) {
    if (NOT_INITIALS.has(m[0].replace(/[^\p{L}]/gu, "").toLowerCase())) continue;
    if (STAFF_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    push(m.index, m[0]);
  }
  for (const m of text.matchAll(SURNAME_INITIAL)) {
    const word = m[1]!;
    const fold = foldWord(word);
    const letters = foldWord(m[2]!.replace(/[^\p{L}]/gu, ""));
    if (NOT_INITIALS.has(letters) || STAFF_CUES.has(letters) || HONORIFICS.has(fold) || STAFF_CUES.has(fold)) continue;
    const caps = word === word.toUpperCase();
    const f = words.facts({ start: 0, end: 0, core: word, fold, shape: caps ? "caps" : "title", possessive: false });
    if (
      f.evidence === "word" ||
      words.blocked({ start: 0, end: 0, core: word, fold, shape: "title", possessive: false })
    )
      continue;
    // A listed name, or an unlisted word that only a name would be (all capitals of five or more, or hyphenated).
    if (!(f.evidence === "name" || (f.evidence === "unknown" && (caps ? word.length >= 5 : word.includes("-")))))
      continue;
    if (f.evidence === "common-name" || STAFF_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    push(m.index, m[0]);
  }
  return spans;
}
