/**
 * The shape the LLM must reply with, built from the taxonomy and the catalogue's system ids.
 * One zod schema serves twice: as the strict JSON schema sent in `response_format`, and as the
 * validator of the reply (so an out-of-catalogue system is rejected even if a server ignores
 * the schema).
 */
import { z } from "zod";
import type { Catalogue } from "../../domain/catalogue";
import { systemIds } from "../../domain/catalogue";
import { KindSchema, MissingFieldSchema, SeveritySchema } from "../../domain/taxonomy";

export const MAX_TAGS = 5;

export function buildClassifyReplySchema(catalogue: Catalogue) {
  const ids = systemIds(catalogue);
  const systems = ids.includes("other") ? ids : [...ids, "other"];
  return z
    .object({
      isReport: z.boolean(),
      summary: z.string(),
      kind: KindSchema,
      system: z.enum(systems as [string, ...string[]]),
      severity: SeveritySchema,
      patientSafety: z.boolean(),
      location: z.string().nullable(),
      tags: z.array(z.string()),
      missing: z.array(MissingFieldSchema),
    })
    .strict();
}

export type ClassifyReply = z.infer<ReturnType<typeof buildClassifyReplySchema>>;

/** `response_format` for chat completions: a strict JSON schema (all fields required, no extras). */
export function buildResponseFormat(catalogue: Catalogue) {
  const jsonSchema = z.toJSONSchema(buildClassifyReplySchema(catalogue), { target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  delete jsonSchema.$schema;
  return {
    type: "json_schema" as const,
    json_schema: { name: "classification", strict: true, schema: jsonSchema },
  };
}

/** Plain-words list of what is wrong with a reply, sent back to the model for its one repair. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${where}: ${issue.message}`;
  });
}
