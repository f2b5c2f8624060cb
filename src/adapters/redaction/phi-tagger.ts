/**
 * The learned second opinion of the redactor: a logistic model over the features of each word and
 * number (tagger-features.ts), trained on every labelled message of the project
 * (scripts/train-phi-tagger.ts), that removes words the pattern rules left although they read like a
 * patient's identifier ("Kowalczyk in MICU 12", "GARZA 4471", "[NAME] Yilmaz"). It only adds to
 * what the rules found; a labelled serial, ticket or error code (protected-spans.ts) is never
 * touched. Weights live in data/phi-tagger-weights.json.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createStringTable, type StringTable } from "../compact/string-table";
import type { PhiSpan } from "./identifier-patterns";
import { tollFreeRanges } from "./contact-patterns";
import { FUNCTION_WORDS, PARTICLES } from "./name-cues";
import { coveredTokens } from "./name-tokens";
import { findProtected } from "./protected-spans";
import {
  amountNumber,
  isDateOrYear,
  neverIdentifier,
  placeNumber,
  taggerContext,
  taggerTokens,
  tokenFeatures,
  type TaggerContext,
  type TaggerLists,
  type TaggerToken,
} from "./tagger-features";

export interface TaggerWeights {
  /** Probability above which a word is removed (chosen by leave-one-file-out, see the script). */
  threshold: number;
  /** Lower probability enough for a word next to a removed one (hysteresis, as in name tagging). */
  grow: number;
  weights: Record<string, number>;
}

export interface PhiTagger {
  /**
   * Words the rules left that the model reads as identifiers. (Letting the model also take back a
   * name the rules found cost more recall than it saved look-alikes, by leave-one-file-out.)
   */
  find(text: string, ruleSpans: readonly PhiSpan[], placeholders?: readonly PhiSpan[]): PhiSpan[];
}

/** For each token, the type of the rule span overlapping it, or "-". */
export function ruleTypes(tokens: readonly TaggerToken[], spans: readonly PhiSpan[]): string[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out = new Array<string>(tokens.length).fill("-");
  let s = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    while (s < sorted.length && sorted[s]!.end <= t.start) s += 1;
    for (let k = s; k < sorted.length && sorted[k]!.start < t.end; k += 1)
      if (sorted[k]!.end > t.start) {
        out[i] = sorted[k]!.type;
        break;
      }
  }
  return out;
}

/** The placeholder of a removed token: a number among other removed numbers is a record number ("88 120 455"). */
function typeOf(tokens: readonly TaggerToken[], hit: readonly boolean[], i: number): PhiSpan["type"] {
  const token = tokens[i]!.text;
  if (!/\d/.test(token)) return "NAME";
  if (isDateOrYear(token)) return "DATE";
  const numberAt = (j: number): boolean => hit[j] === true && /\d/.test(tokens[j]!.text);
  if (/^\d{2,3}$/.test(token) && Number(token) >= 90 && !numberAt(i - 1) && !numberAt(i + 1)) return "AGE";
  return "MRN";
}

/** The weights in flat arrays (see string-table.ts): built once per thread for the bundled file. */
export interface CompiledTaggerWeights {
  threshold: number;
  grow: number;
  features: StringTable;
  values: Float64Array;
}

export function compileTaggerWeights(model: TaggerWeights): CompiledTaggerWeights {
  const entries = Object.entries(model.weights);
  const features = createStringTable(entries.map(([f]) => f));
  const values = new Float64Array(features.size);
  for (const [f, v] of entries) values[features.id(f)] = v;
  return { threshold: model.threshold, grow: model.grow, features, values };
}

