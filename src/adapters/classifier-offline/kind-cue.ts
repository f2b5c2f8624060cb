/**
 * One weighted piece of wording for a kind of problem. Patterns run on the folded text (lower
 * case, no accents, contractions spelled out as in text-prep.ts), between ASCII word edges.
 */
import type { Kind } from "../../domain/taxonomy";

export interface Cue {
  kind: Kind;
  weight: number;
  pattern: RegExp;
  tag: string;
  /** The wording alone, without the word edges (kind-scorer.ts joins a kind's cues into one test). */
  source: string;
}

export const cue = (kind: Kind, weight: number, tag: string, source: string): Cue => ({
  kind,
  weight,
  tag,
  source,
  // The folded text has no accents, so ASCII word edges are enough (and much faster than \p{L}).
  pattern: new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`),
});

/** Negations as they look after folding ("wont" → "won't", "cannot" → "can't"). */
export const NEG =
  "(?:won't|wouldn't|don't|doesn't|isn't|aren't|can't|couldn't|didn't|not|never|no longer|is not|are not|does not|hasn't|haven't|unable to|refuses to)";
