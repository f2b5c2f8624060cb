/** Words of a message with what the name detector needs to know about each one. */
import { foldWord } from "./fold";

export type Shape = "title" | "caps" | "lower" | "other";

export interface Token {
  start: number;
  /** End of the word without a possessive 's. */
  end: number;
  core: string;
  fold: string;
  shape: Shape;
  possessive: boolean;
  /** Memo of what the word lists say about it (filled by name-evidence.ts). */
  facts?: unknown;
}

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const TITLE_PART = /^(?:\p{Lu}['’]?)?\p{Lu}[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?$/u;
const CAPS_PART = /^[\p{Lu}\p{M}'’]+$/u;
const LOWER_PART = /^[\p{Ll}\p{M}'’]+$/u;

const LOWER_ASCII = /^[a-z]+$/;
const TITLE_ASCII = /^[A-Z][a-z]+$/;

function shapeOf(core: string): Shape {
  if (LOWER_ASCII.test(core)) return "lower";
  if (TITLE_ASCII.test(core)) return "title";
  if (core.length === 1) return "other"; // an initial or a letter ("Humulin R", "channel B")
  const parts = core.split("-");
  if (parts.every((p) => TITLE_PART.test(p))) return "title";
  if (core.length > 1 && parts.every((p) => CAPS_PART.test(p))) return "caps";
  if (parts.every((p) => LOWER_PART.test(p))) return "lower";
  // "Hyun-woo", "Mei-ling", "Anna-Lena": a capitalised first part decides.
  if (TITLE_PART.test(parts[0]!) && parts.slice(1).every((p) => LOWER_PART.test(p) || TITLE_PART.test(p)))
    return "title";
  return parts.every((p) => TITLE_PART.test(p) || CAPS_PART.test(p)) ? "title" : "other";
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const possessive = /['’]s$/iu.test(raw) && raw.length > 3;
    const core = possessive ? raw.slice(0, -2) : raw;
    tokens.push({
      start: m.index,
      end: m.index + core.length,
      core,
      fold: foldWord(core),
      shape: shapeOf(core),
      possessive,
    });
  }
  return tokens;
}

/** For each token, whether it lies inside one of the spans (one sweep; tokens are in text order). */
export function coveredTokens(
  tokens: readonly { start: number; end: number }[],
  spans: readonly { start: number; end: number }[],
): boolean[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const covered = new Array<boolean>(tokens.length).fill(false);
  let s = 0;
  let reach = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    while (s < sorted.length && sorted[s]!.start <= t.start) {
      reach = Math.max(reach, sorted[s]!.end);
      s += 1;
    }
    covered[i] = t.end <= reach;
  }
  return covered;
}
