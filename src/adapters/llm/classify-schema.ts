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
/** Bounds on every reply, so a small model cannot repeat text until its context is full. */
export const REPLY_BOUNDS = { summaryChars: 240, locationChars: 80, tagChars: 40, tags: MAX_TAGS } as const;

function systemsOf(catalogue: Catalogue): [string, ...string[]] {
  const ids = systemIds(catalogue);
  return (ids.includes("other") ? ids : [...ids, "other"]) as [string, ...string[]];
}

/**
 * The reply schema. `lengths: false` leaves maxLength out of the schema sent to the server (OpenAI
 * and Azure strict mode reject it); the validator always checks lengths.
 */
export function buildClassifyReplySchema(catalogue: Catalogue, options: { lengths?: boolean } = {}) {
  const lengths = options.lengths ?? true;
  const text = (max: number) => (lengths ? z.string().max(max) : z.string());
  return z
    .object({
      isReport: z.boolean(),
      summary: text(REPLY_BOUNDS.summaryChars),
      kind: KindSchema,
      system: z.enum(systemsOf(catalogue)),
      severity: SeveritySchema,
      patientSafety: z.boolean(),
      location: text(REPLY_BOUNDS.locationChars).nullable(),
      tags: z.array(text(REPLY_BOUNDS.tagChars)).max(REPLY_BOUNDS.tags),
      missing: z.array(MissingFieldSchema).max(MissingFieldSchema.options.length),
    })
    .strict();
}

/**
 * The reply's shape in words, for servers without JSON-schema output (JSON mode or a plain prompt):
 * appended to the system prompt only in those modes, so the schema-mode prompt stays as short.
 */
export function describeReplyShape(): string {
  const b = REPLY_BOUNDS;
  return [
    "Reply with only one JSON object and nothing else, with exactly these keys:",
    `{"isReport": true|false, "summary": "<= ${b.summaryChars} characters", "kind": "${KindSchema.options.join("|")}",`,
    ` "system": one id from the system list or "other", "severity": "${SeveritySchema.options.join("|")}", "patientSafety": true|false,`,
    ` "location": "<= ${b.locationChars} characters" or null, "tags": [at most ${b.tags} strings of <= ${b.tagChars} characters],`,
    ` "missing": [any of "${MissingFieldSchema.options.join('", "')}"]}`,
  ].join("\n");
}

export type ClassifyReply = z.infer<ReturnType<typeof buildClassifyReplySchema>>;

/**
 * `response_format` for chat completions: a strict JSON schema (all fields required, no extras),
 * with maxItems and, unless `lengths` is false, maxLength.
 */
export function buildResponseFormat(catalogue: Catalogue, options: { lengths?: boolean } = {}) {
  const jsonSchema = z.toJSONSchema(buildClassifyReplySchema(catalogue, options), {
    target: "draft-2020-12",
  }) as Record<string, unknown>;
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
