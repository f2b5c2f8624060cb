/** The report taxonomy (docs/taxonomy.md) as const arrays that feed zod enums. */
import { z } from "zod";

export const KINDS = [
  "disruption",
  "usability",
  "data_quality",
  "access",
  "training_need",
  "terminology",
  "privacy_security",
  "workflow_gap",
  "other",
] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** Default system ids; a hospital catalogue may add more, so stored system ids are plain strings. */
export const DEFAULT_SYSTEM_IDS = [
  "ehr",
  "bcma",
  "dispensing_cabinet",
  "infusion_pump",
  "patient_monitoring",
  "imaging_pacs",
  "lab_system",
  "pharmacy_system",
  "communication",
  "printer",
  "workstation",
  "network",
  "identity_access",
  "telehealth",
  "office_apps",
  "other",
] as const;

export const MISSING_FIELDS = ["system", "location", "impact"] as const;
export const MissingFieldSchema = z.enum(MISSING_FIELDS);
export type MissingField = z.infer<typeof MissingFieldSchema>;
/** What a follow-up question asks: a missing field, or (for patient-safety reports) the safety event. */
export const QuestionFieldSchema = z.enum([...MISSING_FIELDS, "safety"]);
export type QuestionField = z.infer<typeof QuestionFieldSchema>;

export const KIND_LABELS: Record<Kind, string> = {
  disruption: "Disruption",
  usability: "Usability",
  data_quality: "Data quality",
  access: "Access",
  training_need: "Training need",
  terminology: "Terminology",
  privacy_security: "Privacy / security",
  workflow_gap: "Workflow gap",
  other: "Other",
};

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, high: 2, medium: 1, low: 0 };
