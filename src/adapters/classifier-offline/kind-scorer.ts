/**
 * Scores a folded message against the kind lexicon (kind-lexicon.ts): the weight of the cues found
 * per kind, their tags, and the best kind (ties go to the earlier kind in KIND_ORDER). Paper and
 * manual workarounds count for half when another problem is described.
 */
import type { Kind } from "../../domain/taxonomy";
import type { Cue } from "./kind-cue";
import { KIND_CUES, KIND_ORDER } from "./kind-lexicon";

export interface KindScore {
  kind: Kind;
  weight: number;
  total: number;
  tags: string[];
  /** Cue weight per kind (after the workaround discount). */
  totals: Map<Kind, number>;
  tagsOf: Map<Kind, string[]>;
}

/** Paper, whiteboards and hand-written labels are usually the workaround for another problem. */
const WORKAROUND_TAGS = new Set(["paper", "manual"]);

/**
 * Scores the cues on a folded message. A kind's cues are first tried together, as one pattern
 * (any of them, between word edges): when none matches, which is most kinds for most messages,
 * they need not be tried one by one. The answer is the same as trying every cue.
 */
export function createKindScorer(cues: readonly Cue[] = KIND_CUES): (folded: string) => KindScore {
  const kinds = [...new Set(cues.map((c) => c.kind))];
  const anyOf = new Map<Kind, RegExp>(
    kinds.map((kind) => {
      const sources = cues.filter((c) => c.kind === kind).map((c) => `(?:${c.source})`);
      return [kind, new RegExp(`(?<![a-z0-9])(?:${sources.join("|")})(?![a-z0-9])`)];
    }),
  );
  return (folded: string): KindScore => {
    const present = new Map<Kind, boolean>();
    const kindPresent = (kind: Kind): boolean => {
      let found = present.get(kind);
      if (found === undefined) {
        found = anyOf.get(kind)!.test(folded);
        present.set(kind, found);
      }
      return found;
    };
    return scoreCues(cues, folded, kindPresent);
  };
}

function scoreCues(cues: readonly Cue[], folded: string, kindPresent: (kind: Kind) => boolean): KindScore {
  const totals = new Map<Kind, number>();
  const tags = new Map<Kind, string[]>();
  let total = 0;
  let workaround = 0;
  for (const cue of cues) {
    if (!kindPresent(cue.kind) || !cue.pattern.test(folded)) continue;
    if (cue.kind === "workflow_gap" && WORKAROUND_TAGS.has(cue.tag)) workaround += cue.weight;
    totals.set(cue.kind, (totals.get(cue.kind) ?? 0) + cue.weight);
    tags.set(cue.kind, [...(tags.get(cue.kind) ?? []), cue.tag]);
    total += cue.weight;
  }
  // When another problem is described, the workaround counts for half.
  const others = [...totals].some(([kind, weight]) => kind !== "workflow_gap" && weight > 0);
  if (others && workaround > 0) totals.set("workflow_gap", (totals.get("workflow_gap") ?? 0) - workaround / 2);
  let best: Kind = "other";
  let bestWeight = 0;
  for (const kind of KIND_ORDER) {
    const weight = totals.get(kind) ?? 0;
    if (weight > bestWeight) {
      best = kind;
      bestWeight = weight;
    }
  }
  return { kind: best, weight: bestWeight, total, tags: tags.get(best) ?? [], totals, tagsOf: tags };
}
