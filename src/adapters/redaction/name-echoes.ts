/**
 * A name found once is a name wherever it comes back in the same message, in any case and also
 * misspelt by one letter: "pt Okafor ... Okafor's pump", "her name is Svetlana, we have Svetlanna",
 * "ROSENTHAL, MIRIAM printed as MIRIAN". Only words of three letters or more that are no common
 * word, stop word or clinical/catalogue word are echoed.
 */
import type { PhiSpan } from "./identifier-patterns";
import type { WordFactsApi } from "./name-evidence";
import { STAFF_CUES } from "./name-cues";
import { coveredTokens, type Token } from "./name-tokens";

const MAX_NEAR = 24;

export interface EchoContext {
  words: WordFactsApi;
  stopWords: ReadonlySet<string>;
}

/** Is b at most one edit (insert, delete, substitute) from a? */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export function withEchoes(tokens: readonly Token[], spans: PhiSpan[], ctx: EchoContext): PhiSpan[] {
  if (spans.length === 0) return spans;
  const covered = coveredTokens(tokens, spans);
  const eligible = (t: Token): boolean =>
    t.fold.length >= 3 &&
    !(t.shape === "caps" && t.core.length < 5) &&
    !ctx.stopWords.has(t.fold) &&
    !ctx.words.blocked(t) &&
    !ctx.words.acronym(t, ctx.words.facts(t)) &&
    ctx.words.facts(t).evidence !== "word" &&
    ctx.words.facts(t).evidence !== "common-name";
  const found = new Set<string>();
  // A frequent name that is also a word ("Smith", "Joy", "Baker") comes back only capitalised.
  const capitalisedOnly = new Set<string>();
  const capitalised = (t: Token): boolean => t.shape === "title" || t.shape === "caps";
  const wordName = (t: Token): boolean => {
    const f = ctx.words.facts(t);
    return (
      f.evidence === "common-name" &&
      ctx.words.frequentName(f) &&
      t.fold.length >= 3 &&
      !ctx.stopWords.has(t.fold) &&
      !ctx.words.blocked(t)
    );
  };
  tokens.forEach((t, i) => {
    if (covered[i] && eligible(t)) found.add(t.fold);
    else if (covered[i] && capitalised(t) && wordName(t)) capitalisedOnly.add(t.fold);
  });
  if (found.size === 0 && capitalisedOnly.size === 0) return spans;
  // Misspelt repeats are looked for among the first few names only: a message names a few patients,
  // and the cost stays linear however many names an (adversarial) text holds.
  const near = [...found].filter((f) => f.length >= 5).slice(0, MAX_NEAR);
  const extra: PhiSpan[] = [];
  tokens.forEach((t, i) => {
    // Staff who share the patient's name stay: "Dr. Whitlock's inbasket (no relation)".
    if (covered[i] || t.fold.length < 3) return;
    const echo =
      found.has(t.fold) || (t.fold.length >= 5 && t.shape !== "lower" && near.some((f) => oneEditApart(f, t.fold)));
    const prev = tokens[i - 1];
    const afterStaff = prev !== undefined && STAFF_CUES.has(prev.fold);
    if (!afterStaff && capitalised(t) && capitalisedOnly.has(t.fold))
      extra.push({ start: t.start, end: t.end, type: "NAME" });
    else if (echo && eligible(t) && !afterStaff) extra.push({ start: t.start, end: t.end, type: "NAME" });
  });
  return extra.length === 0 ? spans : [...spans, ...extra];
}
