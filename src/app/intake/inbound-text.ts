/** Cleans what a person typed before anything else looks at it. Pure. */

export type TextVerdict =
  { kind: "ok"; text: string; truncated: boolean } | { kind: "empty" } | { kind: "no_words" } | { kind: "unreadable" };

// Control characters except tab/newline; Unicode replacement and private-use characters.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uE000-\uF8FF]/g;

export function cleanInboundText(raw: string, maxLength: number): TextVerdict {
  const controlCount = (raw.match(CONTROL) ?? []).length;
  const stripped = raw.replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
  if (stripped.length === 0) return controlCount > 0 ? { kind: "unreadable" } : { kind: "empty" };
  if (controlCount > 0 && controlCount / raw.length > 0.2) return { kind: "unreadable" };
  if (!/[\p{L}\p{N}]/u.test(stripped)) return { kind: "no_words" };
  if (stripped.length > maxLength) return { kind: "ok", text: stripped.slice(0, maxLength), truncated: true };
  return { kind: "ok", text: stripped, truncated: false };
}

/** "anonymous: ..." / "anon ..." prefix: the reporter asks not to be named. */
export function splitAnonymousPrefix(text: string): { anonymous: boolean; text: string } {
  const match = /^\s*(?:anon(?:ymous)?|anonym|anónimo|anonyme|anonimowo)\s*[:,-]?\s+/iu.exec(text);
  return match ? { anonymous: true, text: text.slice(match[0].length) } : { anonymous: false, text };
}

const HELP = /^\s*(help|hilfe|ayuda|aide|pomoc|\?|what can you do\??|how does this work\??|commands?)\s*[.!?]*\s*$/iu;
const MINE =
  /^\s*(my reports?|status|mine|meine meldungen|mis reportes|mes signalements|moje zgłoszenia)\s*[.!?]*\s*$/iu;

export function parseReporterCommand(text: string): "help" | "my_reports" | null {
  if (HELP.test(text)) return "help";
  if (MINE.test(text)) return "my_reports";
  return null;
}

const PLEASANTRY =
  /^\s*(?:thanks?(?: you)?(?: so much| a lot)?|thank you|thx|ty|cheers|ok(?:ay)?|hi|hello|hey|danke(?: schön)?|gracias|merci|dzięki)(?:[\s,]+(?:again|all|bot|team))?\s*[.!?]*\s*$/iu;

/** "thanks", "ok", "hi": never the answer to a follow-up question. */
export function isPleasantry(text: string): boolean {
  return PLEASANTRY.test(text);
}
