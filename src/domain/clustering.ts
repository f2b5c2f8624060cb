/**
 * Text similarity for duplicate clustering, without an LLM: normalised, lightly stemmed content
 * tokens (stop-words and chat filler removed) compared as sets, blended with character trigrams of
 * the same tokens so "scanner"/"scanning" and small typos still overlap. Pure and deterministic.
 */

const STOP_WORDS = new Set(
  (
    "a an the and or but if then so of to in on at by for from with without into onto about as is are was were be been " +
    "being am do does did doing have has had having it its it's this that these those there here i me my mine we us our " +
    "you your he she they them their his her him not no nor too very just still again also any all some every each " +
    "can can't cannot could couldn't would wouldn't should will won't wont isn't aren't wasn't weren't don't doesn't " +
    "didn't hasn't haven't now today since after before while when what which who whom why how up down out off over " +
    "under than only own same other more most such lol pls please help hi hello hey thanks thank anyone someone " +
    "keep keeps kept getting get gets got im ive pt pts patient patients one two really always cant wont dont doesnt " +
    "didnt isnt arent wasnt werent couldnt wouldnt shouldnt hasnt havent"
  ).split(/\s+/),
);

/** Lower case, accents off, apostrophes dropped, everything else that is not a letter or digit is a space. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A light suffix stripper: enough to make scan/scans/scanning/scanner/scanned meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/(ss)es$/, "$1"],
    [/([^s])s$/, "$1"],
    [/(\w{3,})ing$/, "$1"],
    [/(\w{3,})ers?$/, "$1"],
    [/(\w{3,})ed$/, "$1"],
    [/(\w{3,})ly$/, "$1"],
  ];
  let out = word;
  for (const [pattern, replacement] of rules) {
    if (pattern.test(out)) {
      out = out.replace(pattern, replacement);
      break;
    }
  }
  // "scann" (from scanning/scanner) and "scan" should meet: collapse a doubled final consonant.
  return out.replace(/([b-df-hj-np-tv-z])\1$/, "$1");
}

/** Content tokens of a text: normalised, stop-words removed, stemmed. */
export function contentTokens(text: string, ignore: ReadonlySet<string> = new Set()): string[] {
  return normaliseText(text)
    .split(" ")
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w))
    .map(stem)
    .filter((w) => !ignore.has(w));
}

/** Stemmed words to leave out of a comparison (e.g. the system's own name, which every candidate shares). */
export function ignoreSet(phrases: readonly string[]): Set<string> {
  return new Set(
    phrases
      .flatMap((p) => normaliseText(p).split(" "))
      .filter((w) => w.length > 0)
      .map(stem),
  );
}

function trigrams(tokens: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Sørensen–Dice coefficient of two sets (0 when both are empty). */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Similarity of two texts in [0, 1]: half token overlap, half character-trigram overlap. */
export function textSimilarity(a: string, b: string, ignore: ReadonlySet<string> = new Set()): number {
  const ta = contentTokens(a, ignore);
  const tb = contentTokens(b, ignore);
  const tokenScore = dice(new Set(ta), new Set(tb));
  const gramScore = dice(trigrams(ta), trigrams(tb));
  return 0.5 * tokenScore + 0.5 * gramScore;
}

export interface ClusterCandidate {
  id: string;
  /** Texts that describe the candidate (redacted text, classifier summary). */
  texts: readonly string[];
  unit: string | null;
}

export interface ClusterMatchOptions {
  /** Minimum similarity to join a cluster when units differ or are unknown. */
  threshold: number;
  /** How much lower the bar is when both reports name the same unit. */
  sameUnitBonus: number;
  /** Stemmed words every candidate shares anyway (the system's name), left out of the comparison. */
  ignore?: ReadonlySet<string>;
}

export interface ClusterMatch {
  id: string;
  score: number;
}

function sameUnit(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && normaliseText(a) === normaliseText(b);
}

/**
 * The best candidate the new report matches well enough, or null. Every text of the report is
 * compared with every text of a candidate and the best pair counts (a terse message can still match
 * a candidate's classifier summary).
 */
export function bestClusterMatch(
  report: { texts: readonly string[]; unit: string | null },
  candidates: readonly ClusterCandidate[],
  options: ClusterMatchOptions,
): ClusterMatch | null {
  let best: ClusterMatch | null = null;
  for (const candidate of candidates) {
    let score = 0;
    for (const a of report.texts)
      for (const b of candidate.texts) score = Math.max(score, textSimilarity(a, b, options.ignore));
    const bar = sameUnit(report.unit, candidate.unit) ? options.threshold - options.sameUnitBonus : options.threshold;
    if (score >= bar && (!best || score > best.score)) best = { id: candidate.id, score };
  }
  return best;
}
