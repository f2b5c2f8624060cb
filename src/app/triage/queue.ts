/**
 * "list …": the triage queue worth reading. One line per incident (cluster heads), patient-safety
 * items first, then by severity, then oldest first; human labels; filters with hints; pages of 25.
 */
import { systemLabel, type Catalogue } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import { reportUnit, type Report } from "../../domain/report";
import { OPEN_STATUSES, STATUS_LABELS, STATUSES } from "../../domain/status";
import { KIND_LABELS, KINDS, SEVERITIES, SEVERITY_RANK, type Severity } from "../../domain/taxonomy";
import type { ReportQuery } from "../../ports/report-store";
import type { Sender } from "../intake/core-types";
import type { TriageDeps } from "./triage-deps";
import type { QueueQuery } from "./queue-query-parse";

export const QUEUE_PAGE_SIZE = 25;
/** How many reports one listing looks at (newest first for "all"; every open one for "open"). */
const SCAN_LIMIT = 5_000;

const lower = (s: string): string => s.trim().toLowerCase();

/** Patient safety first, then severity, then the oldest first. */
export function queueOrder(a: Report, b: Report): number {
  const safety = Number(!!b.classification?.patientSafety) - Number(!!a.classification?.patientSafety);
  if (safety !== 0) return safety;
  const rank = (r: Report): number => (r.classification ? SEVERITY_RANK[r.classification.severity] : -1);
  const severity = rank(b) - rank(a);
  return severity !== 0 ? severity : a.createdAt.getTime() - b.createdAt.getTime();
}

export async function listQueue(deps: TriageDeps, sender: Sender, q: QueueQuery): Promise<BotMessage> {
  if (q.problem) return { text: q.problem, tone: "warning" };
  const built = storeQuery(deps.catalogue ?? null, q);
  if (typeof built === "string") return { text: built, tone: "warning" };
  const unit = q.filters.unit ? lower(q.filters.unit) : null;
  const me = [sender.userName, sender.userId].filter((v): v is string => !!v).map(lower);
  const found = (await deps.store.reports.find(built)).filter(
    (r) =>
      (!unit || lower(reportUnit(r) ?? "") === unit) &&
      (!q.mine || me.includes(lower(r.assignee ?? ""))) &&
      (!q.unacked || r.status === "new"),
  );
  // One line per incident: cluster heads (and reports whose head fell outside the filter).
  const ids = new Set(found.map((r) => r.id));
  const heads = found.filter((r) => (r.clusterId ?? r.id) === r.id || !ids.has(r.clusterId ?? r.id)).sort(queueOrder);
  const sizes = new Map<string, number>();
  for (const r of found) sizes.set(r.clusterId ?? r.id, (sizes.get(r.clusterId ?? r.id) ?? 0) + 1);
  const pages = Math.max(1, Math.ceil(heads.length / QUEUE_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const shown = heads.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE);
  const lines = shown.map((r) => queueLine(deps.catalogue ?? null, r, sizes.get(r.id) ?? 1));
  return {
    title: `${q.scope === "open" ? "Open reports" : "Reports"}${describe(q)}: ${heads.length}`,
    text: lines.length > 0 ? lines.join("\n") : "Nothing matches.",
    note:
      pages > 1
        ? `Page ${page} of ${pages} — safety first, then severity, oldest first. ${page < pages ? `Next: "list ${q.scope}${describe(q, true)} page ${page + 1}". ` : ""}Details: show R-xxxx`
        : "Safety first, then severity, oldest first. Details: show R-xxxx",
  };
}

/** The store query, or a hint naming the value that cannot be read. */
function storeQuery(catalogue: Catalogue | null, q: QueueQuery): ReportQuery | string {
  const f = q.filters;
  const query: ReportQuery = { sort: "createdDesc", limit: SCAN_LIMIT, classified: true };
  if (q.scope === "open") query.statusIn = OPEN_STATUSES;
  if (f.status) {
    const status = STATUSES.find(
      (s) => s === lower(f.status ?? "") || lower(STATUS_LABELS[s]) === lower(f.status ?? ""),
    );
    if (!status) return `Unknown status "${f.status}". Use one of: ${STATUSES.join(", ")}.`;
    query.statusIn = [status];
  }
  if (f.system) {
    const wanted = lower(f.system);
    const system = catalogue?.systems.find((s) => lower(s.id) === wanted || lower(s.label) === wanted);
    if (catalogue && !system)
      return `Unknown system "${f.system}". Use one of: ${catalogue.systems.map((s) => s.id).join(", ")}.`;
    query.system = system?.id ?? f.system;
  }
  if (f.kind) {
    const wanted = lower(f.kind).replace(/[\s/]+/g, "_");
    const kind = KINDS.find((k) => k === wanted || lower(KIND_LABELS[k]).replace(/[\s/]+/g, "_") === wanted);
    if (!kind) return `Unknown kind "${f.kind}". Use one of: ${KINDS.join(", ")}.`;
    query.kind = kind;
  }
  if (f.severity) {
    const severity = SEVERITIES.find((s) => s === lower(f.severity ?? ""));
    if (!severity) return `Unknown severity "${f.severity}". Use one of: ${SEVERITIES.join(", ")}.`;
    query.severityIn = [severity];
  }
  return query;
}

function describe(q: QueueQuery, asCommand = false): string {
  const parts = Object.entries(q.filters).map(([k, v]) => (/\s/.test(v) ? `${k}:"${v}"` : `${k}:${v}`));
  if (q.mine) parts.push("mine");
  if (q.unacked) parts.push("unacked");
  if (parts.length === 0) return "";
  return asCommand ? ` ${parts.join(" ")}` : ` (${parts.join(" ")})`;
}

const SEVERITY_LABEL: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

function queueLine(catalogue: Catalogue | null, r: Report, clusterSize: number): string {
  const c = r.classification;
  const system = c ? (catalogue ? systemLabel(catalogue, c.system) : c.system) : "?";
  const kind = c ? KIND_LABELS[c.kind] : "?";
  const parts = [
    `${c?.patientSafety ? "🚨 " : ""}${r.id}`,
    c ? SEVERITY_LABEL[c.severity] : "?",
    STATUS_LABELS[r.status],
    system,
    kind,
    reportUnit(r) ?? "no unit",
  ];
  if (clusterSize > 1) parts.push(`${clusterSize} reports`);
  if ((r.clusterId ?? r.id) !== r.id) parts.push(`in ${r.clusterId}`);
  if (r.assignee) parts.push(`→ ${r.assignee}`);
  return `${parts.join(" · ")} — ${c?.summary ?? ""}`;
}
