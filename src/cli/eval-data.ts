/**
 * The labelled evaluation file: JSON Lines in the format of test/fixtures/sample-reports.jsonl.
 * Every line is validated; all bad lines are reported at once with their line numbers.
 */
import { z } from "zod";
import { AppError } from "../domain/errors";
import { KindSchema, SeveritySchema } from "../domain/taxonomy";

export const GoldSchema = z
  .object({
    isReport: z.boolean(),
    kind: KindSchema.nullable(),
    severity: SeveritySchema.nullable(),
    patientSafety: z.boolean().nullable(),
    system: z.string().min(1).nullable(),
    location: z.string().min(1).nullable(),
  })
  .superRefine((gold, ctx) => {
    if (!gold.isReport) return;
    for (const field of ["kind", "severity", "patientSafety", "system"] as const)
      if (gold[field] === null)
        ctx.addIssue({ code: "custom", path: [field], message: "is required when isReport is true" });
  });
export type Gold = z.infer<typeof GoldSchema>;

export const LabelledSampleSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  channel: z.string().optional(),
  role: z.string().optional(),
  gold: GoldSchema,
  /** PHI strings the redactor must remove. */
  phi: z.array(z.string().min(1)).default([]),
  /** Look-alikes that must survive redaction (drug, scale and staff names, serials, error codes). */
  notPhi: z.array(z.string().min(1)).default([]),
  /** What makes the sample hard (for people reading failures). */
  tricky: z.string().optional(),
});
export type LabelledSample = z.infer<typeof LabelledSampleSchema>;

export function parseLabelledJsonl(content: string, source = "input"): LabelledSample[] {
  const samples: LabelledSample[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${source} line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      problems.push(`${where}: not valid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = LabelledSampleSchema.safeParse(json);
    if (parsed.success && seen.has(parsed.data.id)) problems.push(`${where}: duplicate id "${parsed.data.id}"`);
    else if (parsed.success) {
      seen.add(parsed.data.id);
      samples.push(parsed.data);
    } else
      problems.push(
        `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(line)"} ${i.message}`).join("; ")}`,
      );
  });
  if (problems.length > 0)
    throw new AppError("BAD_REQUEST", `${problems.length} bad line(s) in ${source}:\n- ${problems.join("\n- ")}`);
  if (samples.length === 0) throw new AppError("BAD_REQUEST", `${source} holds no samples`);
  return samples;
}
