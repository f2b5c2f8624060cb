/**
 * Cluster actions. "Duplicate of": the report (and any reports clustered under it) moves into the
 * other report's cluster; the report itself becomes "duplicate" and its reporter hears they will be
 * told when the other is resolved. "Split": a wrongly merged report leaves its cluster and gets
 * its own triage card.
 */
import { AppError } from "../../domain/errors";
import type { Report } from "../../domain/report";
import { CLOSED_STATUSES, STATUS_LABELS } from "../../domain/status";
import { checkTransition } from "../../domain/triage-rules";
import { notifyReporters } from "../pipeline/notify-reporters";
import { queueTicket } from "../itsm/queue-ticket";
import { chooseDestination, queueCard, routedDestination, routedEntry } from "../pipeline/route-report";
import { refused, type TriageOutcome, type TriageRequest } from "./triage-action-types";
import { appendAudit, type TriageDeps } from "./triage-deps";
import { updateReport } from "../pipeline/update-report";

const headOf = (r: Report): string => r.clusterId ?? r.id;

export async function markDuplicate(deps: TriageDeps, actor: string, request: TriageRequest): Promise<TriageOutcome> {
  const id = request.reportId;
  const targetId = request.duplicateOf;
  if (!targetId) return refused(`Duplicate of which report? Type: dup ${id} of R-xxxx`);
  if (targetId === id) return refused(`${id} cannot be a duplicate of itself.`);
  const [report, target] = await Promise.all([deps.store.reports.get(id), deps.store.reports.get(targetId)]);
  if (!report) return refused(`I can't find ${id}.`);
  if (!target) return refused(`I can't find ${targetId}.`);
  const newHead = headOf(target);
  if (newHead === id) return refused(`${targetId} is clustered under ${id}; split it out first (split ${targetId}).`);
  const headNow = newHead === target.id ? target : await deps.store.reports.get(newHead);
  if (headNow && CLOSED_STATUSES.includes(headNow.status))
    return refused(
      `${newHead} is already closed (${STATUS_LABELS[headNow.status]}), so ${id}'s reporter would never hear back. ` +
        `Reopen it first (reopen ${newHead}), or close ${id} on its own (resolve ${id} ‹note›).`,
    );
  const now = deps.clock.now();
  const seen: { before: Report | null; blocked: Report | null } = { before: null, blocked: null };
  const after = await updateReport(deps.store.reports, id, (current) => {
    if (!checkTransition("duplicate", current.status).ok) {
      seen.blocked = current;
      return null;
    }
    seen.before = current;
    return {
      ...current,
      status: "duplicate",
      duplicateOf: targetId,
      clusterId: newHead,
      updatedAt: now,
      history: [
        ...current.history,
        { at: now, actor, action: "duplicate", from: current.status, to: "duplicate", note: `of ${targetId}` },
      ],
    };
  });
  if (!after || !seen.before) {
    const current = seen.blocked ?? report;
    return refused(`${id} is ${STATUS_LABELS[current.status]}; reopen it first to mark it a duplicate.`);
  }
  await appendAudit(deps, actor, "duplicate", seen.before, after, `of ${targetId}`);
  // Reports that were clustered under this one follow it into the other cluster.
  const followers = (await deps.store.reports.find({ clusterId: id })).filter((r) => r.id !== id);
  for (const follower of followers) {
    const seenMember: { before: Report | null } = { before: null };
    const moved = await updateReport(deps.store.reports, follower.id, (current) => {
      if (current.clusterId !== id) return null;
      seenMember.before = current;
      return {
        ...current,
        clusterId: newHead,
        updatedAt: now,
        history: [...current.history, { at: now, actor, action: "merged", from: id, to: newHead, note: null }],
      };
    });
    if (moved && seenMember.before)
      await appendAudit(deps, actor, "merged", seenMember.before, moved, `with ${id} into ${newHead}`);
  }
  const head = (await deps.store.reports.get(newHead)) ?? target;
  await notifyReporters(deps, [after], {
    action: "duplicate",
    note: null,
    headId: head.id,
    headStatus: head.status,
    sourceId: after.id,
    eventIndex: after.history.length - 1,
  });
  return {
    ok: true,
    message: { text: `${id} marked duplicate of ${targetId}; it is now part of ${head.id}'s cluster.`, tone: "good" },
    refresh: [id, head.id],
    eventKey: `dup@${id}v${after.version}`,
  };
}

export async function splitReport(deps: TriageDeps, actor: string, request: TriageRequest): Promise<TriageOutcome> {
  const id = request.reportId;
  const now = deps.clock.now();
  const seen: { before: Report | null; reason: string | null } = { before: null, reason: null };
  let after: Report | null;
  try {
    after = await updateReport(deps.store.reports, id, (current) => {
      if (headOf(current) === current.id) {
        seen.reason = `${id} is not part of another report's cluster; nothing to split.`;
        return null;
      }
      seen.before = current;
      const destination = routedDestination(current) ?? chooseDestination(deps.config, current);
      const needsCard = routedDestination(current) === null;
      return {
        ...current,
        clusterId: current.id,
        duplicateOf: null,
        status: current.status === "duplicate" ? "acknowledged" : current.status,
        updatedAt: now,
        history: [
          ...current.history,
          { at: now, actor, action: "split", from: headOf(current), to: current.id, note: null },
          ...(needsCard ? [routedEntry(destination, now, "split out")] : []),
        ],
      };
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return refused(`I can't find ${id}.`);
    throw err;
  }
  if (!after || !seen.before) return refused(seen.reason ?? `${id} did not change.`);
  const oldHead = headOf(seen.before);
  await appendAudit(deps, actor, "split", seen.before, after, `out of ${oldHead}`);
  await queueCard(deps, after, `split@v${after.version}`);
  // Its own incident now: its own ticket (the outbox key is per report, so a later split cannot make a second).
  await queueTicket(deps, after);
  return {
    ok: true,
    message: { text: `${id} split out of ${oldHead}; it has its own triage card now.`, tone: "good" },
    refresh: [oldHead],
    eventKey: `split@${id}v${after.version}`,
  };
}
