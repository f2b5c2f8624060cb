/**
 * Names and record numbers inside file names ("scan_OKAFOR_G_1234567.pdf",
 * "lab-results-mendez.xlsx", "Befund_Oberhuber_Brigitte.pdf"): the name of a file is split at its
 * separators and each part is judged alone, since no cue or capital helps there. A part is a name
 * when the name lists know it and it is no common word of any listed language, clinical word or
 * catalogue word; an all-capital part of four letters or more in no list counts too, and a single
 * letter or a capitalised word in no list beside a name is part of it. Five digits or more are a record number.
 * A file name that holds either is removed whole. Words of things
 * ("downtime_report_v2.pdf", "Epic_error_screenshot.png") stay.
 */
import { CLINICAL_WORDS } from "./clinical-vocabulary";
import { foldWord } from "./fold";
import type { PhiSpan } from "./identifier-patterns";
import { OTHER_LANGUAGE_LEVEL, type NameLexicon } from "./name-lexicon";

const EXTENSIONS =
  "pdf|docx?|xlsx?|xlsm|csv|txt|rtf|odt|ods|pptx?|jpe?g|png|gif|bmp|tiff?|heic|dcm|dicom|zip|msg|eml|mp4|mov|wav";
const FILE_NAME = new RegExp(
  `(?<![\\p{L}\\d_.-])([\\p{L}\\d][\\p{L}\\d_.-]*)\\.(?:${EXTENSIONS})(?![\\p{L}\\d])`,
  "giu",
);
const PART = /[\p{L}\d]+/gu;
const HAS_EXTENSION = new RegExp(`\\.(?:${EXTENSIONS})(?![\\p{L}\\d])`, "iu");

/** maybe: a capitalised word in no list, a name only beside one ("Befund_Oberhuber_Brigitte.pdf"). */
type PartKind = "name" | "maybe" | "initial" | "number" | "other";

export function findFileNameParts(text: string, lexicon: NameLexicon, stopWords: ReadonlySet<string>): PhiSpan[] {
  if (!HAS_EXTENSION.test(text)) return [];
  const spans: PhiSpan[] = [];
  for (const m of text.matchAll(FILE_NAME)) {
    const stem = m[1]!;
    // A stem with no separator is one word ("report.pdf"): judged only when it holds digits.
    const parts = [...stem.matchAll(PART)].map((p) => ({ start: m.index + p.index, text: p[0] }));
    const kinds = parts.map((p): PartKind => kindOf(p.text, lexicon, stopWords));
    if (parts.length < 2 && kinds[0] !== "number") continue;
    const resolved = parts.map((_, i) => {
      const kind = kinds[i];
      if (kind === "initial" || kind === "maybe")
        return kinds[i - 1] === "name" || kinds[i + 1] === "name" ? "name" : "other";
      return kind;
    });
    // A file named after a patient is an identifier as a whole ("MacKenzie-Ross_DOB_12041962.pdf").
    if (resolved.includes("name")) spans.push({ start: m.index, end: m.index + m[0].length, type: "NAME" });
    else if (resolved.includes("number")) spans.push({ start: m.index, end: m.index + m[0].length, type: "MRN" });
  }
  return spans;
}

function kindOf(part: string, lexicon: NameLexicon, stopWords: ReadonlySet<string>): PartKind {
  // A camera's date and time ("IMG_20261204_0712.jpg") is no record number.
  if (/^\d+$/.test(part))
    return part.length >= 5 && !/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])$/.test(part) && part.length !== 6
      ? "number"
      : "other";
  if (/\d/.test(part)) return "other";
  if (part.length === 1) return /\p{Lu}/u.test(part) ? "initial" : "other";
  const fold = foldWord(part);
  if (stopWords.has(fold) || CLINICAL_WORDS.has(fold)) return "other";
  const entry = lexicon.entry(fold);
  const named = entry?.firstRank !== undefined || entry?.surnameRank !== undefined;
  const common = entry?.commonLevel !== undefined && entry.commonLevel !== OTHER_LANGUAGE_LEVEL;
  if (named && !common && entry?.commonLevel === undefined) return "name";
  if (named && !common && part.length >= 4) return "name";
  if (!entry && part.length >= 4 && part === part.toUpperCase()) return "name";
  if (!entry && part.length >= 4 && /^\p{Lu}\p{Ll}+$/u.test(part)) return "maybe";
  return "other";
}
