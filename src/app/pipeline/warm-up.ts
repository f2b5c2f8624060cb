/**
 * Start-up warm-up of the text path (redaction, offline classification, the check of what a
 * classifier wrote back). V8 compiles a regular expression the first time it runs, and again the
 * first time it meets a two-byte string (any character above U+00FF: "…", "ł", an emoji), and the
 * redactor and classifier hold many large ones: unwarmed, the first such message of a process spent
 * ~100 ms compiling them while every other request waited. These synthetic texts (one-byte and
 * two-byte, with digits, an "@", dates and a long token, so every rule runs) make that happen
 * before the server listens.
 */
import type { Classifier } from "../../ports/classifier";
import type { Redactor } from "../../ports/redactor";
import { redactClassifierOutput, redactFreeText } from "./redact-free-text";

const SAMPLES: readonly string[] = [
  "Epic EHR is down on 4 West, cannot chart meds since 07:10. MRN 1234567, DOB 02/14/1987, call 555-123-4567 or j.doe@example.org",
  "Epic EHR is down on 4 West – cannot chart meds since 07:10 … MRN 1234567, DOB 02/14/1987, call 555-123-4567 or j.doe@example.org",
  "Łukasz Müller (Zimmer 12) says the BCMA scanner fails: «erreur» — straße 5, ul. Długa 3 ✅ 😀",
  `Cerner is slow in the ED ${"a".repeat(300)}`,
  `Cerner is slow in the ED ${"ä".repeat(300)} …`,
];

/** Runs each sample through the text path once; returns how long it took (ms). */
export async function warmUpTextPath(redactor: Redactor, classifier: Classifier): Promise<number> {
  const started = performance.now();
  for (const sample of SAMPLES) {
    const redacted = redactFreeText(redactor, sample);
    redactClassifierOutput(redactor, await classifier.classify(redacted.text));
  }
  return performance.now() - started;
}
