/**
 * Adaptive Card TextBlocks render a markdown subset (Teams and Web Chat alike). Text that came from
 * a reporter must stay text: it must not become a link, an image, a mention or bold/italic markup.
 * The neutralising is renderer-independent (no reliance on backslash escapes, which Teams ignores):
 * - `](` and `![` get a zero-width space so no inline link or image can form;
 * - `*` becomes U+2217 and word-boundary `_` becomes U+FF3F (they read the same);
 * - `<` and `>` become U+2039/U+203A, so no `<at>` mention (or any tag) can form;
 * - `://` and `www.` get a zero-width space so URLs are not auto-linked.
 */
const ZWSP = "\u200B";

export function escapeCardText(text: string): string {
  return text
    .replace(/</g, "\u2039")
    .replace(/>/g, "\u203A")
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/!\[/g, `!${ZWSP}[`)
    .replace(/\*/g, "\u2217")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\uFF3F")
    .replace(/~~/g, `~${ZWSP}~`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}
