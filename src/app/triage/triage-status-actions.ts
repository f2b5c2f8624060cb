/**
 * Status actions (acknowledge, in progress, resolve, won't fix, reopen): one compare-and-swap
 * guarded by the expected status, then the same for every open member when done on a cluster head,
 * an audit entry per changed report, and one note to every reporter of the cluster.
 */
import { AppError } from "../../domain/errors";
import type { Report } from "../../domain/report";
import { STATUS_LABELS, type Status } from "../../domain/status";
import { TRIAGE_RULES, checkTransition, memberFollows, type TriageVerb } from "../../domain/triage-rules";
import { loopEventOf, notifyReporters, toldText } from "../pipeline/notify-reporters";
import { refused, type TriageOutcome, type TriageRequest } from "./triage-action-types";
import { actorName, appendAudit, type TriageDeps } from "./triage-deps";
import { updateReport } from "../pipeline/update-report";
import { countText } from "../../domain/count-text";

function withStatus(
  current: Report,
  verb: TriageVerb,
  actor: string,
  note: string | null,
  now: Date,
  via: string | null,
): Report {
  const rule = TRIAGE_RULES[verb];
  const to = rule.to ?? current.status;
  const closing = to === "resolved" || to === "wont_fix";
  return {
    ...current,
    status: to,
    updatedAt: now,
    acknowledgedAt: current.acknowledgedAt ?? (to === "acknowledged" || to === "in_progress" || closing ? now : null),
    resolvedAt: closing ? now : verb === "reopen" ? null : current.resolvedAt,
    history: [
      ...current.history,
      {
        at: now,
        actor,
        action: rule.historyAction,
        from: current.status,
        to,
        note: via ? `[with ${via}] ${note ?? ""}`.trim() : note,
      },
    ],
  };
}

/** "R-1042 is already Resolved (by Dana Lee)". */
export function alreadyText(report: Report, verb: TriageVerb): string {
  const last = [...report.history].reverse().find((h) => h.to === report.status);
  const by = last && last.actor !== report.reporter.ref ? ` by ${actorName(last.actor)}` : "";
  if (verb === "reopen") return `${report.id} is still open (${STATUS_LABELS[report.status]}); nothing to reopen.`;
  const what = TRIAGE_RULES[verb].to === report.status ? "already" : "now";
  return `${report.id} is ${what} ${STATUS_LABELS[report.status]}${by}; nothing changed.`;
}

async function moveMembers(
  deps: TriageDeps,
  head: Report,
  headFrom: Status,
  verb: TriageVerb,
  actor: string,
  note: string | null,
): Promise<{ changed: Report[]; waiting: Report[] }> {
  const changed: Report[] = [];
  const waiting: Report[] = [];
  const members = (await deps.store.reports.find({ clusterId: head.id })).filter((m) => m.id !== head.id);
  const now = deps.clock.now();
  for (const member of members) {
    if (!memberFollows(verb, headFrom, member.status)) {
      if (member.status === "duplicate") waiting.push(member);
      continue;
    }
    const seen: { before: Report | null } = { before: null };
    const after = await updateReport(deps.store.reports, member.id, (current) => {
      if (current.clusterId !== head.id || !memberFollows(verb, headFrom, current.status)) return null;
      seen.before = current;
      return withStatus(current, verb, actor, note, now, head.id);
    });
    if (after && seen.before) {
      await appendAudit(deps, actor, TRIAGE_RULES[verb].historyAction, seen.before, after, note);
      changed.push(after);
    }
  }
  return { changed, waiting };
}

export async function changeStatus(deps: TriageDeps, actor: string, request: TriageRequest): Promise<TriageOutcome> {
  const { verb, note } = request;
  const rule = TRIAGE_RULES[verb];
  const now = deps.clock.now();
  const seen: { before: Report | null; blocked: Report | null } = { before: null, blocked: null };
  let after: Report | null;
  try {
    after = await updateReport(deps.store.reports, request.reportId, (current) => {
      if (!checkTransition(verb, current.status).ok) {
        seen.blocked = current;
        return null;
      }
      seen.before = current;
      return withStatus(current, verb, actor, note, now, null);
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return refused(`I can't find ${request.reportId}.`);
    throw err;
  }
  const from = seen.before;
  if (!after || !from) return refused(alreadyText(seen.blocked ?? (await mustGet(deps, request.reportId)), verb));
  await appendAudit(deps, actor, rule.historyAction, from, after, note);

  const isHead = (after.clusterId ?? after.id) === after.id;
  const { changed, waiting } =
    isHead && rule.appliesToCluster
      ? await moveMembers(deps, after, from.status, verb, actor, note)
      : { changed: [], waiting: [] };
  let notified = 0;
  // "In progress" on a report nobody had acknowledged is IT's first word on it: the reporter hears it.
  const firstTouch = verb === "progress" && from.acknowledgedAt === null;
  if (rule.notifiesReporters || firstTouch) {
    const head = isHead ? after : await deps.store.reports.get(after.clusterId ?? after.id);
    notified = await notifyReporters(
      deps,
      [after, ...changed, ...waiting],
      loopEventOf(after, rule.historyAction, note, head ?? after),
    );
  }
  const members = changed.length > 0 ? ` and ${countText(changed.length, "clustered report")}` : "";
  const told = toldText(notified);
  return {
    ok: true,
    message: {
      // "Reopened", not just the status it went back to ("R-1: Acknowledged." read as if nothing was reopened).
      text: `${after.id}${members}: ${verb === "reopen" ? `reopened (now ${STATUS_LABELS[after.status]})` : STATUS_LABELS[after.status]}.${told}`,
      tone: "good",
    },
    refresh: [after.id, ...(isHead ? [] : [after.clusterId ?? after.id])],
    eventKey: `${verb}@${after.id}v${after.version}`,
  };
}

async function mustGet(deps: TriageDeps, id: string): Promise<Report> {
  const report = await deps.store.reports.get(id);
  if (!report) throw new AppError("NOT_FOUND", `Report ${id} not found`);
  return report;
}
