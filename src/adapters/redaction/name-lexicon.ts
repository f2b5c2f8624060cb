/**
 * The detector's knowledge of names and words, from the vendored lists in ./data (see LICENSES.md
 * there): first names and surnames of many cultures with their frequency rank (1 = most common),
 * and common English words with their SCOWL level (10 = the most common words). Loaded once per
 * process; look-ups take folded words (see fold.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface WordEntry {
  firstRank?: number;
  surnameRank?: number;
  commonLevel?: number;
}

export interface NameLexicon {
  /** Everything the lists say about a folded word in one look-up (undefined: in no list). */
  entry(folded: string): WordEntry | undefined;
  /** Rank among first names (1 = most frequent), or undefined when not a known first name. */
  firstRank(folded: string): number | undefined;
  /** Rank among surnames (1 = most frequent), or undefined. */
  surnameRank(folded: string): number | undefined;
  /** SCOWL level of a common English word (10, 20 or 35), or undefined when not common. */
  commonLevel(folded: string): number | undefined;
}

const DATA = path.join(__dirname, "data");

function rankedList(file: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const line of readFileSync(path.join(DATA, file), "utf8").split("\n"))
    if (line !== "" && !line.startsWith("#") && !ranks.has(line)) ranks.set(line, ranks.size + 1);
  return ranks;
}

function levelledList(file: string): Map<string, number> {
  const levels = new Map<string, number>();
  let level = 0;
  for (const line of readFileSync(path.join(DATA, file), "utf8").split("\n")) {
    const header = /^# level (\d+)$/.exec(line);
    if (header) level = Number(header[1]);
    else if (line !== "" && !line.startsWith("#") && !levels.has(line)) levels.set(line, level);
  }
  return levels;
}

let loaded: NameLexicon | undefined;

export function nameLexicon(): NameLexicon {
  if (loaded) return loaded;
  const first = rankedList("first-names.txt");
  const last = rankedList("surnames.txt");
  const common = levelledList("common-english.txt");
  // One map for the hot path: a single look-up per word.
  const entries = new Map<string, WordEntry>();
  const at = (w: string): WordEntry => {
    let e = entries.get(w);
    if (!e) entries.set(w, (e = {}));
    return e;
  };
  for (const [w, rank] of first) at(w).firstRank = rank;
  for (const [w, rank] of last) at(w).surnameRank = rank;
  for (const [w, level] of common) at(w).commonLevel = level;
  loaded = {
    entry: (w) => entries.get(w),
    firstRank: (w) => first.get(w),
    surnameRank: (w) => last.get(w),
    commonLevel: (w) => common.get(w),
  };
  return loaded;
}
