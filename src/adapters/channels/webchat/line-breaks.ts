/**
 * Web Chat renders Adaptive Card TextBlocks as Markdown, where a single newline is only a space:
 * multi-line texts (a report's history, a cluster line under a summary) would run together. A
 * Markdown hard break ("  \n") keeps each line on its own. Pure; returns a copy.
 */
export function keepLineBreaks<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => keepLineBreaks(item)) as T;
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) out[key] = keepLineBreaks(value);
  if (out.type === "TextBlock" && typeof out.text === "string") out.text = out.text.replace(/[ \t]*\r?\n/g, "  \n");
  return out as T;
}
