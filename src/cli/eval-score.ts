/**
 * Pure scoring of an evaluation run: per-field accuracy against the gold labels, PHI recall and
 * leaks of the redactor (word by word, see eval-phi.ts), over-redaction of unit names and look-alikes, confusion pairs and the failures list.
 */
import type { ClassificationResult } from "../domain/classification";
import type { LabelledSample } from "./eval-data";
import { leakedIdentifiers, removedLookalikes } from "./eval-phi";

/** One sample after redaction and classification (`result` null when the classifier threw). */
export interface EvalItem {
  sample: LabelledSample;
  redacted: string;
  result: ClassificationResult | null;
  source: string | null;
  flaggedReason: string | null;
}

export const SCORED_FIELDS = ["isReport", "kind", "system", "severity", "patientSafety", "location"] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** The machine-readable summary (the eval's last output line). Fractions are 0..1, null when nothing to score. */
export interface EvalScores {
  n: number;
  isReport: number | null;
  /** Fraction of gold non-reports (greetings, thanks, tests, questions about the bot) correctly not filed. */
  isReportNonReports: number | null;
  kind: number | null;
  system: number | null;
  severity: number | null;
  patientSafety: number | null;
  location: number | null;
  phiRecall: number | null;
  phiLeaks: number;
  nonPhiRedacted: number;
  /** Fraction of the `notPhi` look-alikes removed by the redactor (null when no item lists any). */
  lookalikesRedacted: number | null;
  promptTokens: number | null;
  /** For an LLM classifier: fraction of items the LLM answered validly, without the offline fallback; else null. */
  llmAnswered: number | null;
  /** Share of the gold reports the classifier flagged patient safety (compare goldSafetyRate). */
  safetyFlagRate: number | null;
}

export interface FieldMiss {
  field: ScoredField;
  gold: string;
  predicted: string;
}

export interface EvalFailure {
  id: string;
  redacted: string;
  misses: FieldMiss[];
  leakedPhi: string[];
  overRedacted: string[];
  lookalikesRemoved: string[];
  flaggedReason: string | null;
  tricky: string;
}

export interface ConfusionPair {
  field: ScoredField;
  gold: string;
  predicted: string;
  count: number;
}

export interface EvalSummary {
  scores: EvalScores;
  failures: EvalFailure[];
  confusions: ConfusionPair[];
  flagged: number;
  /** Share of the gold reports whose label says patient safety: what an honest flag rate is near. */
  goldSafetyRate: number | null;
}

export function foldLocation(location: string): string {
  return location.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Equal after folding case and white space; a gold null needs a null prediction. */
export function locationsMatch(gold: string | null, predicted: string | null): boolean {
  if (gold === null || predicted === null) return gold === predicted;
  return foldLocation(gold) === foldLocation(predicted);
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Index of the median-length text (the lower middle for an even count), in the given order. */
export function medianLengthIndex(texts: readonly string[]): number {
  if (texts.length === 0) return -1;
  const order = texts.map((t, i) => ({ i, len: t.length })).sort((a, b) => a.len - b.len || a.i - b.i);
  return order[Math.floor((order.length - 1) / 2)]!.i;
}

function show(value: string | boolean | null | undefined): string {
  return value === null || value === undefined ? "null" : String(value);
}

/** The fields of one item that do not match gold (reports are scored on every field, others on isReport). */
export function fieldMisses(sample: LabelledSample, result: ClassificationResult | null): FieldMiss[] {
  const gold = sample.gold;
  const fields: readonly ScoredField[] = gold.isReport ? SCORED_FIELDS : ["isReport"];
  const misses: FieldMiss[] = [];
  for (const field of fields) {
    const predicted = result ? result[field] : null;
    const ok =
      field === "location" ? locationsMatch(gold.location, result?.location ?? null) : predicted === gold[field];
    if (!ok) misses.push({ field, gold: show(gold[field]), predicted: result ? show(predicted) : "(error)" });
  }
  return misses;
}

function fraction(hits: number, total: number): number | null {
  return total === 0 ? null : Math.round((hits / total) * 10000) / 10000;
}

export function scoreEval(
  items: readonly EvalItem[],
  promptTokens: number | null = null,
  options: { llm?: boolean } = {},
): EvalSummary {
  const hits: Record<ScoredField, number> = {
    isReport: 0,
    kind: 0,
    system: 0,
    severity: 0,
    patientSafety: 0,
    location: 0,
  };
  let reports = 0;
  let nonReportsKept = 0;
  let llmAnswered = 0;
  let phiTotal = 0;
  let phiLeaks = 0;
  let nonPhiRedacted = 0;
  let lookalikes = 0;
  let lookalikesRemovedCount = 0;
  let flagged = 0;
  let safetyFlags = 0;
  let goldSafety = 0;
  const failures: EvalFailure[] = [];
  const pairs = new Map<string, ConfusionPair>();

  for (const item of items) {
    const { sample } = item;
    if (sample.gold.isReport) {
      reports++;
      if (item.result?.patientSafety) safetyFlags++;
      if (sample.gold.patientSafety) goldSafety++;
    }
    if (item.flaggedReason) flagged++;
    if (item.source === "llm") llmAnswered++;
    const misses = fieldMisses(sample, item.result);
    if (!sample.gold.isReport && item.result?.isReport === false) nonReportsKept++;
    const missed = new Set(misses.map((m) => m.field));
    for (const field of sample.gold.isReport ? SCORED_FIELDS : (["isReport"] as const))
      if (!missed.has(field)) hits[field]++;
    for (const miss of misses) {
      if (miss.field === "location") continue;
      const key = `${miss.field}\u0000${miss.gold}\u0000${miss.predicted}`;
      const pair = pairs.get(key) ?? { field: miss.field, gold: miss.gold, predicted: miss.predicted, count: 0 };
      pair.count++;
      pairs.set(key, pair);
    }
    phiTotal += sample.phi.length;
    const leakedPhi = leakedIdentifiers(sample.text, item.redacted, sample.phi);
    phiLeaks += leakedPhi.length;
    const lookalikesRemoved = removedLookalikes(sample.text, item.redacted, sample.notPhi);
    lookalikes += sample.notPhi.filter((s) => contains(sample.text, s)).length;
    lookalikesRemovedCount += lookalikesRemoved.length;
    const location = sample.gold.location;
    const overRedacted =
      location !== null && contains(sample.text, location) && !contains(item.redacted, location) ? [location] : [];
    nonPhiRedacted += overRedacted.length;
    if (misses.length > 0 || leakedPhi.length > 0 || overRedacted.length > 0 || lookalikesRemoved.length > 0)
      failures.push({
        id: sample.id,
        redacted: item.redacted,
        misses,
        leakedPhi,
        overRedacted,
        lookalikesRemoved,
        flaggedReason: item.flaggedReason,
        tricky: sample.tricky ?? "",
      });
  }

  const scores: EvalScores = {
    n: items.length,
    isReport: fraction(hits.isReport, items.length),
    isReportNonReports: fraction(nonReportsKept, items.length - reports),
    kind: fraction(hits.kind, reports),
    system: fraction(hits.system, reports),
    severity: fraction(hits.severity, reports),
    patientSafety: fraction(hits.patientSafety, reports),
    location: fraction(hits.location, reports),
    phiRecall: fraction(phiTotal - phiLeaks, phiTotal),
    phiLeaks,
    nonPhiRedacted,
    lookalikesRedacted: fraction(lookalikesRemovedCount, lookalikes),
    promptTokens,
    llmAnswered: options.llm ? fraction(llmAnswered, items.length) : null,
    safetyFlagRate: fraction(safetyFlags, reports),
  };
  const confusions = [...pairs.values()].sort(
    (a, b) => b.count - a.count || a.field.localeCompare(b.field) || a.gold.localeCompare(b.gold),
  );
  return { scores, failures, confusions, flagged, goldSafetyRate: fraction(goldSafety, reports) };
}

/** The last output line: exactly the keys of EvalScores, in a fixed order. */
export function scoresLine(scores: EvalScores): string {
  const ordered: EvalScores = {
    n: scores.n,
    isReport: scores.isReport,
    isReportNonReports: scores.isReportNonReports,
    kind: scores.kind,
    system: scores.system,
    severity: scores.severity,
    patientSafety: scores.patientSafety,
    location: scores.location,
    phiRecall: scores.phiRecall,
    phiLeaks: scores.phiLeaks,
    nonPhiRedacted: scores.nonPhiRedacted,
    lookalikesRedacted: scores.lookalikesRedacted,
    promptTokens: scores.promptTokens,
    llmAnswered: scores.llmAnswered,
    safetyFlagRate: scores.safetyFlagRate,
  };
  return JSON.stringify(ordered);
}
