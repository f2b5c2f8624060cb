/**
 * Text safety for Slack: everything the core hands us may carry reporter text, so it is escaped
 * before it reaches mrkdwn. Slack's control sequences all start with `<`, so escaping `& < >`
 * turns `<!channel>`, `<@U123>` and `<http://x|y>` into inert text; bare `@here`/`@channel` words
 * are broken with a zero-width joiner so no client treats them as broadcasts; bare links
 * (`https://…`, `www.…`) get a zero-width space so Slack does not auto-link them (mrkdwn objects
 * are also sent with `verbatim: true`, render-blocks.ts).
 */
const ZWJ = "\u200d";
const ZWSP = "\u200b";
const ELLIPSIS = "…";

/** Escapes `& < >` (Slack's only three) and neutralises broadcast words. For mrkdwn and plain_text alike. */
export function escapeSlackText(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped
    .replace(/([@＠])(here|channel|everyone)\b/gi, `$1${ZWJ}$2`)
    .replace(/:\/\//g, `:/${ZWSP}/`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Cuts `text` to at most `max` UTF-16 units, ending with "…", never splitting an escape or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  // Do not leave half of an &amp; / &lt; / &gt; entity behind.
  cut = cut.replace(/&[a-z]*$/i, "");
  // Do not leave a lone high surrogate.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Escape, then fit within `max`. */
export function safeText(text: string, max: number): string {
  return truncate(escapeSlackText(text), max);
}
