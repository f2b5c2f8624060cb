/**
 * The learned models, compiled once per classifier for speed and memory. Each feature's id sits in
 * a Map keyed by the feature without its prefix (its weights for every model in one flat array), so a message's features are looked
 * up as they are made, without building the prefixed strings of text-features.ts, and a message is
 * read once for every model. It gives exactly what logProbabilities(model, textFeatures(folded))
 * gives: the same distinct features in the same order, summed in the same order.
 */
import { logProbabilities, type LinearModel, type ModelWeights } from "./linear-model";
import { textFeatures } from "./text-features";

/** Natural-log probabilities of a model's classes for the message at hand. */
export type LogProbabilities = (model: LinearModel) => number[];

/** A feature's id: its weights for every compiled model start at id × (all models' classes). */
type Rows = number;

interface Tables {
  /** "w:" word unigrams. */
  word: Map<string, Rows>;
  /** "b:" word pairs. */
  pair: Map<string, Rows>;
  /** "c:" character n-grams. */
  gram: Map<string, Rows>;
  /** Everything else ("len:short" …), by the whole feature. */
  other: Map<string, Rows>;
  /** Every feature's weights for every model, in hundredths (0 where a model lacks the feature). */
  flat: Int32Array;
  /** Classes of all models together: the length of one feature's weights in `flat`. */
  stride: number;
  /** Where each model's classes start within a feature's weights. */
  offsets: number[];
}

/** Same as text-features.ts. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
const DIGIT = /\d/g;

/**
 * The weights in one flat array (the parsed rows, tens of thousands of small arrays, took 20 MB per
 * thread). A model that lacks a feature reads 0 for it, which adds exactly nothing to its scores.
 */
function compile(models: readonly LinearModel[]): Tables {
  const offsets: number[] = [];
  let stride = 0;
  for (const model of models) {
    offsets.push(stride);
    stride += model.classes.length;
  }
  const ids = new Map<string, number>();
  for (const model of models)
    for (const feature of Object.keys(model.weights)) if (!ids.has(feature)) ids.set(feature, ids.size);
  const flat = new Int32Array(ids.size * stride);
  const tables: Tables = { word: new Map(), pair: new Map(), gram: new Map(), other: new Map(), flat, stride, offsets };
  models.forEach((model, index) => {
    for (const [feature, row] of Object.entries(model.weights)) {
      const id = ids.get(feature)!;
      for (let k = 0; k < model.classes.length; k += 1) flat[id * stride + offsets[index]! + k] = row[k] ?? 0;
    }
  });
  for (const [feature, id] of ids) {
    const prefix = feature.slice(0, 2);
    const table =
      prefix === "w:" ? tables.word : prefix === "b:" ? tables.pair : prefix === "c:" ? tables.gram : tables.other;
    table.set(table === tables.other ? feature : feature.slice(2), id);
  }
  return tables;
}

/** The model's class log-probabilities from the rows of the features present (linear-model.ts). */
function scoreRows(
  model: LinearModel,
  index: number,
  tables: Tables,
  present: readonly Rows[],
  featureCount: number,
): number[] {
  const scores = model.bias.map((b) => b / 100);
  const classes = scores.length;
  // Only used when a feature is present (linear-model.ts makes it 0 otherwise, to the same end).
  const scale = 1 / (100 * Math.sqrt(featureCount));
  const { flat, stride } = tables;
  const offset = tables.offsets[index]!;
  for (const id of present) {
    const at = id * stride + offset;
    for (let k = 0; k < classes; k += 1) scores[k]! += flat[at + k]! * scale;
  }
  const max = Math.max(...scores);
  const logSum = max + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - max), 0));
  return scores.map((s) => s - logSum);
}

/**
 * Distinct character n-grams remembered across messages before the memory starts afresh: about
 * 3 MB per thread, a message in about 70 µs (200,000 took 20 MB or more for 32 µs; none, 140 µs).
 */
const GRAM_MEMORY = 30_000;

/** A word's character n-grams (as ids, in textFeatures order, repeats kept) and their rows. */
interface WordGrams {
  ids: number[];
  /** The n-gram's feature id, −1 when no model knows it. */
  rows: Rows[];
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
          entry.rows.push(grams.get(gram) ?? -1);
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

export interface ModelScorer {
  (folded: string, signals?: readonly string[]): LogProbabilities;
  /**
   * The same weights without their rows (classes and bias only): enough for the blend, and scored
   * by this scorer exactly as the full ones, so the parsed rows need not be kept.
   */
  light: ModelWeights;
}

function withoutRows(model: LinearModel): LinearModel {
  return { classes: [...model.classes], bias: [...model.bias], weights: {} };
}

/**
 * Returns, for a folded message and its rule signals (signal-features.ts, listed after the words as
 * in `[...textFeatures(folded), ...signals]`), the log-probabilities of every model in `weights`.
 */
const HEADS = ["kind", "patientSafety", "severity", "system", "isReport"] as const;

/** The compiled tables, the light weights and which model object is which compiled model (held weakly). */
function prepare(weights: ModelWeights): { tables: Tables; light: ModelWeights; slots: WeakMap<LinearModel, number> } {
  const models: LinearModel[] = [];
  const light: ModelWeights = { ...weights, models: { ...weights.models } };
  const slots = new WeakMap<LinearModel, number>();
  for (const head of HEADS) {
    const model = weights.models[head];
    if (!model) continue;
    const copy = withoutRows(model);
    (light.models as Record<string, LinearModel>)[head] = copy;
    slots.set(model, models.length);
    slots.set(copy, models.length);
    models.push(model);
  }
  return { tables: compile(models), light, slots };
}

export function createModelScorer(weights: ModelWeights, gramMemory = GRAM_MEMORY): ModelScorer {
  // Built in a function of its own: the closures below must not hold the parsed rows.
  const { tables, light, slots } = prepare(weights);
  const memory = createGramMemory(tables.gram, gramMemory);
  const score = (folded: string, signals: readonly string[] = []): LogProbabilities => {
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
      const id = table.get(key);
      if (id !== undefined) present.push(id);
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
        const id = grams.rows[g]!;
        if (id >= 0) present.push(id);
      }
    }
    if (words.length > 0) visit(tables.pair, seenPairs, `${previous} </s>`);
    const length = words.length <= 3 ? "short" : words.length <= 12 ? "mid" : "long";
    const lengthRows = tables.other.get(`len:${length}`);
    if (lengthRows !== undefined) present.push(lengthRows);
    const seenSignals = new Set<string>();
    for (const signal of signals) visit(tables.other, seenSignals, signal);
    const featureCount = seenWords.size + seenPairs.size + gramCount + 1 + seenSignals.size;
    return (model: LinearModel): number[] => {
      const index = slots.get(model);
      return index !== undefined
        ? scoreRows(model, index, tables, present, featureCount)
        : logProbabilities(model, [...textFeatures(folded), ...new Set(signals)]);
    };
  };
  return Object.assign(score, { light });
}
