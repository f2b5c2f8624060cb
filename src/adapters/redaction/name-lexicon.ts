/**
 * The detector's knowledge of names and words, from the vendored lists in ./data (see LICENSES.md
 * there): first names and surnames of many cultures with their frequency rank (1 = most common),
 * common English words with their SCOWL level (10 = the most common words), and common words of the
 * other languages the bot reads (German nouns are capitalised: "Kurve", "Drucker"). Loaded once per
 * thread into one compact table (about 180,000 words in 5 MB instead of 25 MB as a Map of objects),
 * so a word costs one look-up; look-ups take folded words (see fold.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createStringTable } from "../compact/string-table";

export interface WordEntry {
  /** Rank among first names (1 = most frequent); absent when not a known first name. */
  firstRank?: number;
  /** Rank among surnames (1 = most frequent). */
  surnameRank?: number;
  /**
   * SCOWL level of a common English word (10, 20 or 35); OTHER_LANGUAGE_LEVEL for a common word of
   * German, Spanish, French, Polish, Italian, Dutch or Portuguese that is not a common English word.
   */
  commonLevel?: number;
}

/** The level given to common words of the other languages (rarer than any English level). */
export const OTHER_LANGUAGE_LEVEL = 50;

export interface NameLexicon {
  /** Everything the lists say about a folded word (undefined: in no list). */
  entry(folded: string): WordEntry | undefined;
}

/** A first name or surname that is no common word ("welch", "lorenzo"; not "rose", "price"). */
export function onlyAName(entry: WordEntry | undefined): boolean {
  return (
    entry !== undefined &&
    (entry.firstRank !== undefined || entry.surnameRank !== undefined) &&
    entry.commonLevel === undefined
  );
}

const DATA = path.join(__dirname, "data");

function lines(file: string): string[] {
  return readFileSync(path.join(DATA, file), "utf8").split("\n");
}

let loaded: NameLexicon | undefined;

export function nameLexicon(): NameLexicon {
  if (loaded) return loaded;
  const entries = new Map<string, WordEntry>();
  const at = (w: string): WordEntry => {
    let e = entries.get(w);
    if (!e) entries.set(w, (e = {}));
    return e;
  };
  let rank = 0;
  for (const w of lines("first-names.txt"))
    if (w !== "" && !w.startsWith("#")) {
      const e = at(w);
      rank += 1;
      e.firstRank ??= rank;
    }
  rank = 0;
  for (const w of lines("surnames.txt"))
    if (w !== "" && !w.startsWith("#")) {
      const e = at(w);
      rank += 1;
      e.surnameRank ??= rank;
    }
  let level = 0;
  for (const w of lines("common-english.txt")) {
    const header = /^# level (\d+)$/.exec(w);
    if (header) level = Number(header[1]);
    else if (w !== "" && !w.startsWith("#")) at(w).commonLevel ??= level;
  }
  for (const w of lines("other-languages.txt"))
    if (w !== "" && !w.startsWith("#")) at(w).commonLevel ??= OTHER_LANGUAGE_LEVEL;
  loaded = compactLexicon(entries);
  return loaded;
}

/** The entries in flat arrays (0: absent); entry() builds a small object per look-up. */
function compactLexicon(entries: ReadonlyMap<string, WordEntry>): NameLexicon {
  const table = createStringTable([...entries.keys()]);
  const first = new Int32Array(table.size);
  const surname = new Int32Array(table.size);
  const common = new Uint8Array(table.size);
  for (const [word, e] of entries) {
    const id = table.id(word);
    first[id] = e.firstRank ?? 0;
    surname[id] = e.surnameRank ?? 0;
    common[id] = e.commonLevel ?? 0;
  }
  return {
    entry(folded: string): WordEntry | undefined {
      const id = table.id(folded);
      if (id < 0) return undefined;
      const e: WordEntry = {};
      if (first[id]! > 0) e.firstRank = first[id];
      if (surname[id]! > 0) e.surnameRank = surname[id];
      if (common[id]! > 0) e.commonLevel = common[id];
      return e;
    },
  };
}
