/**
 * Finds person names with knowledge that generalises rather than rules fitted to examples:
 * - cues of five languages: honorifics ("Mrs.", "Frau", "Sra.", "Mme", "pani"), after which any word
 *   is a name ("mrs. price"); patient words ("pt", "Patientin"), places ("bed 4 smith", "Zimmer 12"),
 *   relatives ("his wife Carol") and "Baby Girl", after which a word is a name if the name lists or
 *   its shape say so; staff titles ("Dr.", "charge RN"), after which a name is kept (staff are not PHI);
 * - name lists (first names and surnames of many cultures, ./data): "Grace Okafor", "sara lindqvist",
 *   "Okafor, Grace", "OKAFOR GRACE", "Tomas R.", names that are common words ("Daisy Fields");
 * - shape: two or more capitalised words in a row none of which is a common English word
 *   ("Teodora Marchetti"), unless the run names a thing ("Glasgow Coma Scale", "Cancer Center").
 * German capitalises every noun, so in German text the bare shape does not count.
 */
import { HEAD_NOUNS_SET } from "./clinical-vocabulary";
import type { PhiSpan } from "./identifier-patterns";
import * as cues from "./name-cues";
import { createWordFacts, type CueStrength } from "./name-evidence";
import type { NameLexicon } from "./name-lexicon";
import { tokenize, type Token } from "./name-tokens";
import { isLoneName } from "./lone-name";
import { withCoordinated } from "./coordinated-names";
import { cuePositions } from "./name-cue-positions";
import { withEchoes } from "./name-echoes";
import { findInitials } from "./name-initials";
import { extendNames } from "./name-extensions";

export interface NameDetectorOptions {
  /** Lower-case words never taken as names by shape alone. */
  stopWords: ReadonlySet<string>;
  /** Lower-case words never taken as names even after a cue (system and unit words). */
  hardStopWords: ReadonlySet<string>;
  lexicon: NameLexicon;
}

// Local bindings: imported ones are read through getters on every use (CommonJS output).
const FUNCTION_WORDS = cues.FUNCTION_WORDS;
const HONORIFICS = cues.HONORIFICS;
const LEADING_PARTICLES = cues.LEADING_PARTICLES;
const PARTICLES = cues.PARTICLES;
const PATIENT_CUES = cues.PATIENT_CUES;
const PLACE_WORDS = cues.PLACE_WORDS;
const RELATIVE_CUES = cues.RELATIVE_CUES;
const STAFF_CUES = cues.STAFF_CUES;
const GERMAN_MARKERS =
  /(?<![\p{L}])(?:der|die|das|und|nicht|seit|keine?|beim|auf|ist|sind|wird|mit|zeigt|dem|den|ich|wir|euch|uns|bitte|danke|heute|guten|morgen|noch|schon|auch|kann|geht|immer|wieder|allen?|hallo|eine?|für|über|schönen?)(?![\p{L}])/giu;
