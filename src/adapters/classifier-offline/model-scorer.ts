/**
 * The learned models, compiled once per classifier for speed. Each feature's weight rows (one per
 * model) sit in a Map keyed by the feature without its prefix, so a message's features are looked
 * up as they are made, without building the prefixed strings of text-features.ts, and a message is
 * read once for every model. It gives exactly what logProbabilities(model, textFeatures(folded))
 * gives: the same distinct features in the same order, summed in the same order.
 */
import { logProbabilities, type LinearModel, type ModelWeights } from "./linear-model";
import { textFeatures } from "./text-features";

/** Natural-log probabilities of a model's classes for the message at hand. */
export type LogProbabilities = (model: LinearModel) => number[];

/** One weight row per compiled model (undefined where that model lacks the feature). */
type Rows = Array<readonly number[] | undefined>;

interface Tables {
  /** "w:" word unigrams. */
  word: Map<string, Rows>;
  /** "b:" word pairs. */
  pair: Map<string, Rows>;
  /** "c:" character n-grams. */
  gram: Map<string, Rows>;
  /** Everything else ("len:short" …), by the whole feature. */
  other: Map<string, Rows>;
}

/** Same as text-features.ts. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
const DIGIT = /\d/g;

function compile(models: readonly LinearModel[]): Tables {
  const tables: Tables = { word: new Map(), pair: new Map(), gram: new Map(), other: new Map() };
  models.forEach((model, index) => {
    for (const [feature, row] of Object.entries(model.weights)) {
      const prefix = feature.slice(0, 2);
      const table =
        prefix === "w:" ? tables.word : prefix === "b:" ? tables.pair : prefix === "c:" ? tables.gram : tables.other;
      const key = table === tables.other ? feature : feature.slice(2);
      let rows = table.get(key);
      if (!rows) {
        rows = new Array<readonly number[] | undefined>(models.length).fill(undefined);
        table.set(key, rows);
      }
      // A packed copy: the weights as parsed may be stored sparsely, which is slower to read.
      rows[index] = Array.from(row);
    }
  });
  return tables;
}

/** The model's class log-probabilities from the rows of the features present (linear-model.ts). */
function scoreRows(model: LinearModel, index: number, present: readonly Rows[], featureCount: number): number[] {
  const scores = model.bias.map((b) => b / 100);
  const classes = scores.length;
  // Only used when a feature is present (linear-model.ts makes it 0 otherwise, to the same end).
  const scale = 1 / (100 * Math.sqrt(featureCount));
  for (const entry of present) {
    const row = entry[index];
    if (row === undefined) continue;
    for (let k = 0; k < classes; k += 1) scores[k]! += (row[k] ?? 0) * scale;
  }
  const max = Math.max(...scores);
  const logSum = max + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - max), 0));
  return scores.map((s) => s - logSum);
}

/** Distinct character n-grams remembered across messages before the memory starts afresh. */
const GRAM_MEMORY = 200_000;

/** A word's character n-grams (as ids, in textFeatures order, repeats kept) and their rows. */
interface WordGrams {
  ids: number[];
  rows: Array<Rows | undefined>;
}

/**
 * Character n-grams depend on the word alone, so each word's are made once and remembered, each
 * n-gram as a number; a message then tells its distinct n-grams apart by stamping those numbers.
 */
function createGramMemory(
  grams: Map<string, Rows>,
  limit: number,
): {
  begin(): number;
  of(word: string): WordGrams;
  stamp(id: number, message: number): boolean;
} {
  const ids = new Map<string, number>();
  const words = new Map<string, WordGrams>();
  let stamps = new Int32Array(4096);
  let message = 0;
  return {
    /** Starts a message; forgets everything first when the memory is full (never mid-message). */
    begin(): number {
      if (ids.size > limit || message >= 0x7fffffff) {
        ids.clear();
        words.clear();
        stamps = new Int32Array(4096);
        message = 0;
      }
      message += 1;
      return message;
    },
    of(word: string): WordGrams {
      const known = words.get(word);
      if (known) return known;
      const entry: WordGrams = { ids: [], rows: [] };
      const padded = ` ${word} `;
      for (let n = 3; n <= 5; n += 1)
        for (let i = 0; i + n <= padded.length; i += 1) {
          const gram = padded.slice(i, i + n);
          let id = ids.get(gram);
          if (id === undefined) {
            id = ids.size;
            ids.set(gram, id);
          }
          entry.ids.push(id);
          entry.rows.push(grams.get(gram));
        }
      words.set(word, entry);
      return entry;
    },
    /** True the first time this n-gram is seen in this message. */
    stamp(id: number, current: number): boolean {
      if (id >= stamps.length) {
        const grown = new Int32Array(Math.max(stamps.length * 2, id + 1));
        grown.set(stamps);
        stamps = grown;
      }
      if (stamps[id] === current) return false;
      stamps[id] = current;
      return true;
    },
  };
}

/**
 * Returns, for a folded message and its rule signals (signal-features.ts, listed after the words as
 * in `[...textFeatures(folded), ...signals]`), the log-probabilities of every model in `weights`.
 */
export function createModelScorer(
  weights: ModelWeights,
  gramMemory = GRAM_MEMORY,
): (folded: string, signals?: readonly string[]) => LogProbabilities {
  const models = [
    weights.models.kind,
    weights.models.patientSafety,
    weights.models.severity,
    weights.models.system,
    weights.models.isReport,
  ].filter((m): m is LinearModel => m !== undefined);
  const tables = compile(models);
  const memory = createGramMemory(tables.gram, gramMemory);
  return (folded: string, signals: readonly string[] = []): LogProbabilities => {
    const words = (folded.replace(DIGIT, "0").match(WORD) ?? []).slice(0, 120);
    const message = memory.begin();
    const seenWords = new Set<string>();
    const seenPairs = new Set<string>();
    let gramCount = 0;
    // The rows of the distinct features the models know, in the order textFeatures lists them.
    const present: Rows[] = [];
    const visit = (table: Map<string, Rows>, seen: Set<string>, key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      const rows = table.get(key);
      if (rows) present.push(rows);
    };
    let previous = "<s>";
    for (const word of words) {
      // A repeated word adds no new character n-grams: they depend on the word alone.
      const newWord = !seenWords.has(word);
      visit(tables.word, seenWords, word);
      visit(tables.pair, seenPairs, `${previous} ${word}`);
      previous = word;
      if (!newWord) continue;
      const grams = memory.of(word);
      for (let g = 0; g < grams.ids.length; g += 1) {
        if (!memory.stamp(grams.ids[g]!, message)) continue;
        gramCount += 1;
        const rows = grams.rows[g];
        if (rows) present.push(rows);
      }
    }
    if (words.length > 0) visit(tables.pair, seenPairs, `${previous} </s>`);
    const length = words.length <= 3 ? "short" : words.length <= 12 ? "mid" : "long";
    const lengthRows = tables.other.get(`len:${length}`);
    if (lengthRows) present.push(lengthRows);
    const seenSignals = new Set<string>();
    for (const signal of signals) visit(tables.other, seenSignals, signal);
    const featureCount = seenWords.size + seenPairs.size + gramCount + 1 + seenSignals.size;
    return (model: LinearModel): number[] => {
      const index = models.indexOf(model);
      return index >= 0
        ? scoreRows(model, index, present, featureCount)
        : logProbabilities(model, [...textFeatures(folded), ...new Set(signals)]);
    };
  };
}
