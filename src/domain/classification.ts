import { z } from "zod";
import { KindSchema, MissingFieldSchema, SeveritySchema } from "./taxonomy";

export const CLASSIFICATION_SOURCES = ["llm", "offline", "manual"] as const;
export const ClassificationSourceSchema = z.enum(CLASSIFICATION_SOURCES);
export type ClassificationSource = z.infer<typeof ClassificationSourceSchema>;

/** What a classifier decides about one message (before the source is attached). */
export const ClassificationResultSchema = z.object({
  isReport: z.boolean(),
  kind: KindSchema,
  system: z.string().min(1),
  severity: SeveritySchema,
  patientSafety: z.boolean(),
  location: z.string().nullable(),
  summary: z.string(),
  tags: z.array(z.string()),
  missing: z.array(MissingFieldSchema),
});
export type ClassificationResult = z.infer<typeof ClassificationResultSchema>;

/** What a classifier answered before the safety floor (domain/safety-floor.ts) raised it. */
export const RaisedFromSchema = z.object({
  severity: SeveritySchema,
  patientSafety: z.boolean(),
  /** The safety-floor cues that raised it. */
  cues: z.array(z.string()),
});
export type RaisedFrom = z.infer<typeof RaisedFromSchema>;

export const ClassificationSchema = ClassificationResultSchema.extend({
  source: ClassificationSourceSchema,
  /** The classifier's own severity and flag when the safety floor raised them (both answers kept). */
  raisedFrom: RaisedFromSchema.nullable().optional(),
  promptVersion: z.string().nullable(),
  model: z.string().nullable(),
  classifiedAt: z.coerce.date(),
});
export type Classification = z.infer<typeof ClassificationSchema>;
