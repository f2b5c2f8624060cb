/**
 * The PHI redactor (what counts as PHI: docs/taxonomy.md, "PHI"): pattern rules for shaped
 * identifiers (identifier-, date-, record-, contact- and age-patterns.ts; labelled serials, tickets
 * and error codes kept by protected-spans.ts) plus a name detector that uses name lists of many
 * cultures, cues of five languages and a clinical allow-list (name-detector.ts). Pure and
 * deterministic; it runs before text reaches the classifier, an LLM or the store. Every finding
 * becomes a typed placeholder ([NAME], [MRN], [DOB], [DATE], [AGE], [PHONE], [EMAIL], [NATIONAL_ID],
 * [ADDRESS]) and is counted by type.
 */
import type { Catalogue } from "../../domain/catalogue";
import { asRedacted, PHI_TYPES, type PhiType, type RedactionCounts } from "../../domain/redacted-text";
import type { Redaction, Redactor } from "../../ports/redactor";
import { findIdentifiers, type PhiSpan } from "./identifier-patterns";
import { findAges } from "./age-patterns";
import { findAliasNames } from "./alias-names";
import { findFileNameParts } from "./file-names";
import { findLowerCaseNames } from "./lower-case-names";
import { createNameDetector } from "./name-detector";
import { nameLexicon, onlyAName, type NameLexicon } from "./name-lexicon";
import { foldWord } from "./fold";
import { baseStopWords } from "./name-stop-words";
import { CLINICAL_WORDS, PRODUCT_WORDS } from "./clinical-vocabulary";
import { bundledTaggerWeights, createPhiTagger, type CompiledTaggerWeights, type TaggerWeights } from "./phi-tagger";
import type { TaggerLists } from "./tagger-features";

/**
 * Lower-case words of every system alias and unit name in the catalogue, which are never names —
 * except a word that is on the personal-name lists and is no common word ("welch" of Welch Allyn,
 * "baxter", "lorenzo"): a patient may be called that, and product names must not shield them.
 */
function catalogueWords(catalogue: Catalogue, lexicon: NameLexicon): Set<string> {
  const words = new Set<string>();
  const personal = (w: string): boolean => onlyAName(lexicon.entry(foldWord(w)));
  const add = (phrase: string): void => {
    for (const w of phrase.toLowerCase().split(/[^\p{L}\p{M}'’-]+/u)) if (w.length > 0 && !personal(w)) words.add(w);
  };
  for (const system of catalogue.systems) {
    add(system.label);
    system.aliases.forEach(add);
  }
  for (const unit of catalogue.units) {
    add(unit.name);
    unit.aliases.forEach(add);
  }
  return words;
}

const PLACEHOLDER = new RegExp(`\\[(${PHI_TYPES.join("|")})\\]`, "g");

/** The placeholders already in a text, as spans of their type. */
function placeholders(text: string): PhiSpan[] {
  if (!text.includes("[")) return [];
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    type: m[1] as PhiType,
  }));
}

/** Keeps the earliest, then longest, of overlapping spans, widened over any span that overlaps it (nothing found is left half-removed). */
function resolveOverlaps(spans: PhiSpan[]): PhiSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhiSpan[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
      continue;
    }
    kept.push({ ...span });
  }
  return kept;
}

/** The pattern rules' findings (before overlaps are resolved) and the word lists they use. */
export function createRuleSpanFinder(catalogue: Catalogue): { find(raw: string): PhiSpan[]; lists: TaggerLists } {
  const lexicon = nameLexicon();
  const hardStopWords = catalogueWords(catalogue, lexicon);
  const stopWords = new Set([...baseStopWords(), ...hardStopWords]);
  const findNames = createNameDetector({ stopWords, hardStopWords, lexicon });
  const clinical = new Set([...CLINICAL_WORDS, ...PRODUCT_WORDS, ...hardStopWords]);
  return {
    lists: { lexicon, clinical, stopWords },
    find(raw) {
      const names = [
        ...findAliasNames(raw),
        ...findNames(raw),
        ...findLowerCaseNames(raw, stopWords, lexicon),
        ...findFileNameParts(raw, lexicon, stopWords),
      ];
      const identifiers = findIdentifiers(raw);
      const anchors = [...names, ...identifiers.filter((s) => s.type === "DOB")];
      return [...identifiers, ...names, ...findAges(raw, anchors)];
    },
  };
}

export interface RedactorOptions {
  /** The learned tagger's weights; null: the pattern rules alone. Default: the bundled weights. */
  tagger?: TaggerWeights | CompiledTaggerWeights | null;
}

export function createRegexRedactor(catalogue: Catalogue, options: RedactorOptions = {}): Redactor {
  const rules = createRuleSpanFinder(catalogue);
  const weights = options.tagger === undefined ? bundledTaggerWeights() : options.tagger;
  const tagger = weights ? createPhiTagger(weights, rules.lists) : undefined;

  return {
    redact(raw: string): Redaction {
      const found = rules.find(raw);
      // Placeholders of text redacted before are what the rules found there: the tagger reads them as
      // such and never takes one ("[AGE]" is not a name), so redacting redacted text changes nothing.
      const spans = resolveOverlaps(tagger ? [...found, ...tagger.find(raw, found, placeholders(raw))] : found);
      const counts: RedactionCounts = {};
      let out = "";
      let cursor = 0;
      for (const span of spans) {
        out += `${raw.slice(cursor, span.start)}[${span.type}]`;
        cursor = span.end;
        counts[span.type] = (counts[span.type] ?? 0) + 1;
      }
      out += raw.slice(cursor);
      return { text: asRedacted(out), counts };
    },
  };
}
