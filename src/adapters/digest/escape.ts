/**
 * Escaping of reporter-derived text (summaries, units, resolution notes) for each rendering, so a
 * digest can never carry a mention, a link or markup that the reporter (or a model) slipped in.
 */

/** Collapses line breaks and runs of spaces (no new paragraphs, headings or list items), and caps length. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const ZWSP = "\u200b";

/** Breaks bare links so no client turns them into hyperlinks ("http://x" gets a zero-width space between the slashes, "www.x" before the dot). */
function defangLinks(text: string): string {
  return text.replace(/:\/\//g, `:/${ZWSP}/`).replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Breaks @channel/@here/@everyone style broadcasts and @name mentions. */
function defangAt(text: string): string {
  return text.replace(/@(?=\w)/g, `@${ZWSP}`);
}

/**
 * Slack mrkdwn (use with `verbatim: true`): &, <, > escaped as Slack requires, which also turns
 * <!channel>, <@U123>, <http://x|y> into inert text; formatting characters replaced by look-alikes.
 */
export function slackText(text: string, max?: number): string {
  return defangAt(
    defangLinks(
      oneLine(text, max)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\*/g, "∗")
        .replace(/_/g, "ˍ")
        .replace(/~/g, "∼")
        .replace(/`/g, "ʹ"),
    ),
  );
}

/**
 * Adaptive Card TextBlock (Teams renders a Markdown subset): brackets, emphasis, code, headings,
 * angle brackets (<at> mentions, HTML) replaced by look-alikes, so [x](y), ![x](y), **x** and
 * <at>x</at> show as plain text whatever Markdown processor the client uses.
 */
export function cardText(text: string, max?: number): string {
  return defangAt(
    defangLinks(
      oneLine(text, max)
        .replace(/\[/g, "［")
        .replace(/\]/g, "］")
        .replace(/</g, "‹")
        .replace(/>/g, "›")
        .replace(/\*/g, "∗")
        .replace(/_/g, "ˍ")
        .replace(/`/g, "ʹ")
        .replace(/~/g, "∼")
        .replace(/#/g, "＃")
        .replace(/\|/g, "¦")
        .replace(/^(\d+)\. /, "$1․ ")
        .replace(/^[-+] /, "– "),
    ),
  );
}

/**
 * CommonMark inside a line (the renderer never starts a line with reporter text): characters that
 * open emphasis, code, links, images, HTML or tables are backslash-escaped; links defanged.
 */
export function markdownText(text: string, max?: number): string {
  return defangAt(defangLinks(oneLine(text, max).replace(/[\\`*_[\]<>!|~]/g, (c) => `\\${c}`)));
}
