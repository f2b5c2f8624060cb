/**
 * Picks the clause of a (redacted) message that states the problem and tidies it into a short
 * one-liner for triage cards and the digest: no placeholders (a clause holding [NAME], [MRN] … is
 * dropped whole), no chat markup, emoji, shouting or filler, the unit left out (the caller adds it
 * in brackets), at most MAX_CHARS. Returns null when nothing usable is left.
 */
import { plainWords } from "./chat-markup";
import { dropMeta } from "./text-prep";

export const MAX_CHARS = 90;

const PLACEHOLDER = /\[[A-Z_]+\]|·/u;
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu;
/**
 * Sentence ends, commas, dashes, and words that start a second problem or a side remark. Linear on
 * hostile text: the closing parenthesis is matched before its look-behind runs (not a look-behind
 * scanning back from every position), and the look-ahead for an opening one is bounded.
 */
const CLAUSE_BREAK =
  /[.;!?\n]+(?:\s|$)|:\s|,\s(?!['"‘“]|then\b|and\b|or\b)|\s[-–—]\s|\s\((?=[^)]{0,200}\))|\)(?<=\s\([^()]*\))|\s(?:but|also|btw|and more importantly|and then|aber|mais|pero|ale)\s/giu;
const PROBLEM =
  /n't|\bnot?\b|\bnever\b|\bnobody\b|error|fail|down\b|froze|frozen|freez|crash|broke|wrong|miss|instead of|slow|lag|drop|stuck|dead|jam|blank|spin|swap|twice|again|keeps?|won't|can't|expire|lost|reject|duplicate|confus|which|how (?:do|can|to)|wish|fax|paper|password|login|log in|access|locked|phishing|shared|every|stolen|off\b|garbled|half|nicht|kein|ne\b|pas\b|plus\b|nie\b|brak|falla|sin\b/giu;
/**
 * PROBLEM for ASCII text already in lower case: the same matches (its words are all lower case,
 * and on ASCII text the case-insensitive Unicode match is plain ASCII case folding), but faster.
 */
const PROBLEM_LOWER_ASCII = new RegExp(PROBLEM.source, "g");
/** Printable ASCII, tabs and line breaks (other text takes the general path). */
const ASCII = /^[\t\n\r -~]*$/;
const LEADING_FILLER =
  /^(?:(?:hi|hey|hello|yo|ok|okay|so|um+|uh+|ugh+|argh+|omg|lol|fyi|heads up|pls|please|guys|all|team|again|help|urgent|quick (?:one|question)|is it just me or|anyone else|does anyone else (?:have|see) (?:this|that)|just so you know)\b[\s,:!.-]*)+/iu;
const TRAILING_FILLER =
  /(?:[\s,]+(?:lol|lmao|smh|ugh|meh|pls|please|again|asap|thx|thanks|help|fyi|haha|or just me))+$/iu;
const OPEN_QUOTE = /(?:^|\s)['"‘“]/gu;
const CLOSE_QUOTE = /['"’”](?=[\s,.;:!?)]|$)/gu;
const PLAYED_UP =
  /^(?:and )?(?:more importantly|most importantly|worse|even worse|the (?:bigger|real|main) (?:problem|issue))/iu;
const PLAYED_DOWN = /^\(?(?:lol|meh|minor|btw|fyi)\)?$/iu;
/** Words that may follow a unit the summary leaves out ("scanners on Med-Surg not reading"). */
const AFTER_UNIT =
  /^(?:$|[,.;:!?)]|(?:is|are|was|were|has|have|had|keeps?|kept|won't|can't|cannot|doesn't|don't|isn't|aren't|didn't|not|no|never|since|for|after|before|when|while|with|and|but|again|today|tonight|this|all|every|just|still|at|on|in|from|to|of|because|so|or|either|anymore|either|lost|\p{L}+ing)\b)/iu;
const LABEL_PREFIX = /^[^:]{1,24}:\s+/u;

export interface ClauseContext {
  /** The unit as written in the message (left out of the clause), or null. */
  location: string | null;
  /** Names of the system the report is about: a clause naming it is the likelier problem. */
  system?: RegExp;
  /** The same as `system` for ASCII text in lower case (faster; see summary.ts). */
  systemLowerAscii?: RegExp;
  /** Words to keep in capitals when the message is shouted (catalogue acronyms: ED, BCMA …). */
  acronyms: ReadonlySet<string>;
  /** Patterns already built for a location (see locationPatternCache), to build them once. */
  locationPatterns?: Map<string, LocationPatterns>;
}

export interface LocationPatterns {
  /** "on 4 South", "in the ICU" inside the clause. */
  inner: RegExp;
  /** The unit opening the clause. */
  leading: RegExp;
}

/** How many locations' patterns a cache keeps before it starts afresh. */
const LOCATION_CACHE_SIZE = 256;

function locationPatterns(location: string, cache: Map<string, LocationPatterns> | undefined): LocationPatterns {
  const known = cache?.get(location);
  if (known) return known;
  const loc = escape(location);
  const patterns: LocationPatterns = {
    inner: new RegExp(
      `\\s*\\b(?:on|in|at|for|from|auf|en|na|sur|dans|w)\\s+(?:the\\s+|la\\s+|le\\s+|der\\s+)?${loc}(?![\\p{L}\\p{N}])`,
      "giu",
    ),
    leading: new RegExp(`^(?:the\\s+)?${loc}(?![\\p{L}\\p{N}])\\s*(?:[:,-]\\s*)?`, "iu"),
  };
  if (cache) {
    if (cache.size >= LOCATION_CACHE_SIZE) cache.clear();
    cache.set(location, patterns);
  }
  return patterns;
}

/** Letters and capitals counted directly for ASCII text (the same counts as the patterns). */
function letterCounts(text: string): { letters: number; capitals: number } | null {
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 128) return null;
    if (c >= 65 && c <= 90) {
      letters += 1;
      capitals += 1;
    } else if (c >= 97 && c <= 122) letters += 1;
  }
  return { letters, capitals };
}

function isShouting(text: string): boolean {
  const counts = letterCounts(text);
  if (counts) return counts.letters >= 8 && counts.capitals / counts.letters > 0.7;
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 8 && letters.replace(/[^\p{Lu}]/gu, "").length / letters.length > 0.7;
}

function unshout(text: string, acronyms: ReadonlySet<string>): string {
  return text.replace(/[\p{L}\p{N}&'-]+/gu, (word) => (acronyms.has(word) ? word : word.toLowerCase()));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Leaves the unit out where the sentence still reads ("in the 4 South med room" stays). */
function withoutLocation(
  clause: string,
  location: string | null,
  cache: Map<string, LocationPatterns> | undefined,
): string {
  if (!location) return clause;
  // Both patterns need the unit's name in the clause; in ASCII, case-insensitive is lower case.
  if (ASCII.test(clause) && ASCII.test(location) && !clause.toLowerCase().includes(location.toLowerCase()))
    return clause;
  const { inner, leading } = locationPatterns(location, cache);
  return clause
    .replace(inner, (match, offset: number) =>
      AFTER_UNIT.test(clause.slice(offset + match.length).trimStart()) ? "" : match,
    )
    .replace(leading, "");
}

/** Stops before a bracket the text opens but never closes ("Pyxis (med room on…" → "Pyxis"). */
function withinBrackets(text: string): string {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "(" || c === "[") {
      if (depth === 0) open = i;
      depth += 1;
    } else if ((c === ")" || c === "]") && depth > 0) depth -= 1;
  }
  return depth > 0 && open > 0 ? text.slice(0, open) : text;
}

/** Brackets left without a partner by the clause breaks go ("alert(1" → "alert 1"). */
function balanced(text: string): string {
  if (!/[()]/.test(text)) return text;
  const unmatched = new Set<number>();
  const opens: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === "(") opens.push(i);
    else if (text[i] === ")") {
      if (opens.length > 0) opens.pop();
      else unmatched.add(i);
    }
  }
  for (const i of opens) unmatched.add(i);
  if (unmatched.size === 0) return text;
  return [...text].map((c, i) => (unmatched.has(i) ? " " : c)).join("");
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  // Prefer to stop before a subordinate part ("… when we pull insulin"), else at a word edge.
  const joint = head.search(/\s(?:when|since|because|after|while|so|and|which|where|that|with|for)\s[^\s]*$/iu);
  const cut = joint > 30 ? joint : head.lastIndexOf(" ");
  const kept = withinBrackets(head.slice(0, cut > 30 ? cut : max - 1));
  return `${kept.replace(/[\s,;:(-]+$/u, "")}…`;
}

function tidy(clause: string, context: ClauseContext): string {
  let text = balanced(clause).replace(/\s+/gu, " ").trim();
  text = text.replace(LABEL_PREFIX, (prefix) => (/\b(?:says?|error|shows?)\b/iu.test(prefix) ? prefix : ""));
  text = withoutLocation(text, context.location, context.locationPatterns);
  if (isShouting(text)) text = unshout(text, context.acronyms);
  text = text
    .replace(LEADING_FILLER, "")
    .replace(TRAILING_FILLER, "")
    .replace(/([!?.])\1+/gu, "$1")
    .replace(/\s+([,.!?])/gu, "$1")
    .replace(/[\s,;:.!?-]+$/u, "")
    .replace(/^[\s,;:.!?¿¡-]+/u, "")
    .replace(/\s+/gu, " ")
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Candidate {
  text: string;
  score: number;
  namesSystem: boolean;
}

function candidates(text: string, context: ClauseContext): Candidate[] {
  const parts: string[] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    // Inside a quotation ('NPO - strict') nothing breaks.
    const sofar = text.slice(start, m.index);
    if ((sofar.match(OPEN_QUOTE)?.length ?? 0) > (sofar.match(CLOSE_QUOTE)?.length ?? 0)) continue;
    parts.push(sofar);
    start = m.index + m[0].length;
  }
  parts.push(text.slice(start));
  const out: Candidate[] = [];
  parts.forEach((raw, index) => {
    const part = raw.trim();
    if (part === "" || PLACEHOLDER.test(part) || PLAYED_DOWN.test(part)) return;
    if ((part.match(/\p{L}{2,}/gu)?.length ?? 0) < 2) return;
    const playedDown = PLAYED_DOWN.test((parts[index + 1] ?? "").trim());
    const lower = ASCII.test(part) ? part.toLowerCase() : null;
    const namesSystem =
      (lower !== null && context.systemLowerAscii
        ? context.systemLowerAscii.test(lower)
        : context.system?.test(part)) ?? false;
    const problems = lower !== null ? lower.match(PROBLEM_LOWER_ASCII) : part.match(PROBLEM);
    const score =
      Math.min(problems?.length ?? 0, 2) +
      (namesSystem ? 1 : 0) +
      (PLAYED_UP.test(part) ? 4 : 0) -
      (playedDown ? 4 : 0) -
      // The problem usually comes first; consequences and asides follow.
      index * 0.5;
    out.push({ text: part.replace(PLAYED_UP, ""), score, namesSystem });
  });
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The tidied problem clause of the message, or null when none is usable. `withoutMeta` is
 * dropMeta(raw), for a caller that has it already.
 */
export function problemClause(raw: string, context: ClauseContext, withoutMeta = dropMeta(raw)): string | null {
  const text = plainWords(withoutMeta).replace(EMOJI, " ");
  const max = MAX_CHARS - (context.location ? context.location.length + 3 : 0);
  for (const candidate of candidates(text, context)) {
    const tidied = tidy(candidate.text, context);
    const words = tidied.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)?.length ?? 0;
    // Too little left to say anything ("it's slow", "doesn't work"): try the next, else fall back.
    if (words >= 4 || (words >= 2 && candidate.namesSystem)) return shorten(tidied, Math.max(max, 40));
  }
  return null;
}