const AFTER_LABEL =
  /^[\s,(:-]*(?:(?:DOB|D\.O\.B|MRN|MR#|born|geb\.|née?|ur\.)(?![\p{L}])|\(?\d{1,3}\s?(?:y\/?o|yo|years?)\b|(?:in|on)\s+(?:bed\s+|room\s+|rm\s+)?#?\d|(?:bed|room|rm|bay|cubicle|cama|habitaci[oó]n|lit|chambre|zimmer|bett|sala|[łl][óo][żz]ko)\s*#?\d)/iu;
const NICKNAME_GAP = /^["'’”)]?\s{1,2}["'‘“(]?$/u;
/** First names ranked this high come from the Census list (frequent in the US); the rest from other locales. */
const CENSUS_FIRST_NAMES = 5000;
/** Longest run of words taken as one name (bounds the work per word: no run is scanned twice over). */
const MAX_NAME_WORDS = 6;
/** Staff abbreviations that are also ordinary words in lower case ("ma", "pa", "do"): capitals only. */
const CAPS_ONLY_STAFF = new Set(["ma", "pa", "rt", "np", "md", "rn", "lpn", "cna", "lvn", "aprn", "crna"]);
/** Staff titles that are relatives or words in lower case ("his sister Ria"): capitalised only ("Sister Daly"). */
const CAPITALISED_STAFF = new Set(["sister", "matron", "med"]);
/** Honorifics that are also ordinary words: they count only before a capitalised word. */
const CAPITALISED_NEXT = new Set("pan pani pana panu pania panem don dona miss sr hr hrn fr p".split(" "));
const SAINTS = new Set(["st", "saint", "sainte", "sankt", "san", "santa", "santo", "sao", "sw", "swietego", "swietej"]);
const SKIP_AFTER_PATIENT = new Set(["is", "was", "name", "named", "called", "ist", "es", "est", "jest"]);

export function createNameDetector(options: NameDetectorOptions): (text: string) => PhiSpan[] {
  const words = createWordFacts(options.lexicon, options.hardStopWords);

  return (text: string): PhiSpan[] => {
    const tokens = tokenize(text);
    const cueBefore = cuePositions(text);
    let germanMemo: boolean | undefined;
    const german = (): boolean => (germanMemo ??= (text.match(GERMAN_MARKERS)?.length ?? 0) >= 2);
    const spans: PhiSpan[] = [];
    const gap = (i: number): string => {
      const a = tokens[i - 1];
      const b = tokens[i];
      return a && b ? text.slice(a.end + (a.possessive ? 2 : 0), b.start) : "";
    };
    /** Token i directly follows token i-1, separated by one space (a name's words), and i-1 is not possessive. */
    const adjacent = (i: number): boolean => {
      const prev = tokens[i - 1];
      return prev !== undefined && !prev.possessive && /^(?: {1,2}| ?\r?\n ?)$/.test(gap(i));
    };
    const push = (from: number, to: number, startAt?: number): void => {
      const first = tokens[from];
      const last = tokens[to - 1];
      if (first && last) spans.push({ start: startAt ?? first.start, end: last.end, type: "NAME" });
    };
    const isStaffCue = (t: Token): boolean =>
      STAFF_CUES.has(t.fold) &&
      (!CAPS_ONLY_STAFF.has(t.fold) || t.shape === "caps") &&
      (!CAPITALISED_STAFF.has(t.fold) || t.shape !== "lower" || t.fold === "med");

    /** End (exclusive) of the name after a cue starting at token `from`, or `from` when there is none. */
    const runAfterCue = (from: number, strength: CueStrength): number => {
      let j = from;
      let taken = 0;
      while (j < tokens.length && taken < 5) {
        // A nickname in quotes or brackets belongs to the name: pt 'Bud' Harrison, Mr. Ng (Kenny) Wah.
        if (j > from && !adjacent(j) && !(taken > 0 && NICKNAME_GAP.test(gap(j)) && !tokens[j - 1]!.possessive)) break;
        const t = tokens[j]!;
        // "(Zimmer 208, Pat.-ID …)": a place word or an abbreviated label is never part of the name.
        if (j > from && (PLACE_WORDS.has(t.fold) || /^\.-/.test(text.slice(t.end, t.end + 2)))) break;
        if (j === from && /^\.-/.test(text.slice(t.end, t.end + 2))) break;
        // After a bare number ("en 3 Este", "in 4 North") a stop word is a unit's, not a name.
        if (strength === "weak" && options.stopWords.has(t.fold)) break;
        const prevFacts = j > from ? words.facts(tokens[j - 1]!) : undefined;
        const afterFirstName = prevFacts?.firstRank !== undefined && prevFacts.evidence !== "word";
        if (words.acceptAfterCue(t, strength, taken === 0, afterFirstName)) {
          j += 1;
          taken += 1;
          continue;
        }
        // Particles: "van der Meer", "da Silva", "de la Cruz" (only when a name word follows).
        let k = j;
        while (k < tokens.length && k - j < 3 && PARTICLES.has(tokens[k]!.fold) && (k === from || adjacent(k))) k += 1;
        const after = tokens[k];
        if (
          k > j &&
          after &&
          adjacent(k) &&
          words.acceptAfterCue(after, strength === "honorific" ? "patient" : strength, false)
        ) {
          j = k + 1;
          taken += 1;
          continue;
        }
        break;
      }
      return taken > 0 ? extendFirstName(j, true) : from;
    };

    /** "Herrera, Luis" / "KOWALCZYK, MAREK": a listed first name after a comma completes the name. */
    const extendFirstName = (end: number, afterCue = false): number => {
      const next = tokens[end];
      const prev = tokens[end - 1];
      if (!next || !prev || prev.possessive || !/^(?:, ?\r?\n?|[;/] ?)$/.test(gap(end))) return end;
      const f = words.facts(next);
      const firstName =
        (f.firstRank !== undefined && (f.evidence === "name" || words.frequentName(f))) ||
        (afterCue && next.shape !== "lower" && f.evidence === "unknown") ||
        // "Ms. Farrow, Juniper": after a cue, a listed first name that is also a word.
        (afterCue && next.shape === "title" && f.firstRank !== undefined && f.evidence === "common-name");
      if (!firstName || words.blocked(next) || next.shape === "other") return end;
      let j = end + 1;
      // A middle name or initial ("DE LA CRUZ, MARIA ESPERANZA").
      const middle = tokens[j];
      if (middle && adjacent(j) && middle.shape === next.shape && words.facts(middle).evidence === "name") j += 1;
      return j;
    };

    /** Runs of capitalised words ("Teodora Marchetti", "OKAFOR GRACE", "Maria de la Cruz"). */
    const capitalisedRun = (from: number): number => {
      let j = from;
      while (j < tokens.length && j - from < MAX_NAME_WORDS) {
        const t = tokens[j]!;
        if (j > from && !adjacent(j)) break;
        const f = words.facts(t);
        const stop = options.stopWords.has(t.fold) && !words.frequentName(f);
        if ((t.shape === "title" || t.shape === "caps") && !words.blocked(t) && !stop && !words.acronym(t, f)) {
          j += 1;
          continue;
        }
        // "Pieter van der Meer", "Maria de la Cruz".
        let k = j;
        // "Ahmed El Amrani", "Luis De La Fuente": capitalised particles too, after a first word.
        while (
          k < tokens.length &&
          k - j < 3 &&
          (tokens[k]!.shape === "lower" || tokens[k]!.shape === "caps" || (j > from && tokens[k]!.shape === "title")) &&
          PARTICLES.has(tokens[k]!.fold) &&
          adjacent(k)
        )
          k += 1;
        const after = tokens[k];
        const sameCase = after?.shape === "title" || (after?.shape === "caps" && tokens[j]!.shape === "caps");
        if (j > from && k > j && after && sameCase && adjacent(k)) {
          j = k;
          continue;
        }
        break;
      }
      return j;
    };

    /** Is a run of capitalised words a person's name? */
    const runIsName = (from: number, to: number): boolean => {
      const run = tokens.slice(from, to).filter((t) => !PARTICLES.has(t.fold) || t.shape !== "lower");
      if (run.length < 2) return false;
      if (run.slice(1).some((t) => HEAD_NOUNS_SET.has(t.fold))) return false;
      const facts = run.map((t) => words.facts(t));
      if (run.some((t, i) => words.acronym(t, facts[i]!))) return false;
      const firstF = facts[0]!;
      const lastF = facts[facts.length - 1]!;
      const firstIsFirstName =
        firstF.firstRank !== undefined &&
        (firstF.evidence === "name" || (firstF.evidence === "common-name" && (firstF.firstRank ?? Infinity) <= 1500));
      const lastIsSurname =
        lastF.evidence === "name" ||
        lastF.evidence === "unknown" ||
        (lastF.evidence === "common-name" && (lastF.surnameRank ?? Infinity) <= 20000);
      if (firstIsFirstName && lastIsSurname) return true;
      const noCommonWord = facts.every((f) => f.evidence === "name" || f.evidence === "unknown");
      return noCommonWord && !german();
    };

    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      // A saint names a place: "St. Brigid's ward", "Sankt Georg", "San Rafael", "Sainte-Justine".
      if (SAINTS.has(t.fold) && next && next.shape === "title" && /^\.?\s$/.test(gap(i + 1))) {
        i += 1;
        continue;
      }

      // Staff: "Dr. Nakagawa", "charge RN Kim", "Frau Dr. Brandt" are kept.
      if (isStaffCue(t) || (HONORIFICS.has(t.fold) && next && isStaffCue(next) && /^\.?\s$/.test(gap(i + 1)))) {
        let j = i + 1;
        while (j < tokens.length && isStaffCue(tokens[j]!) && /^\.?\s{1,2}$/.test(gap(j))) j += 1;
        // "the site manager. Mr Abubakar": a full stop after a whole word ends the sentence, and an
        // honorific opens a new name.
        const fullStop = gap(j).startsWith(".") && tokens[j - 1]!.core.length > 4;
        const nextT = tokens[j];
        if (
          nextT &&
          !fullStop &&
          !HONORIFICS.has(nextT.fold) &&
          /^[.,]?\s{1,2}$/.test(gap(j)) &&
          nextT.shape !== "lower"
        ) {
          const end = capitalisedRun(j);
          i = Math.max(i, end - 1);
        }
        continue;
      }
      // Honorifics: "Mr. Lorcan Fitzwilliam-Abara", "mrs. price", "Frau Schmidt", "la señora Pérez".
      if (HONORIFICS.has(t.fold) && next && /^\.?\s{1,2}$/.test(gap(i + 1))) {
        const needsCapital = CAPITALISED_NEXT.has(t.fold) || (t.fold === "m" && t.core === "M");
        if (!needsCapital || next.shape === "title" || next.shape === "caps") {
          const end = runAfterCue(i + 1, "honorific");
          if (end > i + 1) {
            push(i, end);
            i = end - 1;
            continue;
          }
        }
      }
      if (t.fold === "m" && t.core === "M" && next && gap(i + 1) === ". " && next.shape === "title") {
        const end = runAfterCue(i + 1, "patient");
        if (end > i + 1) {
          push(i, end);
          i = end - 1;
          continue;
        }
      }
      // Patient and relative words: "pt Jones", "pt is Herrera, Luis", "his wife Carol", "Baby Girl Smith".
      const baby = t.fold === "baby" || (t.shape === "caps" && (t.fold === "bg" || t.fold === "bb"));
      if (PATIENT_CUES.has(t.fold) || RELATIVE_CUES.has(t.fold) || baby) {
        let from = i + 1;
        if (baby && (tokens[from]?.fold === "boy" || tokens[from]?.fold === "girl")) from += 1;
        if (tokens[from] && SKIP_AFTER_PATIENT.has(tokens[from]!.fold) && !baby) from += 1;
        // "el paciente (Sr. Olmedo": the honorific opens the name; it is handled at its own word.
        if (tokens[from] && HONORIFICS.has(tokens[from]!.fold)) continue;
        if (tokens[from] && /^(?:['’]s)?\s*[:,-]?\s*["'‘“(]?$/u.test(gap(from))) {
          const end = runAfterCue(from, "patient");
          if (end > from) {
            push(baby ? i : from, end);
            i = end - 1;
            continue;
          }
        }
      }
      // A place just before: "bed 4 smith", "room 14 (Okonkwo)", "Zimmer 12, Herr ..."; "in 22 hollis" (weak).
      const strength = cueBefore.get(t.start) ?? null;
      if (strength) {
        const run = strength === "weak" ? capitalisedRun(i) : i;
        const end = Math.max(runAfterCue(i, strength), run >= i + 2 && runIsName(i, run) ? run : i);
        if (end > i) {
          push(i, end);
          i = end - 1;
          continue;
        }
      }
      if (t.shape === "lower" && PARTICLES.has(t.fold)) {
        // "not van der Meer", "de la Fuente": particles that open a surname.
        let k = i;
        while (
          k < tokens.length &&
          k - i < 3 &&
          (tokens[k]!.shape === "lower" || tokens[k]!.shape === "caps") &&
          PARTICLES.has(tokens[k]!.fold) &&
          (k === i || adjacent(k))
        )
          k += 1;
        const particles = tokens
          .slice(i, k)
          .map((p) => p.fold)
          .join(" ");
        const surname = tokens[k];
        if (surname && k > i && adjacent(k) && surname.shape === "title" && LEADING_PARTICLES.test(particles)) {
          const f = words.facts(surname);
          const strong = particles.includes(" ") || !/^(?:de la|de los|de las|al|el|da|di)$/u.test(particles);
          if (
            !words.blocked(surname) &&
            !options.stopWords.has(surname.fold) &&
            (f.evidence === "name" || (strong && f.evidence === "unknown"))
          ) {
            // "von Brigitte Oberhuber": a whole name after a preposition that looks like a particle.
            const run = capitalisedRun(k);
            if (run >= k + 2 && runIsName(k, run)) {
              push(k, run);
              i = run - 1;
              continue;
            }
            push(i, k + 1);
            i = k;
            continue;
          }
        }
      }
      if (t.shape === "lower") {
        // "sara lindqvist", "josé da silva": a listed first name and a surname, both in lower case.
        const f = words.facts(t);
        const cue = RELATIVE_CUES.has(t.fold) || PATIENT_CUES.has(t.fold) || HONORIFICS.has(t.fold);
        if (
          f.evidence === "name" &&
          f.firstRank !== undefined &&
          !words.blocked(t) &&
          !cue &&
          !FUNCTION_WORDS.has(t.fold)
        ) {
          let k = i + 1;
          // Particles, but not "y"/"i" ("and": "nada y vino").
          while (
            k < tokens.length &&
            k - i < 3 &&
            PARTICLES.has(tokens[k]!.fold) &&
            tokens[k]!.fold !== "y" &&
            adjacent(k)
          )
            k += 1;
          const last = tokens[k];
          if (last && adjacent(k) && last.shape === "lower" && !words.blocked(last) && last.core.length > 1) {
            const lf = words.facts(last);
            // Both words listed, the first a frequent first name ("sara lindqvist"; not "min" of "10 min").
            const frequentFirst = (f.firstRank ?? Infinity) <= CENSUS_FIRST_NAMES;
            const afterNumber = /\d\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start));
            if (!afterNumber && frequentFirst && lf.evidence === "name") {
              push(i, k + 1);
              i = k;
            }
          }
        }
        continue;
      }
      if (t.shape !== "title" && t.shape !== "caps") continue;
      if (words.blocked(t)) continue;
      const end = capitalisedRun(i);
      // "Rose Hill Clinic", "Mercy Heart Institute": the run names a place or a thing.
      const headAfter = tokens[end];
      if (
        end >= i + 2 &&
        headAfter &&
        adjacent(end) &&
        headAfter.shape !== "lower" &&
        HEAD_NOUNS_SET.has(headAfter.fold)
      ) {
        i = end;
        continue;
      }
      if (end >= i + 2 && runIsName(i, end)) {
        push(i, extendFirstName(end));
        i = end - 1;
        continue;
      }
      // "Tomas R.": a listed first name and an initial.
      const f = words.facts(t);
      if (
        f.firstRank !== undefined &&
        f.evidence === "name" &&
        /^ \p{Lu}\.(?!\p{L})/u.test(text.slice(t.end, t.end + 4))
      ) {
        spans.push({ start: t.start, end: t.end + 3, type: "NAME" });
        continue;
      }
      // "Okafor, Grace": a surname-like word, a comma, a listed first name.
      if (f.evidence !== "word" && !options.stopWords.has(t.fold) && !words.acronym(t, f)) {
        const e = extendFirstName(i + 1);
        if (e > i + 1) {
          push(i, e);
          i = e - 1;
          continue;
        }
      }
      // A single capitalised word right before a DOB/MRN label or an age: "Okonkwo DOB ...".
      if (
        f.evidence !== "word" &&
        !options.stopWords.has(t.fold) &&
        !words.acronym(t, f) &&
        AFTER_LABEL.test(text.slice(t.end, t.end + 24))
      ) {
        push(i, i + 1);
        continue;
      }
      // A capitalised word alone where a person stands: "gave Okonkwo his meds", "für Oberhuber".
      if (end === i + 1 && isLoneName({ text, tokens, stopWords: options.stopWords, words, german }, i)) push(i, i + 1);
    }
    const context = { words, stopWords: options.stopWords };
    spans.push(...findInitials(text, words));
    return extendNames(text, withEchoes(tokens, withCoordinated(tokens, spans, context), context), words);
  };
}
