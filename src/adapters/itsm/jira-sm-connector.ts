/**
 * Jira Service Management: a customer request per report cluster (POST /rest/servicedeskapi/request
 * in the configured service desk and request type), labelled `cfb-R-1042` with the head report's id;
 * before creating, that label is searched (GET /rest/api/3/search/jql) so a retry finds the request
 * already made. Basic auth with an Atlassian account e-mail and API token.
 * Webhook: Jira's issue payload ({ issue: { id, key, fields: { status, labels, resolution } } }); the
 * status name, then the resolution, then the status category (done → resolved, in progress →
 * acknowledged) give the report status.
 */
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { REPORT_ID_PATTERN } from "../../domain/report";
import type { Status } from "../../domain/status";
import type { ItsmConnector, ParsedWebhook, TicketHandle, TicketRequest } from "../../ports/itsm";
import { baseUrl, callJson, type FetchLike } from "./itsm-http";
import { mapState, type StatusMap } from "./status-map";

export interface JiraSmOptions {
  baseUrl: string;
  email: string;
  apiToken: string;
  serviceDeskId: string;
  requestTypeId: string;
  statusMap: StatusMap;
  timeoutMs: number;
  fetch?: FetchLike;
}

export const CORRELATION_LABEL_PREFIX = "cfb-";

export function correlationLabel(reportId: string): string {
  return `${CORRELATION_LABEL_PREFIX}${reportId}`;
}

/** Status names and resolutions of Jira Service Management's default workflows, then status categories. */
export const JIRA_DEFAULT_STATES: StatusMap = {
  canceled: "wont_fix",
  cancelled: "wont_fix",
  declined: "wont_fix",
  "won't do": "wont_fix",
  "category:done": "resolved",
  "category:indeterminate": "acknowledged",
  "category:new": null,
};

const CANCEL_NAME = /cancel|declin|won.?t/i;
const StatusSchema = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).optional() });
const IssueStatusSchema = z.object({ fields: z.object({ status: StatusSchema }) });
const TransitionsSchema = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: StatusSchema })),
});

/** Where a report status takes the request: a status category, and whether it is a cancellation. */
function jiraTarget(status: Status): { category: string; cancel: boolean } | null {
  if (status === "acknowledged" || status === "in_progress") return { category: "indeterminate", cancel: false };
  if (status === "resolved") return { category: "done", cancel: false };
  if (status === "wont_fix" || status === "duplicate" || status === "withdrawn")
    return { category: "done", cancel: true };
  return null;
}

const matches = (s: z.infer<typeof StatusSchema>, target: { category: string; cancel: boolean }) =>
  s.statusCategory?.key === target.category &&
  (target.category !== "done" || CANCEL_NAME.test(s.name) === target.cancel);

const SearchSchema = z.object({ issues: z.array(z.object({ id: z.string().min(1), key: z.string().min(1) })) });
const CreatedSchema = z.object({
  issueId: z.string().min(1),
  issueKey: z.string().min(1),
  _links: z.object({ agent: z.string().optional(), web: z.string().optional() }).partial().optional(),
});

const short = (max: number) => z.string().max(max);
export const JiraWebhookSchema = z.object({
  webhookEvent: short(100).optional(),
  issue: z.object({
    id: z.union([short(40), z.number()]).transform(String),
    key: short(40).min(1),
    fields: z.object({
      labels: z.array(short(255)).max(100).default([]),
      status: z.object({
        name: short(100),
        statusCategory: z.object({ key: short(40) }).optional(),
      }),
      resolution: z.object({ name: short(100) }).nullish(),
    }),
  }),
});

