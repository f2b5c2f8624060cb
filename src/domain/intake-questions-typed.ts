/**
 * Whether a typed message reads as the answer to a pending follow-up question, and which value it
 * gives. A message that does not ("it's broken again" when asked for the unit) is not an answer:
 * the caller files it as a new report and leaves the question pending. Pure.
 */
import type { Catalogue } from "./catalogue";
import { questionFor, SKIP } from "./intake-questions";
import type { QuestionField } from "./taxonomy";

const SKIP_TEXT = /^\s*(?:skip|no idea|not sure|don'?t know|dunno|n\/a|-)\s*[.!]*\s*$/iu;

/** Wording that describes a problem, so the message is a report rather than a unit or a system name. */
const PROBLEM_WORDS =
  /(?<![\p{L}\p{N}])(?:broken|broke|break(?:s|ing)?|down|again|not|n't|no longer|won'?t|can'?t|cannot|cant|doesn'?t|isn'?t|error(?:s)?|fail(?:s|ed|ing|ure)?|froze|frozen|freez(?:e|es|ing)|crash(?:ed|es|ing)?|hang(?:s|ing)?|stuck|slow|dead|jam(?:s|med|ming)?|offline|glitch(?:y|es)?|bug(?:gy|s)?|issue(?:s)?|problem(?:s)?|wrong|missing|lost|locked|keeps?|stopped|kaputt|geht nicht|no funciona|ne marche pas|nie działa)(?![\p{L}\p{N}])/iu;

/** "on 4 West", "in the ED", "at ICU": the place is what follows. */
const LEAD_IN = /^\s*(?:(?:it'?s|it is|we'?re|i'?m)\s+)?(?:(?:on|in|at|from)\s+)?(?:the\s+)?/iu;

/** Numbered wards and ward codes ("4 West", "5N", "Station 3B", "Ward 7", "OR 7"), as the classifier reads them. */
const WARD =
  /(?<![\p{L}\p{N}])(?:(?:(?:Station|Unit|Ward|Pod|Room|Bay) )?\d{1,2}\s?(?:West|East|North|South|[NSEW])|(?:Station|Unit|Ward|Pod|Room|Bay|OR) \d{1,3}[A-Z]{0,2})(?![\p{L}\p{N}])/iu;

const MAX_WORDS = 4;

const fold = (s: string): string =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.!?,;:]+$/u, "")
    .replace(/\s+/gu, " ")
    .trim();

const wordsOf = (s: string): string[] => s.match(/[\p{L}\p{N}][\p{L}\p{N}'’&/-]*/gu) ?? [];

const isAcronym = (s: string): boolean => /^[\p{Lu}\d&/-]+$/u.test(s) && /\p{Lu}/u.test(s);

/** A pattern for the phrase as whole words; short acronyms ("OR", "COW") only as written in capitals. */
function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[\s-]+/g, "[\\s-]?");
  const flags = isAcronym(phrase) && phrase.length <= 5 ? "" : "i";
  return new RegExp(`(?<![A-Za-z0-9\u00C0-\u024F])${escaped}(?![A-Za-z0-9\u00C0-\u024F])`, flags);
}

interface AliasPattern {
  system: string;
  length: number;
  pattern: RegExp;
}

/** Compiled once per catalogue: a typed answer is checked against every system alias. */
const aliasPatterns = new WeakMap<Catalogue, AliasPattern[]>();

function systemAliases(catalogue: Catalogue): AliasPattern[] {
  let patterns = aliasPatterns.get(catalogue);
  if (!patterns) {
    patterns = catalogue.systems.flatMap((s) =>
      [...s.aliases, ...s.products].map((a) => ({ system: s.id, length: a.length, pattern: phrasePattern(a) })),
    );
    aliasPatterns.set(catalogue, patterns);
  }
  return patterns;
}

/** A short phrase that describes no problem: the kind of thing a person types as a one-word answer. */
export function shortAndPlain(text: string): boolean {
  const words = wordsOf(text);
  return words.length > 0 && words.length <= MAX_WORDS && !PROBLEM_WORDS.test(text);
}

/** The catalogue unit the whole answer names (its canonical name), or null. */
export function catalogueUnitOf(text: string, catalogue: Catalogue): string | null {
  const place = text.replace(LEAD_IN, "");
  const key = fold(place);
  for (const unit of catalogue.units) {
    for (const alias of [unit.name, ...unit.aliases]) {
      const acronym = isAcronym(alias) && alias.length <= 5;
      if (acronym ? place.trim().replace(/[.!?]+$/u, "") === alias : fold(alias) === key) return unit.name;
    }
  }
  return null;
}

function namesSystem(text: string, catalogue: Catalogue): boolean {
  return systemAliases(catalogue).some((a) => a.pattern.test(text));
}

function locationAnswer(text: string, catalogue: Catalogue): string | null {
  const unit = catalogueUnitOf(text, catalogue);
  if (unit) return unit;
  const place = text
    .replace(LEAD_IN, "")
    .trim()
    .replace(/[.!?]+$/u, "");
  if (!place || PROBLEM_WORDS.test(text)) return null;
  if (WARD.test(place) && wordsOf(place).length <= MAX_WORDS + 2) return place;
  if (namesSystem(text, catalogue)) return null;
  return shortAndPlain(place) ? place : null;
}

/** A system named by id, label or alias, or a choice label of the question ("Something else"). */
function systemAnswer(text: string, catalogue: Catalogue): string | null {
  if (PROBLEM_WORDS.test(text) || wordsOf(text).length > MAX_WORDS) return null;
  const key = fold(text);
  const choice = questionFor("system", catalogue).choices.find((c) => fold(c.label) === key || c.value === key);
  if (choice) return choice.value;
  const exact = catalogue.systems.find((s) => fold(s.label) === key || s.id === key.replace(/[\s-]+/g, "_"));
  if (exact) return exact.id;
  // The longest alias named wins: "Epic Secure Chat" is communication, not the EHR.
  let best: AliasPattern | null = null;
  for (const alias of systemAliases(catalogue))
    if (alias.length > (best?.length ?? 0) && alias.pattern.test(text)) best = alias;
  return best?.system ?? null;
}

const YES = /(?<![\p{L}])(?:yes|yeah|yep|ja|sí|si|oui|tak|patients?|pt)(?![\p{L}])/iu;
const SLOWED = /(?<![\p{L}])(?:slow(?:s|ing|ed)?|delay(?:s|ed)?|workaround|slowing us down)(?![\p{L}])/iu;
const MINOR = /(?<![\p{L}])(?:no|nope|nein|non|nie|minor|not really|annoying|annoyance)(?![\p{L}])/iu;

function impactAnswer(text: string): string | null {
  if (wordsOf(text).length > MAX_WORDS) return null;
  if (YES.test(text)) return "patients_now";
  if (SLOWED.test(text)) return "slowed";
  if (MINOR.test(text)) return "minor";
  return shortAndPlain(text) ? "minor" : null;
}

/**
 * The value a typed message gives the pending question (`SKIP` for "skip"), or null when the
 * message does not read as an answer to it and should be taken as a message of its own.
 */
export function typedAnswer(field: QuestionField, text: string, catalogue: Catalogue): string | null {
  if (SKIP_TEXT.test(text)) return SKIP;
  switch (field) {
    case "safety":
      return safetyAnswer(text);
    case "location":
      return locationAnswer(text, catalogue);
    case "system":
      return systemAnswer(text, catalogue);
    case "impact":
      return impactAnswer(text);
  }
}

/** A short typed answer to the safety question ("caught it", "no harm", "he was harmed"), or null. */
function safetyAnswer(text: string): string | null {
  if (!shortAndPlain(text.replace(/\b(?:not|no|didn'?t|did not|wasn'?t)\b/giu, "")) || text.length > 40) return null;
  if (/\b(?:no harm|not harmed|unharmed|fine)\b/iu.test(text))
    return /monitor/iu.test(text) ? "reached_monitoring" : "reached_no_harm";
  if (/\b(?:harm(?:ed)?|hurt|injur(?:ed|y))\b/iu.test(text)) return "harm";
  if (/\bmonitor/iu.test(text)) return "reached_monitoring";
  if (/\b(?:caught|near miss|close call|didn'?t reach|did not reach|before)\b/iu.test(text)) return "near_miss";
  if (/\b(?:no patient|risk|could happen)\b/iu.test(text)) return "unsafe_condition";
  return null;
}
