/**
 * A name beside a name already found, joined by and/or/not in the five languages: "Estrada not
 * Estrella", "Kowalski und Nowak", "[NAME] y Etxeberria". The other word must be capitalised and a
 * listed name or a word in no list (never a common word, a catalogue or clinical word, an acronym).
 */
import type { PhiSpan } from "./identifier-patterns";
import type { WordFactsApi } from "./name-evidence";
import type { Token } from "./name-tokens";

/** Words that join two names. */
const COORDINATORS = new Set(["and", "or", "not", "nor", "vs", "und", "oder", "y", "o", "et", "ou", "i", "lub", "nie"]);

export interface CoordinatedContext {
  words: WordFactsApi;
  stopWords: ReadonlySet<string>;
}

/** "Estrada not Estrella", "Kowalski und Nowak": a name beside a found name through and/or/not. */
export function withCoordinated(tokens: readonly Token[], spans: PhiSpan[], ctx: CoordinatedContext): PhiSpan[] {
  const { words, stopWords } = ctx;
  if (spans.length === 0) return spans;
  const ends = new Set(spans.map((s) => s.end));
  const starts = new Set(spans.map((s) => s.start));
  const inSpan = (t: Token): boolean => spans.some((s) => t.start >= s.start && t.end <= s.end);
  const extra: PhiSpan[] = [];
  for (let i = 2; i < tokens.length; i += 1) {
    for (const [t, link, other] of [
      [tokens[i]!, tokens[i - 1]!, tokens[i - 2]!],
      [tokens[i - 2]!, tokens[i - 1]!, tokens[i]!],
    ] as const) {
      if (!COORDINATORS.has(link.fold) || link.shape !== "lower" || inSpan(t)) continue;
      const touches = t === tokens[i] ? ends.has(other.end) : starts.has(other.start);
      if (!touches || (t.shape !== "title" && t.shape !== "caps")) continue;
      const f = words.facts(t);
      if (words.blocked(t) || stopWords.has(t.fold) || words.acronym(t, f)) continue;
      if (f.evidence === "name" || f.evidence === "unknown") extra.push({ start: t.start, end: t.end, type: "NAME" });
    }
  }
  return [...spans, ...extra];
}
