/** Assign and reclassify: one compare-and-swap each, audited; a manual classification is marked "manual". */
import { AppError } from "../../domain/errors";
import type { Report } from "../../domain/report";
import { KIND_LABELS } from "../../domain/taxonomy";
import { queueAlerts } from "../pipeline/route-report";
import { refused, type TriageOutcome, type TriageRequest } from "./triage-action-types";
import { appendAudit, type TriageDeps } from "./triage-deps";
import { updateReport } from "../pipeline/update-report";
import { loopEventOf, notifyReporters, toldText } from "../pipeline/notify-reporters";

async function casOrRefuse(
  deps: TriageDeps,
  id: string,
  mutate: (current: Report) => Report | null,
): Promise<{ before: Report; after: Report } | TriageOutcome> {
  const seen: { before: Report | null } = { before: null };
  try {
    const after = await updateReport(deps.store.reports, id, (current) => {
      const next = mutate(current);
      if (next) seen.before = current;
      return next;
    });
    if (!after || !seen.before) return refused(`${id} did not change.`);
    return { before: seen.before, after };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return refused(`I can't find ${id}.`);
    throw err;
  }
}

export async function assignReport(deps: TriageDeps, actor: string, request: TriageRequest): Promise<TriageOutcome> {
  const assignee = request.assignee?.trim();
  if (!assignee)
    return refused(`Whom should ${request.reportId} go to? Type: assign ${request.reportId} me (or @name)`);
  const now = deps.clock.now();
  const result = await casOrRefuse(deps, request.reportId, (current) =>
    current.assignee === assignee
      ? null
      : {
          ...current,
          assignee,
          updatedAt: now,
          history: [
            ...current.history,
            { at: now, actor, action: "assigned", from: current.assignee, to: assignee, note: null },
          ],
        },
  );
  if ("ok" in result) return result;
  await appendAudit(deps, actor, "assigned", result.before, result.after, null);
  // Assigning a report nobody has acknowledged yet is IT's first word on it: the reporter hears it
  // (without the assignee's name); later re-assignments are IT's business.
  const firstTouch = result.before.acknowledgedAt === null && result.before.assignee === null;
  const notified = firstTouch
    ? await notifyReporters(deps, [result.after], loopEventOf(result.after, "assigned", null, null))
    : 0;
  const told = toldText(notified);
  return {
    ok: true,
    message: { text: `${result.after.id} is assigned to ${assignee}.${told}`, tone: "good" },
    refresh: [result.after.id],
    eventKey: `assign@${result.after.id}v${result.after.version}`,
  };
}

export async function reclassifyReport(
  deps: TriageDeps,
  actor: string,
  request: TriageRequest,
): Promise<TriageOutcome> {
  const changes = request.changes ?? {};
  if (Object.keys(changes).length === 0)
    return refused(
      `What should change? Type: reclassify ${request.reportId} kind=<kind> system=<system> severity=<critical|high|medium|low> unit=<unit> safety=<yes|no>`,
    );
  if (changes.system && deps.catalogue && !deps.catalogue.systems.some((s) => s.id === changes.system))
    return refused(
      `"${changes.system}" is not a known system (${deps.catalogue.systems.map((s) => s.id).join(", ")}).`,
    );
  const now = deps.clock.now();
  const result = await casOrRefuse(deps, request.reportId, (current) => {
    if (!current.classification) return null;
    const c = current.classification;
    const next = {
      ...c,
      kind: changes.kind ?? c.kind,
      system: changes.system ?? c.system,
      severity: changes.severity ?? c.severity,
      location: changes.unit !== undefined ? changes.unit : c.location,
      patientSafety: changes.patientSafety ?? c.patientSafety,
      source: "manual" as const,
      classifiedAt: now,
    };
    const what = Object.entries(changes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(" ");
    return {
      ...current,
      classification: next,
      needsReview: false,
      updatedAt: now,
      history: [
        ...current.history,
        { at: now, actor, action: "reclassified", from: c.kind, to: next.kind, note: what },
      ],
    };
  });
  if ("ok" in result) return result;
  await appendAudit(deps, actor, "reclassified", result.before, result.after, null);
  await queueAlerts(deps, result.after, result.after.clusterId ?? result.after.id);
  const c = result.after.classification;
  return {
    ok: true,
    message: {
      text: `${result.after.id} reclassified (manual): ${c ? `${KIND_LABELS[c.kind]}, ${c.system}, ${c.severity}` : "unchanged"}.`,
      tone: "good",
    },
    refresh: [result.after.id, result.after.clusterId ?? result.after.id],
    eventKey: `reclassify@${result.after.id}v${result.after.version}`,
  };
}
