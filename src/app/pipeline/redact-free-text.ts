/**
 * The one way free text gets in. Every entry point that takes words a person typed (a report, a
 * follow-up answer, "add detail", a triage note or reason from a button, form or command, a
 * reclassify value) or words a classifier wrote back (summary, location, tags) passes them through
 * `redactFreeText` before anything is stored, logged, audited or sent. What it returns is the only
 * form of that text the rest of the bot sees.
 */
import type { ClassificationResult } from "../../domain/classification";
import { asRedacted, type RedactedText, type RedactionCounts } from "../../domain/redacted-text";
import type { ClassifierOutput } from "../../ports/classifier";
import type { Redaction, Redactor } from "../../ports/redactor";

/** Redacts `raw` (cut to `maxLength` first, so the redactor never sees more than will be kept). */
export function redactFreeText(redactor: Redactor, raw: string, maxLength = Number.POSITIVE_INFINITY): Redaction {
  const text = raw.length > maxLength ? raw.slice(0, maxLength) : raw;
  if (text.trim() === "") return { text: asRedacted(text), counts: {} };
  return redactor.redact(text);
}

/** The redacted text alone, null kept as null (optional fields: a note, a unit). */
export function redactedValue(redactor: Redactor, raw: string | null | undefined): RedactedText | null {
  return raw === null || raw === undefined ? null : redactFreeText(redactor, raw).text;
}

/** Adds two sets of counts (a report's and what an addition to it removed). */
export function addCounts(a: RedactionCounts, b: RedactionCounts): RedactionCounts {
  const sum: RedactionCounts = { ...a };
  for (const [type, n] of Object.entries(b) as [keyof RedactionCounts, number][]) sum[type] = (sum[type] ?? 0) + n;
  return sum;
}

/**
 * A classifier's result checked again before it is stored: its summary, location and tags are
 * redacted like anything a person typed (an LLM may echo or invent an identifier; an offline rule
 * may lift one the message's redaction missed in context). `counts` says what was removed.
 */
export function redactClassification<T extends ClassificationResult>(
  redactor: Redactor,
  result: T,
): { result: T; counts: RedactionCounts } {
  let counts: RedactionCounts = {};
  const clean = (raw: string): string => {
    const redaction = redactFreeText(redactor, raw);
    counts = addCounts(counts, redaction.counts);
    return redaction.text;
  };
  const checked: T = {
    ...result,
    summary: clean(result.summary),
    location: result.location === null ? null : clean(result.location),
    tags: result.tags.map(clean),
  };
  return { result: checked, counts };
}

/**
 * What a classifier hands back, checked before any of it is stored or logged: the result (above)
 * and the reason it was flagged (an error or a validation message may quote what the model wrote).
 */
export function redactClassifierOutput(
  redactor: Redactor,
  output: ClassifierOutput,
): { output: ClassifierOutput; counts: RedactionCounts } {
  const { result, counts } = redactClassification(redactor, output.result);
  return { output: { ...output, result, flaggedReason: redactedValue(redactor, output.flaggedReason) }, counts };
}