export function createJiraSmConnector(options: JiraSmOptions): ItsmConnector {
  const base = baseUrl(options.baseUrl);
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString("base64")}`;
  const browse = (key: string) => `${base}/browse/${encodeURIComponent(key)}`;
  const call = async (what: string, path: string, method: "GET" | "POST" | "PATCH", json?: unknown) =>
    (
      await callJson({
        what,
        url: `${base}${path}`,
        method,
        headers: { Authorization: authorization },
        json,
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      })
    ).body;

  return {
    kind: "jira",
    async findByCorrelationId(correlationId): Promise<TicketHandle | null> {
      const query = new URLSearchParams({
        jql: `labels = "${correlationLabel(correlationId)}"`,
        fields: "status",
        maxResults: "1",
      });
      const body = await call("Jira request search", `/rest/api/3/search/jql?${query}`, "GET");
      const parsed = SearchSchema.safeParse(body);
      if (!parsed.success) throw new AppError("ITSM_REJECTED", "Jira request search: unexpected answer");
      const first = parsed.data.issues[0];
      return first ? { kind: "jira", id: first.id, number: first.key, url: browse(first.key) } : null;
    },
    async createTicket(request: TicketRequest): Promise<TicketHandle> {
      const facts = [
        request.patientSafety ? "PATIENT SAFETY" : null,
        `Severity: ${request.severity}`,
        request.assignmentGroup ? `Team: ${request.assignmentGroup}` : null,
        request.category ? `Category: ${request.category}` : null,
      ].filter((f): f is string => f !== null);
      const body = await call("Jira request create", "/rest/servicedeskapi/request", "POST", {
        serviceDeskId: options.serviceDeskId,
        requestTypeId: options.requestTypeId,
        requestFieldValues: {
          summary: request.summary,
          description: `${request.description}\n\n${facts.join(" · ")}`,
          labels: [correlationLabel(request.correlationId)],
        },
      });
      const parsed = CreatedSchema.safeParse(body);
      if (!parsed.success) throw new AppError("ITSM_REJECTED", "Jira request create: unexpected answer");
      const { issueId, issueKey } = parsed.data;
      return { kind: "jira", id: issueId, number: issueKey, url: parsed.data._links?.agent ?? browse(issueKey) };
    },
    /** Moves the request through the workflow: the first transition into the wanted status category. */
    async updateStatus(ticket, status) {
      const target = jiraTarget(status);
      if (!target) return;
      const key = encodeURIComponent(ticket.number);
      const issue = IssueStatusSchema.safeParse(
        await call("Jira issue read", `/rest/api/3/issue/${key}?fields=status`, "GET"),
      );
      if (issue.success && matches(issue.data.fields.status, target)) return;
      const list = TransitionsSchema.safeParse(
        await call("Jira transitions", `/rest/api/3/issue/${key}/transitions`, "GET"),
      );
      if (!list.success) throw new AppError("ITSM_REJECTED", "Jira transitions: unexpected answer");
      const transition =
        list.data.transitions.find((t) => matches(t.to, target)) ??
        (target.cancel ? list.data.transitions.find((t) => matches(t.to, { ...target, cancel: false })) : undefined);
      if (!transition) return;
      await call("Jira transition", `/rest/api/3/issue/${key}/transitions`, "POST", {
        transition: { id: transition.id },
      });
    },
    parseWebhook(raw): ParsedWebhook {
      const parsed = JiraWebhookSchema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
      const { issue } = parsed.data;
      const label = issue.fields.labels.find((l) => l.startsWith(CORRELATION_LABEL_PREFIX));
      const reportId = label?.slice(CORRELATION_LABEL_PREFIX.length) ?? null;
      const status = issue.fields.status;
      const resolution = issue.fields.resolution?.name ?? null;
      const category = status.statusCategory ? `category:${status.statusCategory.key}` : null;
      return {
        ok: true,
        event: {
          ticketId: issue.id,
          number: issue.key,
          correlationId: reportId && REPORT_ID_PATTERN.test(reportId) ? reportId : null,
          state: status.name,
          status: mapState([status.name, resolution, category], options.statusMap, JIRA_DEFAULT_STATES) ?? null,
          note: resolution && !/^done$/i.test(resolution) ? `${resolution} (${issue.key})` : null,
        },
      };
    },
  };
}
