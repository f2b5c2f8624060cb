/**
 * Features for the learned part of the offline classifier, from the folded text (text-prep.ts):
 * lower-case word unigrams and bigrams, and character 3- to 5-grams inside each word (with word
 * edges marked), so related spellings and other languages share evidence ("print", "printer",
 * "impresora"). Digits become 0, redaction placeholders one token. Each feature counts once.
 */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

export function textFeatures(folded: string): string[] {
  const words = (folded.replace(/\d/g, "0").match(WORD) ?? []).slice(0, 120);
  const features = new Set<string>();
  let previous = "<s>";
  for (const word of words) {
    features.add(`w:${word}`);
    features.add(`b:${previous} ${word}`);
    previous = word;
    const padded = ` ${word} `;
    for (let n = 3; n <= 5; n += 1)
      for (let i = 0; i + n <= padded.length; i += 1) features.add(`c:${padded.slice(i, i + n)}`);
  }
  if (words.length > 0) features.add(`b:${previous} </s>`);
  const length = words.length <= 3 ? "short" : words.length <= 12 ? "mid" : "long";
  features.add(`len:${length}`);
  return [...features];
}
