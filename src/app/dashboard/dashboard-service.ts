/**
 * The CMIO dashboard's use-case: resolve the week range, read the facts of those weeks in one
 * narrow store query, compute the figures (domain/dashboard), and read the reports the list shows
 * (redacted text, status and history; people are not named).
 */
import type { Catalogue } from "../../domain/catalogue";
import { canonicalUnit, labelOfSystem } from "../../domain/digest-stats";
import { computeDashboard } from "../../domain/dashboard/compute-dashboard";
import { DEFAULT_WEEKS, MAX_WEEKS, splitQuery, type DashboardQuery } from "../../domain/dashboard/dashboard-query";
import type { DashboardView, ReportHistoryStep, ReportItem } from "../../domain/dashboard/dashboard-view";
import { AppError } from "../../domain/errors";
import {
  digestWindowForWeek,
  nextWindow,
  trailingWindows,
  windowContaining,
  type DigestWindow,
} from "../../domain/iso-week";
import type { Report } from "../../domain/report";
import { STATUS_LABELS } from "../../domain/status";
import type { Clock } from "../../ports/clock";
import type { ReportStore } from "../../ports/report-store";

/** Reports the list shows at most (the newest of those matching). */
export const LIST_LIMIT = 100;

export interface DashboardDeps {
  reports: ReportStore;
  catalogue: Catalogue;
  /** DIGEST_TIMEZONE: the zone ISO weeks are read in. */
  timeZone: string;
  clock: Clock;
}

/** The windows from `from` to `to` (inclusive), oldest first; BAD_REQUEST when reversed or too long. */
export function weekRange(query: Pick<DashboardQuery, "from" | "to">, now: Date, timeZone: string): DigestWindow[] {
  const last = query.to ? digestWindowForWeek(query.to, timeZone) : windowContaining(now, timeZone);
  if (!query.from) return trailingWindows(last, DEFAULT_WEEKS);
  const windows = [digestWindowForWeek(query.from, timeZone)];
  if (windows[0]!.from.getTime() > last.from.getTime())
    throw new AppError("BAD_REQUEST", `the range starts (${query.from}) after it ends (${last.period})`);
  while (windows[windows.length - 1]!.period !== last.period) {
    if (windows.length >= MAX_WEEKS)
      throw new AppError("BAD_REQUEST", `the range is longer than ${MAX_WEEKS} weeks; choose fewer`);
    windows.push(nextWindow(windows[windows.length - 1]!));
  }
  return windows;
}

function historyOf(report: Report): ReportHistoryStep[] {
  return report.history.map((h) => ({
    at: h.at.toISOString(),
    by:
      h.actor === report.reporter.ref
        ? "reporter"
        : /^(classifier|triage|retention|system)\b/.test(h.actor)
          ? "system"
          : "IT",
    action: h.action,
    from: h.from,
    to: h.to,
    note: h.note,
  }));
}

function itemOf(catalogue: Catalogue, report: Report, windows: readonly DigestWindow[]): ReportItem {
  const c = report.classification;
  return {
    id: report.id,
    createdAt: report.createdAt.toISOString(),
    week: (windows.find((w) => report.createdAt >= w.from && report.createdAt < w.to) ?? windows[0]!).period,
    unit: canonicalUnit(catalogue, c?.location ?? null),
    system: c?.system ?? null,
    systemLabel: c ? labelOfSystem(catalogue, c.system) : null,
    kind: c?.kind ?? null,
    severity: c?.severity ?? null,
    patientSafety: c?.patientSafety ?? false,
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    text: report.text,
    history: historyOf(report),
  };
}

export async function loadDashboard(deps: DashboardDeps, query: DashboardQuery): Promise<DashboardView> {
  const windows = weekRange(query, deps.clock.now(), deps.timeZone);
  const first = windows[0]!;
  const last = windows[windows.length - 1]!;
  const facts = await deps.reports.findFacts({ createdFrom: first.from, createdTo: last.to, sort: "createdAsc" });
  const { filters, drill } = splitQuery(query);
  const { listIds, ...figures } = computeDashboard({ catalogue: deps.catalogue, windows, facts, filters, drill });
  const shownIds = listIds.slice(0, LIST_LIMIT);
  const reports = await Promise.all(shownIds.map((id) => deps.reports.get(id)));
  const items = reports.filter((r): r is Report => r !== null).map((r) => itemOf(deps.catalogue, r, windows));
  return { ...figures, reports: { matching: listIds.length, shown: items.length, items } };
}
