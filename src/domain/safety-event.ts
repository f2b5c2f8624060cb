/**
 * Safety events in the hospital's terms (pure). For a report flagged patient safety the bot asks one
 * structured question — did it reach the patient, and was there harm — and stores the answer as the
 * AHRQ Common Formats event class (incident / near miss / unsafe condition) and, for medication
 * events, the NCC MERP category. Severity follows from it: harm, or a medication error that nearly
 * reached a patient, is critical.
 *
 * NCC MERP index: A circumstances that could cause error; B error did not reach the patient; C reached,
 * no harm; D reached, needed monitoring or intervention to preclude harm; E–I harm, from temporary (E)
 * to death (I). One chat question cannot grade harm: "harmed" is recorded as E ("at least E") and
 * the safety team grades it further in its incident system.
 */
import { z } from "zod";
import type { ClassificationSummary } from "./report-summary";
import { SEVERITY_RANK, type Severity } from "./taxonomy";

export const SAFETY_EVENT_CLASSES = ["incident", "near_miss", "unsafe_condition"] as const;
export const NCC_MERP_CATEGORIES = ["A", "B", "C", "D", "E", "F", "G", "H", "I"] as const;

/** The answers the question offers (button values), in the order shown. */
export const SAFETY_ANSWERS = [
  "near_miss",
  "reached_no_harm",
  "reached_monitoring",
  "harm",
  "unsafe_condition",
] as const;
export type SafetyAnswer = (typeof SAFETY_ANSWERS)[number];

export const SafetyEventSchema = z.object({
  eventClass: z.enum(SAFETY_EVENT_CLASSES),
  reachedPatient: z.boolean(),
  /** none: no harm; monitoring: reached and needed monitoring or intervention, no harm; harm: harmed. */
  harm: z.enum(["none", "monitoring", "harm"]),
  medication: z.boolean(),
  /** For medication events only. */
  nccMerp: z.enum(NCC_MERP_CATEGORIES).nullable(),
  answer: z.enum(SAFETY_ANSWERS),
  recordedAt: z.coerce.date(),
  /** Who said so: the reporter's ref, or the triager who set it. */
  recordedBy: z.string(),
});
export type SafetyEvent = z.infer<typeof SafetyEventSchema>;

export const SAFETY_QUESTION_TEXT = "Patient safety: did it reach a patient, and was anyone harmed?";

export const SAFETY_ANSWER_LABELS: Record<SafetyAnswer, string> = {
  near_miss: "Caught before it reached the patient",
  reached_no_harm: "Reached the patient, no harm",
  reached_monitoring: "Reached the patient, needed monitoring",
  harm: "The patient was harmed",
  unsafe_condition: "No patient involved: a risk",
};

export const EVENT_CLASS_LABELS: Record<SafetyEvent["eventClass"], string> = {
  incident: "Incident",
  near_miss: "Near miss",
  unsafe_condition: "Unsafe condition",
};

const MEDICATION_SYSTEMS = new Set(["bcma", "dispensing_cabinet", "infusion_pump", "pharmacy_system"]);
const MEDICATION_WORDS =
  /\b(?:dose|doses|dosing|overdose|medication|medications|meds?|med pass|MAR|insulin|heparin|morphine|opioid|drug|drugs|infusion|mg|mcg|pharmacy|prescription)\b/i;

/** A medication event: a medication system, or a summary or tag that speaks of doses and drugs. */
export function isMedicationEvent(c: Pick<ClassificationSummary, "system" | "summary" | "tags">): boolean {
  return (
    MEDICATION_SYSTEMS.has(c.system) || MEDICATION_WORDS.test(c.summary) || c.tags.some((t) => MEDICATION_WORDS.test(t))
  );
}

export function isSafetyAnswer(value: string): value is SafetyAnswer {
  return (SAFETY_ANSWERS as readonly string[]).includes(value);
}

/** The event the answer describes, for a report with this classification. */
export function safetyEventFrom(
  answer: SafetyAnswer,
  classification: Pick<ClassificationSummary, "system" | "summary" | "tags">,
  recordedBy: string,
  recordedAt: Date,
): SafetyEvent {
  const medication = isMedicationEvent(classification);
  const base = { medication, answer, recordedAt, recordedBy };
  const merp = (category: SafetyEvent["nccMerp"]) => (medication ? category : null);
  switch (answer) {
    case "near_miss":
      return { ...base, eventClass: "near_miss", reachedPatient: false, harm: "none", nccMerp: merp("B") };
    case "reached_no_harm":
      return { ...base, eventClass: "incident", reachedPatient: true, harm: "none", nccMerp: merp("C") };
    case "reached_monitoring":
      return { ...base, eventClass: "incident", reachedPatient: true, harm: "monitoring", nccMerp: merp("D") };
    case "harm":
      return { ...base, eventClass: "incident", reachedPatient: true, harm: "harm", nccMerp: merp("E") };
    case "unsafe_condition":
      return { ...base, eventClass: "unsafe_condition", reachedPatient: false, harm: "none", nccMerp: merp("A") };
  }
}

/**
 * The severity the event calls for: harm → critical; a medication near miss → critical (a 10× heparin
 * programming caught at the bedside); reached without harm, or a near miss → at least high; an unsafe
 * condition keeps the classifier's severity (a Pyxis log-out stays what IT rated it).
 */
export function severityForSafetyEvent(event: SafetyEvent, current: Severity): Severity {
  const atLeast = (s: Severity): Severity => (SEVERITY_RANK[current] >= SEVERITY_RANK[s] ? current : s);
  if (event.harm === "harm") return "critical";
  if (event.eventClass === "near_miss" && event.medication) return "critical";
  if (event.eventClass === "incident" || event.eventClass === "near_miss") return atLeast("high");
  return current;
}

/** Ordering weight of harm for the digest's safety list (higher first): harm, monitoring, reached, near miss, condition. */
export function safetyHarmRank(event: SafetyEvent | null | undefined): number {
  if (!event) return 0;
  if (event.harm === "harm") return 5;
  if (event.harm === "monitoring") return 4;
  if (event.reachedPatient) return 3;
  if (event.eventClass === "near_miss") return 2;
  return 1;
}

/** "Near miss, NCC MERP B" / "Incident, reached the patient, harm" — how a person reads it. */
export function describeSafetyEvent(event: SafetyEvent): string {
  const parts: string[] = [EVENT_CLASS_LABELS[event.eventClass]];
  if (event.eventClass === "incident")
    parts.push(
      event.harm === "harm" ? "patient harmed" : event.harm === "monitoring" ? "needed monitoring" : "no harm",
    );
  if (event.nccMerp) parts.push(`NCC MERP ${event.nccMerp}${event.nccMerp === "E" ? " or worse" : ""}`);
  return parts.join(", ");
}
