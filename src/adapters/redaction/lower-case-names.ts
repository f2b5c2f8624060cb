/**
 * Names typed all in lower case ("allergy missing for maria gonzalez in bed 12"). Shape cannot
 * tell them from ordinary words, so only a strong place cue counts: two or three lower-case words,
 * none a stop word (common words, catalogue systems and units), right before "in bed 12",
 * "in room 4", "on rm 7", "in bed four" (dictated), or a DOB / MRN / record-number label. Verb-like words (-ing, -ly) are never taken.
 */
import { foldWord } from "./fold";
import type { PhiSpan } from "./identifier-patterns";
import type { NameLexicon } from "./name-lexicon";

/** A place's number, in figures or dictated in words of the five languages ("bed four", "cama dos"). */
const NUMBER =
  "(?:#?\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eins|zwei|drei|vier|f[üu]nf|uno|dos|tres|cuatro|cinco|un|deux|trois|quatre|cinq|jeden|dwa|trzy|cztery|pi[ęe][ćc])";
const PLACE = "(?:bed|room|rm|bay|cama|habitaci[óo]n|lit|chambre|bett|zimmer|łóżko|sala)";
const LABEL =
  "(?:dob|mrn|d\\.o\\.b|born|date of birth|medical record|record number|hospital number|nhs number|geb\\.|geboren|fecha de nacimiento|historia|n[ée]e? le|ur\\.|pesel)";
/** Where a candidate must end: before a place number or a DOB/MRN label (rare: found first). */
const CUE = new RegExp(
  `,? (?:in|on|im|en|dans|na|w) (?:the |der |dem |la |el )?${PLACE} ?${NUMBER}|,? \\(?${LABEL}\\b`,
  "giu",
);
/** Two or three words ending right before the cue. */
const CANDIDATE = /(?<![\p{L}\p{N}])(\p{Ll}[\p{Ll}'’-]+(?: \p{Ll}[\p{Ll}'’-]+){1,2})$/iu;
const VERB_LIKE = /(?:ing|ly|ed)$/u;

/** A common word of any listed language that is no listed name ("alarm", "silent"): never part of such a name. */
function plainWord(word: string, lexicon: NameLexicon): boolean {
  const e = lexicon.entry(foldWord(word));
  if (e === undefined || e.commonLevel === undefined) return false;
  return e.firstRank === undefined && e.surnameRank === undefined;
}

export function findLowerCaseNames(text: string, stopWords: ReadonlySet<string>, lexicon: NameLexicon): PhiSpan[] {
  const spans: PhiSpan[] = [];
  for (const cue of text.matchAll(CUE)) {
    const from = Math.max(0, cue.index - 80);
    const found = CANDIDATE.exec(text.slice(from, cue.index));
    if (!found) continue;
    const m = { index: from + found.index };
    const phrase = found[1]!;
    if (phrase !== phrase.toLowerCase()) continue;
    const words = phrase.split(" ");
    // Trim leading stop words ("for maria gonzalez"), then every remaining word must be name-like.
    let first = 0;
    while (first < words.length && stopWords.has(words[first]!)) first += 1;
    const kept = words.slice(first);
    if (kept.length < 2) continue;
    if (kept.some((w) => stopWords.has(w) || VERB_LIKE.test(w) || w.length < 2 || plainWord(w, lexicon))) continue;
    const start = m.index + words.slice(0, first).join(" ").length + (first > 0 ? 1 : 0);
    spans.push({ start, end: m.index + phrase.length, type: "NAME" });
  }
  return spans;
}
