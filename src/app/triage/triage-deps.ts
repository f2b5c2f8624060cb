/** What the triage use-cases need, and small shared helpers (outbox entries, actor names, audit). */
import type { AuditEvent } from "../../domain/audit";
import type { Catalogue } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import { pendingOutbox, type OutboxMessage } from "../../domain/outbox";
import type { Report } from "../../domain/report";
import type { ItsmKind } from "../../domain/ticket";
import type { TriageConfig } from "../../config/triage-config";
import type { ChannelName } from "../../ports/channel";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Redactor } from "../../ports/redactor";
import type { Store } from "../../ports/store";
import type { Sender } from "../intake/core-types";
import type { TriagerDirectory } from "./authorize-triager";

export interface TriageDeps {
  store: Store;
  config: TriageConfig;
  clock: Clock;
  logger: Logger;
  /** Notes, reasons and reclassify values a triager types go through it before they are stored or sent. */
  redactor: Redactor;
  /** System labels on cards; the system's own name is left out of text similarity. */
  catalogue?: Catalogue | null;
  /** Resolves Slack user-group membership; without it only listed user ids may triage in Slack. */
  directory?: TriagerDirectory | null;
  /** The hospital's time zone for times shown to triagers (DIGEST_TIMEZONE); UTC when absent. */
  timeZone?: string;
  /** Wakes the outbox dispatcher after messages were queued. */
  wakeOutbox?: () => void;
  /** The ITSM tool a ticket is queued in for each new incident (cluster head); absent: chat triage only. */
  itsm?: ItsmKind | null;
}

export interface OutboxTarget {
  channel: ChannelName;
  conversationKey?: string | null;
  destination?: string | null;
}

export function outboxEntry(
  key: string,
  now: Date,
  target: OutboxTarget,
  message: BotMessage,
  options: { replaceRef?: string | null; recordTriageRefOn?: string | null; updatesAfter?: string } = {},
): OutboxMessage {
  return pendingOutbox(
    {
      key,
      target: {
        channel: target.channel,
        conversationKey: target.conversationKey ?? null,
        destination: target.destination ?? null,
      },
      message,
      replaceRef: options.replaceRef ?? null,
      recordRefOn: options.recordTriageRefOn
        ? {
            reportId: options.recordTriageRefOn,
            field: "triageMessageRef",
            ...(options.updatesAfter ? { updatesAfter: options.updatesAfter } : {}),
          }
        : null,
    },
    now,
  );
}

/** How a triager appears in history and on cards: "Dana Lee (slack:U123)" or "slack:U123". */
export function actorOf(sender: Sender): string {
  const id = `${sender.channel}:${sender.userId}`;
  return sender.userName ? `${sender.userName} (${id})` : id;
}

/** The human part of an actor string ("Dana Lee (slack:U1)" → "Dana Lee"). */
export function actorName(actor: string): string {
  return actor.replace(/\s*\([^)]*\)\s*$/, "") || actor;
}

/** The fields an audit entry records before and after an action. */
export function auditSnapshot(report: Report): Record<string, unknown> {
  const c = report.classification;
  return {
    status: report.status,
    assignee: report.assignee,
    clusterId: report.clusterId,
    duplicateOf: report.duplicateOf,
    kind: c?.kind ?? null,
    system: c?.system ?? null,
    severity: c?.severity ?? null,
    patientSafety: c?.patientSafety ?? null,
    unit: c?.location ?? null,
    classificationSource: c?.source ?? null,
  };
}

export async function appendAudit(
  deps: TriageDeps,
  actor: string,
  action: string,
  before: Report | null,
  after: Report,
  note: string | null,
): Promise<void> {
  const event: AuditEvent = {
    id: `${after.id}@v${after.version}:${action}`,
    at: deps.clock.now(),
    reportId: after.id,
    actor,
    action,
    before: before ? auditSnapshot(before) : null,
    after: auditSnapshot(after),
    note,
  };
  await deps.store.audit.append(event);
}
