/**
 * Closing the loop: every reporter of the affected reports hears once per event, in the channel and
 * conversation they reported from. Anonymous reporters are reached only through that conversation
 * key, never by identity. One message per reporter and event (keyed by the head's history index and
 * the reporter ref), even when one person filed two reports in the same cluster.
 */
import { countText } from "../../domain/count-text";
import type { Report } from "../../domain/report";
import type { Status } from "../../domain/status";
import { reporterUpdate } from "../triage/triage-cards";
import { outboxEntry, type TriageDeps } from "../triage/triage-deps";

export interface LoopEvent {
  /** History verb: acknowledged, resolved, wont_fix, reopened, duplicate. */
  action: string;
  note: string | null;
  /** The cluster head (or the report itself) the event happened on, after the change. */
  headId: string;
  headStatus: Status;
  /** The report the triager acted on, and the index of the event's entry in its history: unique per event. */
  sourceId: string;
  eventIndex: number;
}

/** The event of the newest history entry of `after` (the report acted on), told as of its cluster head. */
export function loopEventOf(after: Report, action: string, note: string | null, head: Report | null): LoopEvent {
  return {
    action,
    note,
    headId: head?.id ?? after.clusterId ?? after.id,
    headStatus: head?.status ?? after.status,
    sourceId: after.id,
    eventIndex: after.history.length - 1,
  };
}

/** " 2 reporters will be told." for the triager's answer, or nothing. */
export function toldText(notified: number): string {
  return notified > 0 ? ` ${countText(notified, "reporter")} will be told.` : "";
}

/** Queues the notes; returns how many were newly queued. */
export async function notifyReporters(deps: TriageDeps, reports: readonly Report[], event: LoopEvent): Promise<number> {
  const byRecipient = new Map<string, { sample: Report; ids: string[] }>();
  for (const report of reports) {
    if (report.channel === "cli" || !report.conversationKey) {
      deps.logger.info({ reportId: report.id }, "reporter cannot be reached (no conversation); not notified");
      continue;
    }
    const recipient = `${report.reporter.ref}|${report.channel}|${report.conversationKey}`;
    const entry = byRecipient.get(recipient);
    if (entry) entry.ids.push(report.id);
    else byRecipient.set(recipient, { sample: report, ids: [report.id] });
  }
  let queued = 0;
  const now = deps.clock.now();
  for (const { sample, ids } of byRecipient.values()) {
    if (sample.channel === "cli") continue;
    const key = `notify:${event.sourceId}:${event.action}:${event.eventIndex}:${sample.reporter.ref}:${sample.conversationKey}`;
    const message = reporterUpdate(ids.sort(), event.headId, event.action, event.note, event.headStatus);
    const target = { channel: sample.channel, conversationKey: sample.conversationKey, destination: null };
    if (await deps.store.outbox.enqueue(outboxEntry(key, now, target, message))) queued += 1;
  }
  return queued;
}
