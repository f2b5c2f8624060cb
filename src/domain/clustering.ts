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

/** Longest token compared (longer ones are cut before stemming: no word is this long). */
export const MAX_TOKEN_LENGTH = 32;
/** Most distinct tokens kept per text (a report is a few sentences; the rest adds nothing). */
export const MAX_TOKENS = 200;
/** Version of the feature recipe, part of every feature key. */
const FEATURE_VERSION = "f1";
/** Characters of a text looked at (intake caps reports at 4,000 anyway). */
export const MAX_TEXT_CHARS = 8_000;

/** [A-Za-z0-9_], what `\w` matched in the regular expressions this replaces. */
function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 // _
  );
}

/** True when the `count` characters ending just before `end` are all word characters. */
function wordCharsBefore(word: string, end: number, count: number): boolean {
  if (end < count) return false;
  for (let i = end - count; i < end; i++) if (!isWordChar(word.charCodeAt(i))) return false;
  return true;
}

/** Strips `suffix` when at least three word characters precede it (the old `(\w{3,})suffix$`). */
function stripAfterThree(word: string, suffix: string): string | null {
  if (!word.endsWith(suffix)) return null;
  const end = word.length - suffix.length;
  return wordCharsBefore(word, end, 3) ? word.slice(0, end) : null;
}

const DOUBLED_CONSONANTS = new Set("bcdfghjklmnpqrstvwxyz");

/** The first suffix rule that applies, or the word unchanged. Constant work per rule: no backtracking. */
function stripSuffix(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("s") && word[word.length - 2] !== "s") return word.slice(0, -1);
  return (
    stripAfterThree(word, "ing") ??
    stripAfterThree(word, "ers") ??
    stripAfterThree(word, "er") ??
    stripAfterThree(word, "ed") ??
    stripAfterThree(word, "ly") ??
    word
  );
}

/**
 * A light suffix stripper: enough to make scan/scans/scanning/scanner/scanned meet. String tests
 * only (no regular expressions), so its cost is linear in the word however long it is.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  const out = stripSuffix(word);
  // "scann" (from scanning/scanner) and "scan" should meet: collapse a doubled final consonant.
  const last = out[out.length - 1];
  return out.length >= 2 && last !== undefined && out[out.length - 2] === last && DOUBLED_CONSONANTS.has(last)
    ? out.slice(0, -1)
    : out;
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Content tokens of a text: normalised, stop-words removed, cut to MAX_TOKEN_LENGTH, stemmed. */
export function contentTokens(text: string, ignore: ReadonlySet<string> = new Set()): string[] {
  return normaliseText(text.slice(0, MAX_TEXT_CHARS))
    .split(" ")
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !isDigits(w))
    .map((w) => stem(w.slice(0, MAX_TOKEN_LENGTH)))
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
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * What clustering compares of one text, computed once per text and stored with the report:
 * distinct content tokens (at most MAX_TOKENS, each at most MAX_TOKEN_LENGTH) and their character
 * trigrams. Plain arrays, so they survive JSON and BSON.
 */
export interface TextFeatures {
  tokens: string[];
  grams: string[];
}

/** The same features as sets, ready to compare. */
export interface FeatureSets {
  tokens: ReadonlySet<string>;
  grams: ReadonlySet<string>;
}

export function textFeatures(text: string, ignore: ReadonlySet<string> = new Set()): TextFeatures {
  const tokens = new Set<string>();
  for (const token of contentTokens(text, ignore)) {
    if (tokens.size >= MAX_TOKENS) break;
    tokens.add(token);
  }
  const list = [...tokens];
  return { tokens: list, grams: [...trigrams(list)] };
}

export function featureSets(features: TextFeatures): FeatureSets {
  return { tokens: new Set(features.tokens), grams: new Set(features.grams) };
}

/** Similarity of two feature sets in [0, 1]: half token overlap, half character-trigram overlap. */
export function featureSimilarity(a: FeatureSets, b: FeatureSets): number {
  return 0.5 * dice(a.tokens, b.tokens) + 0.5 * dice(a.grams, b.grams);
}

/** Similarity of two texts in [0, 1] (features of both, then featureSimilarity). */
export function textSimilarity(a: string, b: string, ignore: ReadonlySet<string> = new Set()): number {
  return featureSimilarity(featureSets(textFeatures(a, ignore)), featureSets(textFeatures(b, ignore)));
}

/**
 * A short fingerprint of what features were computed from (texts and ignored words), so stored
 * features are reused only while they still describe the report. FNV-1a over the input, with a
 * version so a change to the feature recipe invalidates every stored copy.
 */
export function featureKey(texts: readonly string[], ignore: ReadonlySet<string>): string {
  let hash = 0x811c9dc5;
  const parts = [FEATURE_VERSION, ...[...ignore].sort(), "", ...texts];
  let length = 0;
  for (const part of parts) {
    const limited = part.slice(0, MAX_TEXT_CHARS);
    length += limited.length + 1;
    for (let i = 0; i <= limited.length; i++) {
      hash ^= i < limited.length ? limited.charCodeAt(i) : 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return `${FEATURE_VERSION}:${length}:${hash.toString(36)}`;
}

export interface ClusterCandidate {
  id: string;
  /** Features of the texts that describe the candidate (redacted text, classifier summary). */
  features: readonly FeatureSets[];
  unit: string | null;
}

export interface ClusterMatchOptions {
  /** Minimum similarity to join a cluster when units differ or are unknown. */
  threshold: number;
  /** How much lower the bar is when both reports name the same unit. */
  sameUnitBonus: number;
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
 * a candidate's classifier summary). Features come precomputed: the work is linear in the
 * candidates and bounded per candidate.
 */
export function bestClusterMatch(
  report: { features: readonly FeatureSets[]; unit: string | null },
  candidates: readonly ClusterCandidate[],
  options: ClusterMatchOptions,
): ClusterMatch | null {
  let best: ClusterMatch | null = null;
  for (const candidate of candidates) {
    let score = 0;
    for (const a of report.features)
      for (const b of candidate.features) score = Math.max(score, featureSimilarity(a, b));
    const bar = sameUnit(report.unit, candidate.unit) ? options.threshold - options.sameUnitBonus : options.threshold;
    if (score >= bar && (!best || score > best.score)) best = { id: candidate.id, score };
  }
  return best;
}
