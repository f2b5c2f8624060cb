/**
 * Turns chat markup into the plain words a summary may carry. A summary is shown to IT and in the
 * CMIO digest, so it holds no markdown emphasis, HTML-ish tags or script bodies, no Slack mention
 * or link syntax (<!channel>, <@U123>, <http://…|label> → label) and no @here/@channel/@everyone.
 * Escaping for each channel still happens in the renderers; this only removes syntax. Pure.
 */

/** HTML entities chat platforms escape (Slack sends &lt; &gt; &amp;). */
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };
const ENTITY = /&(?:lt|gt|amp|quot|#39);/g;
/** A script or style element with its body (also one left unclosed: the rest is code). */
const SCRIPT = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/giu;
/** Slack links: <http://…|label> → label; a bare <http://…> or <mailto:…> goes. */
const SLACK_LINK = /<((?:https?|mailto|tel):[^<>|\s]*)(?:\|([^<>]*))?>/giu;
/** Slack mentions and broadcasts: <!channel>, <!subteam^S1|@team>, <@U123>, <#C123|general>. */
const SLACK_MENTION = /<[!@#][^<>]*>/gu;
/** An HTML-ish tag: <b>, </b>, <br/>, <at>, <a href="…">. */
const TAG = /<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/giu;
/** Markdown links and images: [label](http://…) → label. */
const MARKDOWN_LINK = /!?\[([^\]\n]*)\]\((?:https?:|mailto:|www\.)[^)\s]*\)/giu;
/** Bare web addresses: never words a reader needs in a one-liner. */
const URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/giu;
/** Broadcast mentions written as text. */
const BROADCAST = /(?<![\p{L}\p{N}])@(?:here|channel|everyone)(?![\p{L}\p{N}])/giu;
/** Emphasis, strike, code and quote markers, and :emoji: codes. */
const EMPHASIS = /:[a-z0-9_+-]+:|```|[~*_>`]+/gu;
/** Characters that start any of the syntax above (plain text skips all the work). */
const SYNTAX = /[<>&@*_~`[:\]]|https?:|www\./iu;

export function plainWords(text: string): string {
  if (!SYNTAX.test(text)) return text;
  return text
    .replace(ENTITY, (entity) => ENTITIES[entity] ?? entity)
    .replace(SCRIPT, " ")
    .replace(SLACK_LINK, (_link, _url: string, label: string | undefined) => ` ${label ?? ""} `)
    .replace(SLACK_MENTION, " ")
    .replace(TAG, " ")
    .replace(MARKDOWN_LINK, (_link, label: string) => ` ${label} `)
    .replace(URL, " ")
    .replace(BROADCAST, " ")
    .replace(EMPHASIS, " ");
}
