/**
 * Features for the learned model that come from the taxonomy's own rules rather than from the
 * words: which safety-floor cues fired (harm, wrong patient, a code…), which catalogue system was
 * named and what class of system it is, which kind of non-report the message reads as, which kind
 * the kind lexicon favours, and what the severity rules say. The model learns how far to trust each
 * one from labelled data, instead of the rules deciding alone. Which groups are used is part of the
 * shipped weights (`signals` in model-weights.json), so training and classifying always agree.
 * Every feature starts with "s:" (the language-folded concepts of concept-lexicon.ts with "x:") and
 * counts once.
 */
import { nonReportKindOf, type NonReportKind } from "../../domain/non-report";
import { safetyFloorOf, type SafetyFloor } from "../../domain/safety-floor";
import type { Kind, Severity } from "../../domain/taxonomy";
import type { CatalogueHit, CatalogueMatcher } from "./catalogue-matcher";
import { conceptFeatures } from "./concept-lexicon";
import type { KindScore } from "./kind-scorer";
import { createKindScorer } from "./kind-scorer";
import { severityOf } from "./severity-rules";
import { chooseSystem } from "./system-choice";
import { textFeatures } from "./text-features";
import { prepareText, type PreparedText } from "./text-prep";

export const SIGNAL_GROUPS = ["floor", "system", "nonReport", "ruleKind", "ruleSeverity", "concept"] as const;
export type SignalGroup = (typeof SIGNAL_GROUPS)[number];

/** What the rules found in one message, already computed by the classifier. */
export interface Signals {
  floor: SafetyFloor;
  /** The system the catalogue matcher chose ("other" when none was named). */
  system: string;
  /** A unit was named. */
  unit: boolean;
  nonReport: NonReportKind | null;
  /** The kind lexicon's favourite, or null when it found no kind wording. */
  ruleKind: Kind | null;
  /** The severity rules' answer (for the rules' kind), and whether they saw harm or a unit-wide outage. */
  rule: { severity: Severity; patientSafety: boolean; strong?: boolean } | null;
  /** Language-folded concepts named ("x:wrong", "x:dose"; concept-lexicon.ts). */
  concepts: readonly string[];
}

/** Systems whose failure or wrong data plausibly delays or changes treatment. */
const CLINICAL = new Set([
  "bcma",
  "infusion_pump",
  "patient_monitoring",
  "dispensing_cabinet",
  "imaging_pacs",
  "lab_system",
  "pharmacy_system",
]);
const RECORD = new Set(["ehr", "communication", "network", "workstation", "identity_access", "telehealth"]);

function systemClass(system: string): string {
  if (system === "other") return "none";
  if (CLINICAL.has(system)) return "clinical";
  if (RECORD.has(system)) return "record";
  return "office";
}

export function signalFeatures(groups: readonly SignalGroup[], s: Signals): string[] {
  const out: string[] = [];
  for (const group of groups) {
    if (group === "floor") {
      if (s.floor.severity !== null) out.push(`s:floor:${s.floor.severity}`);
      for (const cue of s.floor.cues) out.push(`s:cue:${cue.replace(/[^a-z0-9]+/gi, "-")}`);
    } else if (group === "system") {
      out.push(`s:sys:${s.system}`, `s:sysclass:${systemClass(s.system)}`);
      if (s.unit) out.push("s:unit");
    } else if (group === "nonReport") {
      out.push(`s:nr:${s.nonReport ?? "none"}`);
    } else if (group === "ruleKind") {
      out.push(`s:rk:${s.ruleKind ?? "none"}`);
    } else if (group === "concept") {
      out.push(...s.concepts);
    } else if (s.rule) {
      out.push(`s:rs:${s.rule.severity}`, `s:rps:${s.rule.patientSafety}`);
      if (s.rule.strong) out.push("s:rstrong");
    }
  }
  return [...new Set(out)];
}

/** The rules' signals for one message (`text` is the redacted message, as the classifier gets it). */
export function signalsOf(
  text: string,
  prepared: PreparedText,
  hits: readonly CatalogueHit[],
  scored: KindScore,
  ruleKind: Kind,
): Signals {
  const system = chooseSystem(prepared.clean, [...hits], ruleKind === "access");
  const tags = ruleKind === scored.kind ? scored.tags : [];
  return {
    floor: safetyFloorOf(text),
    system,
    unit: hits.some((h) => h.kind === "unit"),
    nonReport: nonReportKindOf(prepared.folded),
    ruleKind: scored.weight > 0 ? scored.kind : null,
    rule: severityOf({ folded: prepared.folded, kind: ruleKind, system, emojiTerse: prepared.emojiTerse, tags }),
    concepts: conceptFeatures(prepared.folded),
  };
}

/**
 * Every feature of a message as the classifier computes it (words, then signals), for training and
 * cross-validation: the same steps as offline-classifier.ts.
 */
export function createFeatureReader(
  matcher: CatalogueMatcher,
  groups: readonly SignalGroup[],
): (redacted: string) => string[] {
  const scoreKinds = createKindScorer();
  return (redacted) => {
    const prepared = prepareText(redacted);
    const words = textFeatures(prepared.folded);
    if (groups.length === 0) return words;
    const hits = matcher.find(prepared.clean);
    const scored = scoreKinds(prepared.folded);
    const ruleKind: Kind = scored.weight > 0 ? scored.kind : "disruption";
    return [...words, ...signalFeatures(groups, signalsOf(redacted, prepared, hits, scored, ruleKind))];
  };
}
