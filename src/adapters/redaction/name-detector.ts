/**
 * Finds person names without a model. Two kinds of evidence:
 * - cues: a title ("Mr.", "Dr.", "Frau", "Mme", "Pani"), a patient word ("pt", "patient's",
 *   "paciente", "Patientin", "pacjentka"), "Baby Boy/Girl", a bed/room number just before, or a
 *   DOB/MRN label just after. After a cue, one capitalised word is enough.
 * - shape: two or more capitalised words in a row ("Teodora Marchetti", "Kofi Amankwah-Reyes"),
 *   none of which is a stop word (common words, months, catalogue systems and units).
 * "Dr. X" is redacted too: it may be staff, but a doctor's name next to a case identifies the
 * patient's care team, and redacting it is the safer mistake.
 * German capitalises every noun, so in German text only cues count, never the bare shape.
 */
import type { PhiSpan } from "./identifier-patterns";
import { PATIENT_CUE_WORDS, TITLE_WORDS } from "./name-stop-words";

interface Token {
  start: number;
  end: number;
  /** The word without a trailing possessive 's. */
  core: string;
  lower: string;
  possessive: boolean;
  nameShaped: boolean;
}

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const PART_SHAPE = /^(?:\p{Lu}['’]?)?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?$/u;
const PARTICLES = new Set([
  "de",
  "del",
  "della",
  "van",
  "von",
  "der",
  "den",
  "da",
  "di",
  "du",
  "la",
  "le",
  "bin",
  "al",
  "y",
]);
const TITLES = new Set(TITLE_WORDS);
const PATIENT_CUES = new Set(PATIENT_CUE_WORDS);
const GERMAN_MARKERS = /\b(?:der|die|das|und|nicht|seit|keine?|beim|auf|ist|sind|wird|mit|zeigt|dem|den)\b/giu;
const AFTER_LABEL = /^[\s,(:-]*(?:DOB|D\.O\.B|MRN|MR#|born|geb\.|née?|ur\.|\(?\d{1,3}\s?(?:y\/?o|yo|years?)\b)/iu;
const BEFORE_BED =
  /\b(?:bed|room|rm|bay|box|Bett|Zimmer|lit|chambre|cama|habitaci[oó]n|łóżko|sala)\s*#?\s*\d+[A-Za-z]?\s*[,(:-]?\s*\(?$/iu;

/** Every hyphenated part is name-shaped ("Amankwah-Reyes"). */
function isNameShaped(core: string): boolean {
  const first = core.charCodeAt(0);
  // A part must begin in capitals: a word beginning with a-z never is (the common case, decided fast).
  if (first >= 97 && first <= 122) return false;
  return core.includes("-") ? core.split("-").every((p) => PART_SHAPE.test(p)) : PART_SHAPE.test(core);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const possessive = raw.endsWith("'s") || raw.endsWith("’s");
    const core = possessive ? raw.slice(0, -2) : raw;
    tokens.push({
      start: m.index,
      end: m.index + core.length,
      core,
      lower: core.toLowerCase(),
      possessive,
      nameShaped: isNameShaped(core),
    });
  }
  return tokens;
}

export interface NameDetectorOptions {
  /** Lower-case words never taken as names by shape alone. */
  stopWords: Set<string>;
  /** Lower-case words never taken as names even after a cue (system and unit words). */
  hardStopWords: Set<string>;
}

export function createNameDetector(options: NameDetectorOptions): (text: string) => PhiSpan[] {
  // A hyphenated word is a stop word only when every part is ("Nurse-Call"), so a double-barrelled
  // surname with one common part ("Nakamura-Bell", "Oduya-Brandt") is still a name.
  const isStop = (t: Token, set: Set<string>): boolean =>
    set.has(t.lower) || (t.lower.includes("-") && t.lower.split("-").every((part) => set.has(part)));

  return (text: string): PhiSpan[] => {
    const tokens = tokenize(text);
    let germanMemo: boolean | undefined;
    const german = (): boolean => (germanMemo ??= (text.match(GERMAN_MARKERS)?.length ?? 0) >= 2);
    const spans: PhiSpan[] = [];
    const gapIs = (a: Token, b: Token, allowed: RegExp): boolean => allowed.test(text.slice(a.end, b.start));

    /** Capitalised words following token index i (names after a cue), stopping at stop words. */
    const runAfter = (i: number, stop: Set<string>, maxWords = 4): number => {
      let j = i;
      while (j < tokens.length && j - i < maxWords) {
        const t = tokens[j]!;
        const prev = tokens[j - 1];
        if (j > i && prev && (prev.possessive || !gapIs(prev, t, /^\s$/u))) break;
        if (t.nameShaped && !isStop(t, stop)) j += 1;
        else if (j > i && PARTICLES.has(t.lower) && tokens[j + 1]?.nameShaped) j += 1;
        else break;
      }
      return j;
    };
    const push = (from: number, to: number, startAt?: number): void => {
      const first = tokens[from];
      const last = tokens[to - 1];
      if (first && last) spans.push({ start: startAt ?? first.start, end: last.end, type: "NAME" });
    };

    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      // Titles: "Mr. Lorcan Fitzwilliam-Abara", "Frau Schmidt", "Mme Dubois".
      if (TITLES.has(t.lower) && next && gapIs(t, next, /^\.?\s{1,2}$/u) && /^\p{Lu}/u.test(t.core)) {
        const end = runAfter(i + 1, options.hardStopWords);
        if (end > i + 1) {
          push(i, end);
          i = end - 1;
          continue;
        }
      }
      // "Baby Boy Kristiansen-Mbeki", "Baby Girl Smith".
      if (t.lower === "baby" && next && (next.lower === "boy" || next.lower === "girl")) {
        const end = runAfter(i + 2, options.hardStopWords);
        if (end > i + 2) {
          push(i, end);
          i = end - 1;
          continue;
        }
      }
      // Patient words: "pt Smith", "patient's Jones", "Patientin Müller", "pacjentka Nowak".
      if (PATIENT_CUES.has(t.lower) && next && gapIs(t, next, /^(?:['’]s)?[\s:,]{1,3}$/u)) {
        const end = runAfter(i + 1, options.hardStopWords);
        if (end > i + 1) {
          push(i + 1, end);
          i = end - 1;
          continue;
        }
      }
      if (!t.nameShaped) continue;
      // Bed/room just before: "bed 2 (Hyacinth Oduya-Brandt)", "room 12, Jones".
      const bedBefore = BEFORE_BED.test(text.slice(Math.max(0, t.start - 24), t.start));
      const end = runAfter(i, bedBefore ? options.hardStopWords : options.stopWords);
      if (end === i) continue;
      const last = tokens[end - 1]!;
      const labelAfter = AFTER_LABEL.test(text.slice(last.end + (last.possessive ? 2 : 0), last.end + 24));
      const words = end - i;
      if (bedBefore || labelAfter || (words >= 2 && !german())) {
        push(i, end);
        i = end - 1;
      }
    }
    return spans;
  };
}
