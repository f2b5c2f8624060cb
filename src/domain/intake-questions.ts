/** Which short follow-up questions to ask, and how an answer changes the classification. Pure. */
import type { Catalogue } from "./catalogue";
import type { Classification } from "./classification";
import type { Question } from "./report";
import { SAFETY_ANSWER_LABELS, SAFETY_ANSWERS, SAFETY_QUESTION_TEXT } from "./safety-event";
import { SEVERITY_RANK, type QuestionField } from "./taxonomy";

export const SKIP = "__skip__";

const COMMON_SYSTEMS = ["ehr", "bcma", "printer", "workstation", "network", "identity_access", "communication"];

export function questionFor(field: QuestionField, catalogue: Catalogue): Question {
  switch (field) {
    case "safety":
      return {
        field,
        text: SAFETY_QUESTION_TEXT,
        choices: [
          ...SAFETY_ANSWERS.map((value) => ({ value, label: SAFETY_ANSWER_LABELS[value] })),
          { value: SKIP, label: "Skip" },
        ],
      };
    case "system": {
      const choices = COMMON_SYSTEMS.filter((id) => catalogue.systems.some((s) => s.id === id)).map((id) => ({
        value: id,
        label: catalogue.systems.find((s) => s.id === id)?.label ?? id,
      }));
      return {
        field,
        text: "Which system is it?",
        choices: [...choices, { value: "other", label: "Something else" }, { value: SKIP, label: "Skip" }],
      };
    }
    case "location":
      return {
        field,
        text: 'Which unit or place? Type it (e.g. "4 West"), or skip.',
        choices: [{ value: SKIP, label: "Skip" }],
      };
    case "impact":
      return {
        field,
        text: "Is it affecting patient care right now?",
        choices: [
          { value: "patients_now", label: "Yes, patients affected" },
          { value: "slowed", label: "Slowing us down" },
          { value: "minor", label: "Minor annoyance" },
          { value: SKIP, label: "Skip" },
        ],
      };
  }
}

/**
 * At most `max` questions, in a useful order: for a patient-safety report first the one safety
 * question (reached the patient? harm?), which also answers "impact"; then what the classification
 * says is missing.
 */
export function questionsFor(classification: Classification, catalogue: Catalogue, max: number): Question[] {
  if (!classification.isReport) return [];
  const order: QuestionField[] = classification.patientSafety
    ? ["safety", "system", "location"]
    : ["system", "location", "impact"];
  return order
    .filter((field) => field === "safety" || classification.missing.includes(field))
    .slice(0, max)
    .map((field) => questionFor(field, catalogue));
}

/** The classification after an answer; the safety answer is applied with the event (answer-question.ts). */
export function applyAnswer(
  classification: Classification,
  field: QuestionField,
  value: string,
  catalogue: Catalogue,
): Classification {
  if (field === "safety") return { ...classification, missing: classification.missing.filter((m) => m !== "impact") };
  const missing = classification.missing.filter((m) => m !== field);
  if (value === SKIP) return { ...classification, missing };
  switch (field) {
    case "system": {
      const system = catalogue.systems.some((s) => s.id === value) ? value : "other";
      return { ...classification, system, missing };
    }
    case "location": {
      const location = value.trim().slice(0, 80);
      return { ...classification, location: location || classification.location, missing };
    }
    case "impact": {
      const raise = (to: Classification["severity"]) =>
        SEVERITY_RANK[classification.severity] >= SEVERITY_RANK[to] ? classification.severity : to;
      if (value === "patients_now") return { ...classification, severity: raise("high"), patientSafety: true, missing };
      if (value === "slowed") return { ...classification, severity: raise("medium"), missing };
      return { ...classification, missing };
    }
  }
}
