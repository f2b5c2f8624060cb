/**
 * Names typed all in lower case ("allergy missing for maria gonzalez in bed 12"). Shape cannot
 * tell them from ordinary words, so only a strong place cue counts: two or three lower-case words,
 * none a stop word (common words, catalogue systems and units), right before "in bed 12",
 * "in room 4", "on rm 7", or a DOB / MRN label. Verb-like words (-ing, -ly) are never taken.
 */
import type { PhiSpan } from "./identifier-patterns";

const CANDIDATE =
  /(?<![\p{L}\p{N}])(\p{Ll}[\p{Ll}'’-]+(?: \p{Ll}[\p{Ll}'’-]+){1,2})(?=,? (?:in|on|im|en|dans|na|w) (?:the )?(?:bed|room|rm|bay|cama|lit|chambre|bett|zimmer|łóżko|sala) ?#?\d|,? \(?(?:dob|mrn|d\.o\.b|born)\b)/giu;
/** What CANDIDATE's look-ahead needs somewhere in the text: a place number or a DOB/MRN label. */
const CUE = /(?:bed|room|rm|bay|cama|lit|chambre|bett|zimmer|łóżko|sala) ?#?\d|dob|mrn|d\.o\.b|born/iu;
const VERB_LIKE = /(?:ing|ly|ed)$/u;

export function findLowerCaseNames(text: string, stopWords: ReadonlySet<string>): PhiSpan[] {
  if (!/\d|dob|mrn|born/iu.test(text) || !CUE.test(text)) return [];
  const spans: PhiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const phrase = m[1]!;
    if (phrase !== phrase.toLowerCase()) continue;
    const words = phrase.split(" ");
    // Trim leading stop words ("for maria gonzalez"), then every remaining word must be name-like.
    let first = 0;
    while (first < words.length && stopWords.has(words[first]!)) first += 1;
    const kept = words.slice(first);
    if (kept.length < 2) continue;
    if (kept.some((w) => stopWords.has(w) || VERB_LIKE.test(w) || w.length < 2)) continue;
    const start = m.index + words.slice(0, first).join(" ").length + (first > 0 ? 1 : 0);
    spans.push({ start, end: m.index + phrase.length, type: "NAME" });
  }
  return spans;
}
