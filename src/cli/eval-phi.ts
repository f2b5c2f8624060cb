/**
 * PHI scoring of one redacted sample, word by word: an identifier counts as leaked when ANY of its
 * words is still in the redacted text ("[NAME] Okafor" leaks "Grace Okafor"), not only when the whole
 * string is. Words of the text that were never part of an identifier ("20" in "bed 20") are expected
 * to stay, so a word is leaked only when the redacted text holds more of it than the original held
 * outside its identifiers. Honorifics ("Mr.", "Frau", "Sgt.", "Uncle"), "Baby Boy/Girl", the article of
 * "la señora" / "el señor" and the "'s" of a possessive ("Mr. Buckley's") are not identifying words.
 * Look-alikes (`notPhi`: drug names, scales, staff, serials that must survive) are counted as
 * removed when fewer copies of them are left than the original had.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const PLACEHOLDER = /\[[A-Z_]+\]/g;
/** Words of a gold identifier that do not identify anyone on their own. */
const NOT_IDENTIFYING = new Set(
  (
    "mr mrs ms miss mx dr prof herr herrn frau m mme madame monsieur mlle sr sra srta señor señora señorita " +
    "don doña pan pani panu pana baby boy girl sgt uncle aunty auntie"
  ).split(" "),
);

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(WORD)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

function occurrences(haystack: string, needle: string): number {
  if (needle.length === 0) return 0;
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) count += 1;
  return count;
}

/** The original with every copy of every identifier blanked out (what should survive redaction). */
function maskIdentifiers(original: string, phi: readonly string[]): string {
  let masked = original.toLowerCase();
  // Longest first, so "Grace Okafor" is blanked before a shorter "Okafor" of the same list.
  for (const p of [...phi].sort((a, b) => b.length - a.length)) masked = masked.split(p.toLowerCase()).join(" ");
  return masked;
}

/** An identifier without a possessive ending or the article before "señor(a)": "la Sra. Rosa Quintero's" → "Sra. Rosa Quintero". */
const identifyingPart = (p: string): string =>
  p.replace(/['’]s$/iu, "").replace(/^(?:la|el)\s+(?=(?:se[ñn]or|se[ñn]ora|sra|sr|srta|se[ñn]orita)\b)/iu, "");

/** Gold identifiers of which at least one identifying word survives in the redacted text. */
export function leakedIdentifiers(original: string, redacted: string, phi: readonly string[]): string[] {
  if (phi.length === 0) return [];
  const expected = wordCounts(maskIdentifiers(original, phi));
  const left = wordCounts(redacted.replace(PLACEHOLDER, " "));
  return phi.filter((p) =>
    [...identifyingPart(p).toLowerCase().matchAll(WORD)].some(
      ([w]) => !NOT_IDENTIFYING.has(w) && (left.get(w) ?? 0) > (expected.get(w) ?? 0),
    ),
  );
}

/** Look-alikes (strings that must survive) of which fewer copies are left than the original had. */
export function removedLookalikes(original: string, redacted: string, notPhi: readonly string[]): string[] {
  const source = original.toLowerCase();
  const out = redacted.toLowerCase();
  return notPhi.filter((s) => occurrences(out, s.toLowerCase()) < occurrences(source, s.toLowerCase()));
}
