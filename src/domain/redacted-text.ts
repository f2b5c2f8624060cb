/**
 * Text that has been through PHI redaction. Only the redactor creates it (via `asRedacted`),
 * and the classifier and store accept nothing else, so raw text cannot reach them by accident.
 */
declare const redactedBrand: unique symbol;
export type RedactedText = string & { readonly [redactedBrand]: true };

export const PHI_TYPES = ["NAME", "MRN", "DOB", "DATE", "AGE", "PHONE", "EMAIL", "NATIONAL_ID", "ADDRESS"] as const;
export type PhiType = (typeof PHI_TYPES)[number];
export type RedactionCounts = Partial<Record<PhiType, number>>;

/** Only for the redactor and for text read back from the store (which only ever held redacted text). */
export function asRedacted(text: string): RedactedText {
  return text as RedactedText;
}

export function totalRedactions(counts: RedactionCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
}
