/**
 * The deterministic fallback classifier: lexicons, catalogue aliases and severity rules, no
 * network and no model. It fills the whole ClassificationResult, so a report is never left
 * unclassified when the LLM is missing or fails. Meta sentences addressed to the classifier are
 * dropped before anything is read, so text cannot talk its way to another result.
 * A learned linear model (linear-model.ts, weights in model-weights.json, trained by
 * scripts/train-offline-model.ts) reads words, character n-grams and the rules' signals
 * (signal-features.ts), and is blended with the rules for isReport, kind, system, severity and
 * patient safety (model-blend.ts); `{ weights: null }` gives the rules alone. The safety floor
 * is applied by the caller (app/pipeline/classify-filed.ts) and is never lowered.
 */
import type { Catalogue } from "../../domain/catalogue";
import type { ClassificationResult } from "../../domain/classification";
import type { RedactedText } from "../../domain/redacted-text";
import type { Kind, MissingField } from "../../domain/taxonomy";
import type { Classifier, ClassifierOutput } from "../../ports/classifier";
import { createCatalogueMatcher } from "./catalogue-matcher";
import { createKindScorer } from "./kind-scorer";
import type { ModelWeights } from "./linear-model";
import {
  blendKindWith,
  blendReportWith,
  blendSafetyWith,
  blendSeverityWith,
  DEFAULT_BLEND,
  modelSystemWith,
  namedSystemWith,
  type BlendParams,
} from "./model-blend";
import { createModelScorer } from "./model-scorer";
import { signalFeatures, signalsOf } from "./signal-features";
import { bundledModelScorer } from "./model-weights";
import { isCertainNonReport, isReportMessage } from "./report-detector";
import { severityOf } from "./severity-rules";
import { createSummarizer } from "./summary";
import { chooseSystem } from "./system-choice";
import { dropMeta, prepareWithoutMeta } from "./text-prep";

const NOT_A_REPORT: Omit<ClassificationResult, "summary"> = {
  isReport: false,
  kind: "other",
  system: "other",
  severity: "low",
  patientSafety: false,
  location: null,
  tags: [],
  missing: [],
};

export interface OfflineOptions {
  /** The learned model's weights; null for the rules alone. Default: the committed weights. */
  weights?: ModelWeights | null;
  blend?: BlendParams;
}

/** Classifies one (already redacted) message; pure and synchronous. */
export function classifyOffline(
  catalogue: Catalogue,
  matcher = createCatalogueMatcher(catalogue),
  options: OfflineOptions = {},
) {
  const ids = new Set(catalogue.systems.map((s) => s.id));
  const known = (id: string): boolean => ids.has(id);
  const scoreModels =
    options.weights === undefined ? bundledModelScorer() : options.weights ? createModelScorer(options.weights) : null;
  // Classes and bias only: the scorer holds the rows.
  const weights = scoreModels?.light ?? null;
  const blend = options.blend ?? DEFAULT_BLEND;
  const summarize = createSummarizer(catalogue);
  const scoreKinds = createKindScorer();
  const groups = weights?.signals ?? [];
  return (text: string): ClassificationResult => {
    const withoutMeta = dropMeta(text);
    const prepared = prepareWithoutMeta(withoutMeta, text);
    const hits = matcher.find(prepared.clean);
    const scored = scoreKinds(prepared.folded);
    const namedSystem = hits.some((h) => h.kind === "system");
    const ruleReport = isReportMessage(prepared.folded, { namedSystem, problemWeight: scored.total });
    // With no wording for any kind (and no model), the most common kind of report is the best guess.
    const ruleKind: Kind = scored.weight > 0 ? scored.kind : "disruption";
    const signals =
      groups.length > 0 ? signalFeatures(groups, signalsOf(text, prepared, hits, scored, ruleKind)) : undefined;
    const logp = scoreModels?.(prepared.folded, signals);
    const isReport =
      weights && logp && !isCertainNonReport(prepared.folded)
        ? blendReportWith(weights, blend, logp, ruleReport, namedSystem)
        : ruleReport;
    if (!isReport) {
      return { ...NOT_A_REPORT, summary: "Not a report: greeting, chat or a question about the bot." };
    }
    const kind = weights && logp ? blendKindWith(weights, blend, logp, scored.totals) : ruleKind;
    const kindTags = kind === scored.kind ? scored.tags : (scored.tagsOf.get(kind) ?? []);
    const chosen = chooseSystem(prepared.clean, hits, kind === "access");
    // No system named: the system model may still read one from the wording ("the MAR froze").
    // A system named: kept unless the system model reads another one clearly enough.
    // (A workflow gap naming no system stays `other`: helpers label fax and paper gaps so.)
    const system = !(weights && logp)
      ? chosen
      : chosen === "other"
        ? (modelSystemWith(weights, blend, logp, known) ?? chosen)
        : namedSystemWith(weights, blend, logp, chosen, known);
    const location = hits.find((h) => h.kind === "unit")?.text ?? null;
    const rule = severityOf({ folded: prepared.folded, kind, system, emojiTerse: prepared.emojiTerse, tags: kindTags });
    const { impactStated } = rule;
    const patientSafety = weights && logp ? blendSafetyWith(weights, blend, logp, rule) : rule.patientSafety;
    const severity = weights && logp ? blendSeverityWith(weights, blend, logp, rule, patientSafety) : rule.severity;
    const missing: MissingField[] = [];
    if (system === "other") missing.push("system");
    if (location === null) missing.push("location");
    if (!impactStated) missing.push("impact");
    const tags = [
      ...new Set([kind.replace(/_/g, "-"), ...(system === "other" ? [] : [system.replace(/_/g, "-")]), ...kindTags]),
    ];
    if (patientSafety) tags.push("patient-safety");
    return {
      isReport: true,
      kind,
      system,
      severity,
      patientSafety,
      location,
      summary: summarize({ text, kind, system, location, withoutMeta }),
      tags: tags.slice(0, 6),
      missing,
    };
  };
}

export function createOfflineClassifier(catalogue: Catalogue): Classifier {
  const classify = classifyOffline(catalogue);
  return {
    name: "offline",
    classify(text: RedactedText): Promise<ClassifierOutput> {
      return Promise.resolve({
        result: classify(text),
        source: "offline",
        promptVersion: null,
        model: null,
        flaggedReason: null,
      });
    },
  };
}
