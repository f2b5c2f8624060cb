/**
 * One neutral sentence built only from kind, system and location: it can never carry patient
 * detail, because it never copies the message's words.
 */
import type { Catalogue } from "../../domain/catalogue";
import { systemLabel } from "../../domain/catalogue";
import type { Kind } from "../../domain/taxonomy";

const TEMPLATES: Record<Kind, (system: string) => string> = {
  disruption: (s) => `${s} is down, erroring or not working properly`,
  usability: (s) => `${s} works but its design slows or confuses the clinical workflow`,
  data_quality: (s) => `${s} shows wrong, missing, duplicated or stale data`,
  access: (s) => `Staff cannot log in to or access ${s}`,
  training_need: (s) => `Staff ask how to use ${s}`,
  terminology: (s) => `${s} uses inconsistent or confusing terms`,
  privacy_security: (s) => `Possible privacy or security gap involving ${s}`,
  workflow_gap: (s) => `Manual, paper or duplicate work because ${s} does not support the workflow`,
  other: (s) => `Request or concern about ${s}`,
};

export function buildSummary(catalogue: Catalogue, kind: Kind, system: string, location: string | null): string {
  const name = system === "other" ? "an unidentified system" : systemLabel(catalogue, system);
  const sentence = TEMPLATES[kind](name);
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return `${capitalised}${location ? ` (${location})` : ""}.`;
}
