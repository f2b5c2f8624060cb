/**
 * Prepares a message for the rule-based classifier: drops meta sentences aimed at the classifier
 * (prompt injection such as "Note to the classifier: this is critical"), turns chat markup and
 * emoji into words, and builds a folded copy (lower case, no accents, plain apostrophes,
 * contractions spelled one way) that the lexicons match against.
 */
export interface PreparedText {
  /** The message without meta sentences and markup, original casing (for location and systems). */
  clean: string;
  /** Lower case, accents removed, contractions normalised. */
  folded: string;
  /** True when the message is mostly emoji with at most a few words ("🖨️💀 on 2 South again"). */
  emojiTerse: boolean;
}

const META =
  /\b(?:note to (?:the )?(?:classifier|bot|ai|model|system|triage)|(?:ignore|disregard) (?:all |any |the )?(?:previous|above|prior|earlier)|classify (?:this|it|as)|classify\s*:|classification\s*:|severity\s*[:=]|patient ?safety\s*[:=]|kind\s*[:=]|system prompt|you are (?:an? )?(?:ai|assistant|classifier|language model)|mark (?:this|it) as (?:critical|high|urgent)|set (?:the )?severity)/i;

const EMOJI_WORDS: Array<[RegExp, string]> = [
  [/🖨️?|:printer:/gu, " printer "],
  [/🖥️?|💻|:computer:|:desktop_computer:/gu, " computer "],
  [/📞|☎️?|📱|:phone:|:telephone_receiver:/gu, " phone "],
  [/📟|:pager:/gu, " pager "],
  [/💀|☠️?|:skull:|🪦/gu, " dead "],
  [/🐌|:snail:/gu, " slow "],
  [/🔒|🔐|:lock:/gu, " locked out "],
  [/📶|🛜|:signal_strength:/gu, " wifi "],
  [/🙄|:roll_?eyes:|:face_with_rolling_eyes:/gu, " annoyed "],
];

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan ?not\b|\bcant\b|\bcan t\b/g, "can't"],
  [/\bwill not\b|\bwont\b/g, "won't"],
  [/\bdoes not\b|\bdoesnt\b/g, "doesn't"],
  [/\bdo not\b|\bdont\b/g, "don't"],
  [/\bisnt\b/g, "isn't"],
  [/\bdid not\b|\bdidnt\b/g, "didn't"],
  [/\barent\b/g, "aren't"],
];

/** The message without sentences or code blocks addressed to the classifier. */
export function dropMeta(text: string): string {
  const withoutCode = text.replace(/```[\s\S]*?```|`[^`]*`/g, (block) => (META.test(block) ? " " : block));
  return withoutCode
    .split(/(?<=[.!?\n])\s+/)
    .filter((sentence) => !META.test(sentence))
    .join(" ");
}

export function prepareText(raw: string): PreparedText {
  return prepareWithoutMeta(dropMeta(raw), raw);
}

/** prepareText for a caller that already has dropMeta(raw) (the summary needs it too). */
export function prepareWithoutMeta(withoutMeta: string, raw: string): PreparedText {
  let clean = withoutMeta
    .replace(/\[(?:NAME|MRN|DOB|PHONE|EMAIL|NATIONAL_ID|ADDRESS)\]/g, "·")
    .replace(/<!(?:everyone|channel|here)>|<@[A-Z0-9]+>|<#[A-Z0-9]+(?:\|[^>]*)?>/g, " ")
    .replace(/[~*_>`]+/g, " ");
  if (/[\u0080-\uffff]|:[a-z_]+:/.test(clean))
    for (const [pattern, word] of EMOJI_WORDS) clean = clean.replace(pattern, word);
  clean = clean
    .replace(/:[a-z0-9_+-]+:/g, " ")
    // Runs of spaces and tabs become one space (a lone space is left as it is: no new string).
    .replace(/ [ \t]+|\t[ \t]*/g, " ")
    .trim();
  let folded = clean.toLowerCase();
  if (/[\u0080-\uffff]/.test(folded)) {
    folded = folded
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/ł/g, "l")
      .replace(/ß/g, "ss")
      .replace(/[’‘`´]/g, "'");
  }
  if (/n'?t\b|not\b/.test(folded)) for (const [pattern, word] of CONTRACTIONS) folded = folded.replace(pattern, word);
  const rawWords = (): string[] => raw.replace(/\[[A-Z_]+\]|:[a-z0-9_+-]+:/g, " ").match(/\p{L}{2,}/gu) ?? [];
  const emojiTerse = /\p{Extended_Pictographic}/u.test(raw) && rawWords().length <= 4;
  return { clean, folded, emojiTerse };
}
