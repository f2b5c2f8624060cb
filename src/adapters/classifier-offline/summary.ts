/**
 * The report's one-line summary. It carries the specific problem in the message's own words (the
 * clause that states it, tidied by summary-clause.ts) plus the unit, e.g. "BCMA scanners not
 * reading wristbands at all (Med-Surg)". The classifier only ever sees redacted text, and clauses
 * holding a placeholder are dropped whole, so no patient detail is copied. When no clause is
 * usable ("doesn't work"), a neutral sentence is built from kind, system and location alone.
 */
import type { Catalogue } from "../../domain/catalogue";
import { systemLabel } from "../../domain/catalogue";
import type { Kind } from "../../domain/taxonomy";
import { problemClause, type LocationPatterns } from "./summary-clause";
import { dropMeta } from "./text-prep";

const TEMPLATES: Record<Kind, (system: string) => string> = {
  // Neutral: "it's slow" must not read as an outage on a card or in the digest.
  disruption: (s) =>
    /s$|\band\b/.test(s) ? `${s} are not working as they should` : `${s} is not working as it should`,
  usability: (s) => `${s} works but its design slows or confuses the clinical workflow`,
  data_quality: (s) => `${s} shows wrong, missing, duplicated or stale data`,
  access: (s) => `Staff cannot log in to or access ${s}`,
  training_need: (s) => `Staff ask how to use ${s}`,
  terminology: (s) => `${s} uses inconsistent or confusing terms`,
  privacy_security: (s) => `Possible privacy or security gap involving ${s}`,
  workflow_gap: (s) => `Manual, paper or duplicate work because ${s} does not support the workflow`,
  other: (s) => `Request or concern about ${s}`,
};

/** The generic sentence from kind, system and location only (never copies the message). */
export function buildSummary(catalogue: Catalogue, kind: Kind, system: string, location: string | null): string {
  const name = system === "other" ? "an unidentified system" : systemLabel(catalogue, system);
  const sentence = TEMPLATES[kind](name);
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return `${capitalised}${location ? ` (${location})` : ""}.`;
}

export interface SummaryInput {
  /** The redacted message. */
  text: string;
  kind: Kind;
  system: string;
  location: string | null;
  /** dropMeta(text), when the caller has it already (text-prep.ts). */
  withoutMeta?: string;
}

/** Catalogue acronyms (ED, ICU, BCMA, PACS …) stay in capitals when a shouted message is calmed. */
function acronymsOf(catalogue: Catalogue): Set<string> {
  const words = [
    ...catalogue.units.flatMap((u) => [u.name, ...u.aliases]),
    ...catalogue.systems.flatMap((s) => s.aliases),
  ].flatMap((alias) => alias.split(/[^\p{L}\p{N}&-]+/u));
  return new Set(words.filter((w) => w.length >= 2 && /^[\p{Lu}\d&-]+$/u.test(w) && /\p{Lu}/u.test(w)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface AliasPatterns {
  /** Any of the system's aliases, case-insensitive, on word edges. */
  any: RegExp;
  /**
   * The same for ASCII text in lower case, when every alias is ASCII (then case-insensitive
   * matching is plain ASCII case folding): the same answers, faster.
   */
  lowerAscii?: RegExp;
}

/** Printable ASCII, tabs and line breaks (other text takes the general path). */
const ASCII = /^[\t\n\r -~]*$/;

/** One pattern per system matching any of its aliases (case-insensitive, on word edges). */
function aliasPatterns(catalogue: Catalogue): Map<string, AliasPatterns> {
  const patterns = new Map<string, AliasPatterns>();
  const edged = (aliases: string[], flags: string): RegExp =>
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.map(escape).join("|")})(?![\\p{L}\\p{N}])`, flags);
  for (const system of catalogue.systems) {
    const aliases = system.aliases.filter((a) => a.length >= 2);
    if (aliases.length === 0) continue;
    const ascii = aliases.every((a) => ASCII.test(a));
    patterns.set(system.id, {
      any: edged(aliases, "iu"),
      lowerAscii: ascii
        ? edged(
            aliases.map((a) => a.toLowerCase()),
            "u",
          )
        : undefined,
    });
  }
  return patterns;
}

export function createSummarizer(catalogue: Catalogue): (input: SummaryInput) => string {
  const acronyms = acronymsOf(catalogue);
  const systems = aliasPatterns(catalogue);
  const locationPatterns = new Map<string, LocationPatterns>();
  return ({ text, kind, system, location, withoutMeta }) => {
    const patterns = systems.get(system);
    const context = {
      location,
      acronyms,
      system: patterns?.any,
      systemLowerAscii: patterns?.lowerAscii,
      locationPatterns,
    };
    const clause = problemClause(text, context, withoutMeta ?? dropMeta(text));
    if (clause === null) return buildSummary(catalogue, kind, system, location);
    const unitNamed = location !== null && clause.toLowerCase().includes(location.toLowerCase());
    return location && !unitNamed ? `${clause} (${location})` : clause;
  };
}
