/**
 * Read-back validation shared by both stores: every document read from storage goes through its
 * zod schema. A document that fails is logged with its id and skipped (null), never thrown, so
 * one bad row cannot take the bot down.
 */
import type { z } from "zod";
import { AuditEventSchema, type AuditEvent } from "../../domain/audit";
import { OutboxMessageSchema, type OutboxMessage } from "../../domain/outbox";
import { ReportSchema, type Report } from "../../domain/report";
import { quickReportFact, ReportFactSchema, type ReportFact } from "../../domain/report-fact";
import { ReportClusterViewSchema, type ReportClusterView } from "../../domain/report-cluster-view";
import { ReportSummarySchema, type ReportSummary } from "../../domain/report-summary";
import type { Logger } from "../../ports/logger";

function readBack<S extends z.ZodType>(
  schema: S,
  what: string,
  id: string,
  raw: unknown,
  logger: Logger,
): z.infer<S> | null {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  logger.error(
    {
      event: "store.document_invalid",
      collection: what,
      id,
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    },
    `Skipping invalid ${what} document ${id}`,
  );
  return null;
}

export function readReport(raw: unknown, id: string, logger: Logger): Report | null {
  return readBack(ReportSchema, "report", id, raw, logger);
}

/** The digest's projection of a report: only the fields it returns are validated (they are all it uses). */
export function readReportSummary(raw: unknown, id: string, logger: Logger): ReportSummary | null {
  return readBack(ReportSummarySchema, "report", id, raw, logger);
}

/** Clustering's projection of a report (see report-cluster-view.ts). */
export function readReportClusterView(raw: unknown, id: string, logger: Logger): ReportClusterView | null {
  return readBack(ReportClusterViewSchema, "report", id, raw, logger);
}

/** The dashboard's projection of a report (see report-fact.ts). */
export function readReportFact(raw: Record<string, unknown>, id: string, logger: Logger): ReportFact | null {
  return quickReportFact(raw) ?? readBack(ReportFactSchema, "report", id, raw, logger);
}

export function readAuditEvent(raw: unknown, id: string, logger: Logger): AuditEvent | null {
  return readBack(AuditEventSchema, "audit_event", id, raw, logger);
}

export function readOutboxMessage(raw: unknown, id: string, logger: Logger): OutboxMessage | null {
  return readBack(OutboxMessageSchema, "outbox", id, raw, logger);
}

/** Parses stored JSON text; malformed text reads as undefined, which the schema then rejects (and logs). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