export function createPhiTagger(weights: TaggerWeights | CompiledTaggerWeights, lists: TaggerLists): PhiTagger {
  const model = "values" in weights ? weights : compileTaggerWeights(weights);
  const { features, values } = model;
  const probability = (c: TaggerContext, i: number): number => {
    let z = 0;
    for (const f of tokenFeatures(c, i)) {
      const id = features.id(f);
      if (id >= 0) z += values[id]!;
    }
    return 1 / (1 + Math.exp(-z));
  };
  const context = (text: string, ruleSpans: readonly PhiSpan[]): TaggerContext => {
    const tokens = taggerTokens(text);
    return taggerContext(tokens, text, lists, ruleTypes(tokens, ruleSpans));
  };
  return {
    find(text, ruleSpans, placeholders = []) {
      // Placeholders of text redacted before read as what the rules found, but nothing grows from them.
      const c = context(text, placeholders.length > 0 ? [...ruleSpans, ...placeholders] : ruleSpans);
      const fromPlaceholder = placeholders.length > 0 ? coveredTokens(c.tokens, placeholders) : [];
      const { tokens, rules } = c;
      const kept = coveredTokens(tokens, [...findProtected(text), ...tollFreeRanges(text)]);
      // A function word in lower case ("the", "und", "pour") is never a name: not scored.
      const free = tokens.map(
        (t, i) =>
          rules[i] === "-" &&
          !kept[i] &&
          !(t.text === t.fold && FUNCTION_WORDS.has(t.fold)) &&
          !placeNumber(tokens, i) &&
          !amountNumber(tokens, i) &&
          !staffName(c, i),
      );
      // A lower-case common word that is on no name list ("printer", "since") is not scored either:
      // it is most of a message, and the model never gave one a score near the threshold.
      const commonWord = (i: number): boolean => c.shapes[i] === "xx" && /^00[ab]/.test(c.lex[i]!);
      const open = tokens.map((t, i) => free[i]! && !commonWord(i) && !neverIdentifier(t.text, true));
      // Only words that could be removed are scored (most of a long message is not).
      const p = tokens.map((_, i) => (open[i] ? probability(c, i) : 0));
      // A staff title, a place word ("RM", "Zi.", "Dr"), an identifier's label ("MRN") or a single
      // letter ("C. diff"; an initial next to a name is grown into) is not itself a finding.
      const hit = tokens.map(
        (t, i) =>
          open[i]! &&
          !neverIdentifier(t.text) &&
          c.cues[i] !== "staff" &&
          c.cues[i] !== "place" &&
          t.text.length > 1 &&
          !LABEL_WORDS.has(t.fold) &&
          p[i]! >= model.threshold,
      );
      // A date is the rules' to judge, unless it stands right after a patient found
      // ("huber maria 3.4.37", "Okafor (MRN 5521, 06/14/2015)"): then the model may call it a date of birth.
      const besidePatient = (i: number): boolean => {
        for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1)
          if ((hit[j] && !isDateOrYear(tokens[j]!.text)) || PATIENT_SPANS.has(rules[j]!)) return true;
        return false;
      };
      tokens.forEach((t, i) => {
        if (!free[i] || !isDateOrYear(t.text) || !besidePatient(i)) return;
        p[i] = probability(c, i);
        hit[i] = p[i] >= model.threshold;
      });
      // Grow each finding, and each name the rules found, over neighbours that are likely enough, also
      // across a particle that joins two parts of a name ("Vilaró i Serra", "Muthu s/o Ramasamy").
      const link = (j: number): boolean => rules[j] === "-" && !kept[j] && NAME_LINKS.has(tokens[j]!.fold);
      // A cue word ("Zi.", "Dr", "pt", "wife") is not grown into: it is not part of the name beside it.
      const likely = (j: number, fromRules: boolean): boolean =>
        j >= 0 &&
        j < tokens.length &&
        open[j]! &&
        !hit[j] &&
        c.cues[j] === undefined &&
        !LABEL_WORDS.has(tokens[j]!.fold) &&
        p[j]! >= model.grow &&
        !(fromRules && neverIdentifier(tokens[j]!.text));
      const seeds = tokens.flatMap((_, i) => (hit[i] || (rules[i] === "NAME" && !fromPlaceholder[i]) ? [i] : []));
      for (const i of seeds)
        for (const step of [-1, 1]) {
          // A small number is grown into from what the tagger found, not from a name of the rules ("Dupont, 62").
          const fromRules = !hit[i];
          let j = i + step;
          while (j >= 0 && j < tokens.length) {
            if (likely(j, fromRules)) {
              hit[j] = true;
              j += step;
            } else if (link(j) && likely(j + step, fromRules)) {
              hit[j] = hit[j + step] = true;
              j += 2 * step;
            } else break;
          }
        }
      const found = new Set(
        tokens.filter((t, i) => hit[i] && open[i] && !/\d/.test(t.fold) && t.fold.length > 2).map((t) => t.fold),
      );
      tokens.forEach((t, i) => {
        if (open[i] && found.has(t.fold)) hit[i] = true;
      });
      return tokens.flatMap((t, i) => (hit[i] ? [{ start: t.start, end: t.end, type: typeOf(tokens, hit, i) }] : []));
    },
  };
}

/**
 * Whether token i is a staff member's name: a word up to three words after a staff title with only
 * capitalised words between ("Dr. Imelda Fairweather-Nakamura", "Docteur Vandenberghe").
 */
function staffName(c: TaggerContext, i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1) {
    if (c.cues[j] === "staff") return true;
    if (!/^(?:Xx|XX|X|Xx-|X\.)$/.test(c.shapes[j]!)) return false;
  }
  return false;
}

/** Labels of identifiers: the number after one is the identifier, the label is not ("MRN [MRN]"). */
const LABEL_WORDS = new Set(
  "mrn mr dob ssn ur urn nhs chi acct fin csn har nhc ipp pesel dni nie nuss bsn mbi pid cip tsi kvnr id no nr hosp tel ph cell mob email".split(
    " ",
  ),
);

/** What the rules find of a patient, beside which a date is a date of birth. */
const PATIENT_SPANS = new Set(["NAME", "MRN", "NATIONAL_ID"]);

/** Words that join the parts of one name. */
const NAME_LINKS = new Set([...PARTICLES, "i", "y", "ben", "bat", "s/o", "d/o", "a/l", "a/p", "bte"]);

/** The bundled weights as written by the training script (parsed on every call). */
export function taggerWeights(): TaggerWeights {
  return JSON.parse(readFileSync(path.join(__dirname, "data", "phi-tagger-weights.json"), "utf8")) as TaggerWeights;
}

let bundled: CompiledTaggerWeights | undefined;

/** The bundled weights, compiled once per thread (the parsed file is not kept). */
export function bundledTaggerWeights(): CompiledTaggerWeights {
  bundled ??= compileTaggerWeights(taggerWeights());
  return bundled;
}
