import { z } from "zod";

/** One audited action: who did what to which report, when, with the state before and after. */
export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.coerce.date(),
  reportId: z.string(),
  actor: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
