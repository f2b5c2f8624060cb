/**
 * Weighted wording for each kind of problem, in English, Spanish, German, French and Polish.
 * Patterns run on the folded text (lower case, no accents, contractions spelled out as in
 * text-prep.ts). The kind with the highest total wins; ties go to the earlier kind in KIND_ORDER.
 * Each entry names a tag, so the classifier can say which wording it saw.
 */
import type { Kind } from "../../domain/taxonomy";
import type { Cue } from "./kind-cue";
import {
  ACCESS_CUES,
  OTHER_CUES,
  PRIVACY_CUES,
  TERMINOLOGY_CUES,
  TRAINING_CUES,
  WORKFLOW_CUES,
} from "./kind-cues-people";
import { DATA_QUALITY_CUES, DISRUPTION_CUES, USABILITY_CUES } from "./kind-cues-problems";

export type { Cue } from "./kind-cue";

/** Ties are broken by this order: the more specific kinds first. */
export const KIND_ORDER: Kind[] = [
  "privacy_security",
  "access",
  "terminology",
  "training_need",
  "data_quality",
  "workflow_gap",
  "usability",
  "disruption",
  "other",
];

export const KIND_CUES: Cue[] = [
  ...DISRUPTION_CUES,
  ...USABILITY_CUES,
  ...DATA_QUALITY_CUES,
  ...ACCESS_CUES,
  ...TRAINING_CUES,
  ...TERMINOLOGY_CUES,
  ...PRIVACY_CUES,
  ...WORKFLOW_CUES,
  ...OTHER_CUES,
];
