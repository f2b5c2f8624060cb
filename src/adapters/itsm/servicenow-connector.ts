/**
 * ServiceNow Table API: an incident per report cluster. Before creating, the incident carrying the
 * correlation id (the head report's id) is looked up, so a retry after a timeout or a crash finds
 * the one already made. Basic auth, or OAuth client credentials (POST /oauth_token.do; the token is
 * kept until shortly before it expires and fetched again once when refused).
 * Webhook: the incident's fields as the Table API names them (sys_id, number, state, correlation_id,
 * close_notes), posted by a business rule; state 2/3 → acknowledged, 6/7 → resolved, 8 → won't fix.
 */
import { z } from "zod";
import { AppError } from "../../domain/errors";
import type { Status } from "../../domain/status";
import { urgencyImpact } from "../../domain/ticket";
import type { Clock } from "../../ports/clock";
import type { ItsmConnector, ParsedWebhook, TicketHandle, TicketRequest } from "../../ports/itsm";
import type { ServiceNowAuth } from "../../config/itsm-env";
import { baseUrl, callJson, type FetchLike } from "./itsm-http";
import { mapState, type StatusMap } from "./status-map";

export interface ServiceNowOptions {
  instanceUrl: string;
  auth: ServiceNowAuth;
  statusMap: StatusMap;
  timeoutMs: number;
  clock: Clock;
  fetch?: FetchLike;
}

/** Incident states (number and label) of a default instance. */
export const SERVICENOW_DEFAULT_STATES: StatusMap = {
  "1": null,
  new: null,
  "2": "acknowledged",
  "in progress": "acknowledged",
  "3": "acknowledged",
  "on hold": "acknowledged",
  "6": "resolved",
  resolved: "resolved",
  "7": "resolved",
  closed: "resolved",
  "8": "wont_fix",
  canceled: "wont_fix",
  cancelled: "wont_fix",
};

/** The incident fields a report status sets (chat as the master); new sets nothing. */
export function serviceNowFields(status: Status, note: string | null): Record<string, string> | null {
  switch (status) {
    case "acknowledged":
    case "in_progress":
      return { state: "2" };
    case "resolved":
      return { state: "6", close_code: "Solution provided", close_notes: note ?? "Resolved in chat triage" };
    case "wont_fix":
    case "duplicate":
    case "withdrawn":
      return { state: "8", close_notes: note ?? `Closed in chat triage (${status.replace("_", " ")})` };
    default:
      return null;
  }
}

const IncidentSchema = z.object({ sys_id: z.string().min(1), number: z.string().min(1) });
const ListSchema = z.object({ result: z.array(IncidentSchema) });
const OneSchema = z.object({ result: IncidentSchema });
const TokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

const short = (max: number) => z.string().max(max);
export const ServiceNowWebhookSchema = z.object({
  sys_id: short(64).min(1),
  number: short(40).min(1),
  state: z.union([short(40), z.number()]).transform(String),
  correlation_id: short(100).nullish(),
  close_notes: short(4000).nullish(),
  close_code: short(200).nullish(),
});

export function createServiceNowConnector(options: ServiceNowOptions): ItsmConnector {
  const base = baseUrl(options.instanceUrl);
  let token: { value: string; until: number } | null = null;

  async function bearer(): Promise<string> {
    const auth = options.auth;
    if (auth.type !== "oauth") throw new AppError("INTERNAL", "not OAuth");
    const now = options.clock.now().getTime();
    if (token && token.until > now) return token.value;
    const answer = await callJson({
      what: "ServiceNow OAuth token",
      url: `${base}/oauth_token.do`,
      method: "POST",
      headers: {},
      form: { grant_type: "client_credentials", client_id: auth.clientId, client_secret: auth.clientSecret },
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
    });
    const parsed = TokenSchema.safeParse(answer.body);
    if (!parsed.success)
      throw new AppError("ITSM_UNAVAILABLE", "ServiceNow OAuth token: no access_token in the answer");
    const lifetime = (parsed.data.expires_in ?? 1800) * 1000;
    token = { value: parsed.data.access_token, until: now + Math.max(0, lifetime - 60_000) };
    return token.value;
  }

  async function authorization(): Promise<string> {
    const auth = options.auth;
    if (auth.type === "oauth") return `Bearer ${await bearer()}`;
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  }

  /** A call with our credentials; with OAuth a refused token is dropped and fetched again once. */
  async function call(what: string, path: string, method: "GET" | "POST" | "PATCH", json?: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await callJson({
          what,
          url: `${base}${path}`,
          method,
          headers: { Authorization: await authorization() },
          json,
          timeoutMs: options.timeoutMs,
          fetch: options.fetch,
        });
        return answer.body;
      } catch (err) {
        const refused = err instanceof AppError && /credentials refused/.test(err.message);
        if (!refused || options.auth.type !== "oauth" || attempt > 0) throw err;
        token = null;
      }
    }
  }

  const handle = (incident: z.infer<typeof IncidentSchema>): TicketHandle => ({
    kind: "servicenow",
    id: incident.sys_id,
    number: incident.number,
    url: `${base}/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${incident.sys_id}`)}`,
  });

  return {
    kind: "servicenow",
    async findByCorrelationId(correlationId) {
      const query = new URLSearchParams({
        sysparm_query: `correlation_id=${correlationId}`,
        sysparm_fields: "sys_id,number,state",
        sysparm_limit: "1",
      });
      const body = await call("ServiceNow incident search", `/api/now/table/incident?${query}`, "GET");
      const parsed = ListSchema.safeParse(body);
      if (!parsed.success) throw new AppError("ITSM_REJECTED", "ServiceNow incident search: unexpected answer");
      const first = parsed.data.result[0];
      return first ? handle(first) : null;
    },
    async createTicket(request: TicketRequest) {
      const { urgency, impact } = urgencyImpact(request.severity);
      const body = await call("ServiceNow incident create", "/api/now/table/incident", "POST", {
        short_description: request.summary,
        description: request.description,
        ...(request.category ? { category: request.category } : {}),
        urgency: String(urgency),
        impact: String(impact),
        ...(request.assignmentGroup ? { assignment_group: request.assignmentGroup } : {}),
        correlation_id: request.correlationId,
        correlation_display: "clinician-feedback-bot",
        contact_type: "chat",
      });
      const parsed = OneSchema.safeParse(body);
      if (!parsed.success) throw new AppError("ITSM_REJECTED", "ServiceNow incident create: unexpected answer");
      return handle(parsed.data.result);
    },
    async updateStatus(ticket, status, note) {
      const fields = serviceNowFields(status, note);
      if (!fields) return;
      await call(
        "ServiceNow incident update",
        `/api/now/table/incident/${encodeURIComponent(ticket.id)}`,
        "PATCH",
        fields,
      );
    },
    parseWebhook(raw): ParsedWebhook {
      const parsed = ServiceNowWebhookSchema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
      const incident = parsed.data;
      return {
        ok: true,
        event: {
          ticketId: incident.sys_id,
          number: incident.number,
          correlationId: incident.correlation_id ?? null,
          state: incident.state,
          status: mapState([incident.state], options.statusMap, SERVICENOW_DEFAULT_STATES) ?? null,
          note: incident.close_notes?.trim() || null,
        },
      };
    },
  };
}
