import { systemLabel } from "../../domain/catalogue";
import type { BotMessage } from "../../domain/message";
import type { Report } from "../../domain/report";
import { STATUS_LABELS, isOpen } from "../../domain/status";
import type { CoreResponse, Sender } from "./core-types";
import type { IntakeDeps } from "./intake-deps";
import { refsOf } from "./reporter-identity";

/**
 * "my reports" where others read along must not show one person's reports (anonymous ones
 * included) to the room. Slack can show a message to one person only (ephemeral); Teams and web
 * chat rooms cannot, so there the person is told to ask in their own chat with the bot.
 */
export async function myReportsResponse(deps: IntakeDeps, sender: Sender): Promise<CoreResponse> {
  const shared = !!sender.room || deps.triage?.isTriageRoom?.(sender) === true;
  if (sender.channel === "slack" && shared)
    return { replies: [{ message: await listMyReports(deps, sender), ephemeral: true }] };
  if (shared || (sender.channel === "teams" && !sender.direct)) return { replies: [{ message: ASK_IN_PRIVATE }] };
  return { replies: [{ message: await listMyReports(deps, sender) }] };
}

const ASK_IN_PRIVATE: BotMessage = {
  text: "“my reports” lists your own reports, so I only answer it in your own chat with me, not where others can read along.",
  note: "Open a 1:1 chat with the bot and type “my reports” there.",
};

/** "my reports": the reporter's open reports and those closed in the last 30 days, named or anonymous. */
export async function listMyReports(deps: IntakeDeps, sender: Sender): Promise<BotMessage> {
  const since = new Date(deps.clock.now().getTime() - 30 * 24 * 3600_000);
  const lists = await Promise.all(
    refsOf(deps.anonymousSalt, sender).map((ref) =>
      deps.store.reports.find({ reporterRef: ref, sort: "createdDesc", limit: 50 }),
    ),
  );
  const mine = lists
    .flat()
    .filter((r) => isOpen(r.status) || r.updatedAt >= since)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, 15);
  if (mine.length === 0) return { title: "My reports", text: "You have no open or recent reports." };
  return {
    title: "My reports",
    text: `${mine.filter((r) => isOpen(r.status)).length} open, ${mine.filter((r) => !isOpen(r.status)).length} recently closed.`,
    facts: mine.map((r) => ({ label: r.id, value: line(deps, r) })),
  };
}

function line(deps: IntakeDeps, report: Report): string {
  const c = report.classification;
  const what = c ? `${systemLabel(deps.catalogue, c.system)}: ${c.summary}` : report.text.slice(0, 80);
  const merged = report.clusterId && report.clusterId !== report.id ? ` (with ${report.clusterId})` : "";
  return `${STATUS_LABELS[report.status]}${merged} — ${what}${report.reporter.anonymous ? " · anonymous" : ""}`;
}
