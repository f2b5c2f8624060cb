/** Folds a word for list look-ups: lower case, accents and marks removed ("Pérez" → "perez", "Łukasz" → "lukasz"). */
const MARKS = /\p{M}+/gu;
const SPECIAL: Record<string, string> = { ł: "l", ø: "o", đ: "d", ß: "ss", æ: "ae", œ: "oe", ı: "i", "’": "'" };
const SPECIAL_CHARS = /[łøđßæœı’]/gu;

const ASCII = /^[\x20-\x7e]*$/;

export function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(SPECIAL_CHARS, (c) => SPECIAL[c] ?? c);
}
