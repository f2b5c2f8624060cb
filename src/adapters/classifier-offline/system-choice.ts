/**
 * Chooses the one system a report is about. A message may name several; the system tied to the
 * most serious problem wins: the message is cut into clauses, each clause is scored by its
 * problem wording (safety words count double, "(lol)"/"(meh)" count against, "more importantly"
 * counts for), and the first system named in the best clause is taken. An access problem takes the system it names as the target ("locked out
 * of Epic"), else the identity system when one is named.
 */
import type { CatalogueHit } from "./catalogue-matcher";

const CLAUSE_BREAK =
  /[,;:.!?\n]+|\s(?:but|also|and more importantly|and then|plus|aber|mais|pero|ale)\s|\sand\s(?=(?:the|my|our|also)\s)/giu;
const PROBLEM =
  /n't|not |no |dies|dying|release|error|down|froze|frozen|freez|crash|broke|wrong|missed|missing|instead of|landing|lag|slow|fail|drop|stuck|dead|cracked|swapped|mixed/giu;
const SAFETY =
  /\bpt\b|patient|\bmeds?\b|dose|rate|\biv\b|result|alarm|call light|stroke|bag|culture|abg|code status|bottle/giu;
const PLAYED_DOWN = /\((?:lol|meh|minor|fyi|annoying)\)|\blol\b|\bmeh\b|\bminor\b|\bbtw\b|\bcosmetic\b|\bannoying\b/iu;
/** "locked out of Epic", "no access to PACS": the system after these words is the one meant. */
const ACCESS_TARGET =
  /(?:out of|into|in to|access to|log ?in to|sign ?in to|onto|no|any)\s+(?:the\s+|my\s+|our\s+)?$/iu;
const PLAYED_UP =
  /more importantly|most importantly|worse|bigger (?:problem|issue)|main (?:problem|issue)|mainly|urgent/iu;

interface Clause {
  start: number;
  end: number;
  score: number;
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const close = (end: number): void => {
    if (end <= start) return;
    const part = text.slice(start, end);
    const score =
      (part.match(PROBLEM)?.length ?? 0) +
      2 * (part.match(SAFETY)?.length ?? 0) -
      (PLAYED_DOWN.test(part) ? 3 : 0) +
      (PLAYED_UP.test(part) ? 3 : 0);
    clauses.push({ start, end, score });
  };
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    close(m.index);
    start = m.index + m[0].length;
  }
  close(text.length);
  return clauses;
}

/** Parts of a device rather than a device ("the Omnicell screen", "the PACS workstation"). */
const PART_SYSTEMS = new Set(["workstation", "network", "identity_access"]);

/** English compounds put the device last: in "specimen label printer" the printer is meant. */
function headsOnly(systems: CatalogueHit[], text: string): CatalogueHit[] {
  return systems.filter((hit, i) => {
    const next = systems[i + 1];
    if (!next || next.id === hit.id || PART_SYSTEMS.has(next.id)) return true;
    return !/^ ?$/.test(text.slice(hit.end, next.start));
  });
}

export function chooseSystem(text: string, hits: CatalogueHit[], accessProblem: boolean): string {
  const systems = headsOnly(
    hits.filter((h) => h.kind === "system"),
    text,
  );
  const first = systems[0];
  if (!first) return "other";
  if (accessProblem) {
    const target = systems.find((h) => ACCESS_TARGET.test(text.slice(Math.max(0, h.start - 20), h.start)));
    if (target) return target.id;
    const identity = systems.find((h) => h.id === "identity_access");
    if (identity) return identity.id;
  }
  const distinct = new Set(systems.map((h) => h.id));
  if (distinct.size === 1) return first.id;
  let best: { score: number; id: string } | null = null;
  for (const clause of clausesOf(text)) {
    const hit = systems.find((h) => h.start >= clause.start && h.start < clause.end);
    if (hit && (best === null || clause.score > best.score)) best = { score: clause.score, id: hit.id };
  }
  return best?.id ?? first.id;
}
