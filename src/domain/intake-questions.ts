/** Which short follow-up questions to ask, and how an answer changes the classification. Pure. */
import type { Catalogue } from "./catalogue";
import type { Classification } from "./classification";
import type { Question } from "./report";
import { SEVERITY_RANK, type MissingField } from "./taxonomy";

export const SKIP = "__skip__";

const COMMON_SYSTEMS = ["ehr", "bcma", "printer", "workstation", "network", "identity_access", "communication"];

export function questionFor(field: MissingField, catalogue: Catalogue): Question {
  switch (field) {
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

/** At most `max` questions, only for what the classification says is missing, in a useful order. */
export function questionsFor(classification: Classification, catalogue: Catalogue, max: number): Question[] {
  if (!classification.isReport) return [];
  const order: MissingField[] = ["system", "location", "impact"];
  return order
    .filter((field) => classification.missing.includes(field))
    .slice(0, max)
    .map((field) => questionFor(field, catalogue));
}

export function applyAnswer(
  classification: Classification,
  field: MissingField,
  value: string,
  catalogue: Catalogue,
): Classification {
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
