/**
 * A name beside a name already found, joined by and/or/not in the five languages: "Estrada not
 * Estrella", "Kowalski und Nowak", "[NAME] y Etxeberria". The other word must be capitalised and a
 * listed name or a word in no list (never a common word, a catalogue or clinical word, an acronym).
 */
import type { PhiSpan } from "./identifier-patterns";
import type { WordFactsApi } from "./name-evidence";
import { coveredTokens, type Token } from "./name-tokens";

/** Words that join two names. */
const COORDINATORS = new Set(["and", "or", "not", "nor", "vs", "und", "oder", "y", "o", "et", "ou", "i", "lub", "nie"]);

export interface CoordinatedContext {
  words: WordFactsApi;
  stopWords: ReadonlySet<string>;
}

/** "Estrada not Estrella", "Kowalski und Nowak": a name beside a found name through and/or/not. */
export function withCoordinated(tokens: readonly Token[], spans: PhiSpan[], ctx: CoordinatedContext): PhiSpan[] {
  if (spans.length === 0) return spans;
  const ends = new Set(spans.map((s) => s.end));
  const starts = new Set(spans.map((s) => s.start));
  const extra: PhiSpan[] = [];
  let covered: boolean[] | undefined;
  const consider = (t: Token, i: number): void => {
    if (t.shape !== "title" && t.shape !== "caps") return;
    if ((covered ??= coveredTokens(tokens, spans))[i]) return;
    const f = ctx.words.facts(t);
    if (ctx.words.blocked(t) || ctx.stopWords.has(t.fold) || ctx.words.acronym(t, f)) return;
    if (f.evidence === "name" || f.evidence === "unknown") extra.push({ start: t.start, end: t.end, type: "NAME" });
  };
  for (let i = 1; i + 1 < tokens.length; i += 1) {
    const link = tokens[i]!;
    if (link.shape !== "lower" || !COORDINATORS.has(link.fold)) continue;
    const before = tokens[i - 1]!;
    const after = tokens[i + 1]!;
    if (ends.has(before.end)) consider(after, i + 1);
    if (starts.has(after.start)) consider(before, i - 1);
  }
  return [...spans, ...extra];
}
