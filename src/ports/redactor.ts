import type { RedactedText, RedactionCounts } from "../domain/redacted-text";

export interface Redaction {
  text: RedactedText;
  counts: RedactionCounts;
}

export interface Redactor {
  redact(raw: string): Redaction;
}
