/**
 * A fake ServiceNow instance following the published Table API shapes: GET
 * /api/now/table/incident?sysparm_query=correlation_id=R-…, POST /api/now/table/incident (201,
 * { result: { sys_id, number, … } }), POST /oauth_token.do (client credentials), basic auth or a
 * bearer token. `setState` plays the business rule a hospital adds: it changes the incident and
 * posts its fields to the bot's webhook, signed.
 */
import { randomBytes } from "node:crypto";
import { FakeHttpTool, type ToolAnswer, type ToolRequest } from "./fake-http-tool";
import { postDelivery, signDelivery, type WebhookTarget } from "./itsm-webhook-sender";

export interface Incident {
  sys_id: string;
  number: string;
  state: string;
  short_description: string;
  description: string;
  category: string;
  urgency: string;
  impact: string;
  assignment_group: string;
  correlation_id: string;
  close_notes: string;
}

export type ServiceNowAuth =
  { type: "basic"; username: string; password: string } | { type: "oauth"; clientId: string; clientSecret: string };

const unauthorized: ToolAnswer = {
  status: 401,
  body: {
    error: { message: "User Not Authenticated", detail: "Required to provide Auth information" },
    status: "failure",
  },
};

export class FakeServiceNow extends FakeHttpTool {
  readonly incidents: Incident[] = [];
  webhook: WebhookTarget | null = null;
  /** Answers of the webhooks the business rule posted after a PATCH changed the state. */
  readonly ruleDeliveries: Promise<{ status: number; body: unknown }>[] = [];
  private readonly tokens = new Set<string>();

  constructor(readonly auth: ServiceNowAuth) {
    super((req) => this.route(req));
  }

  static async start(auth: ServiceNowAuth): Promise<FakeServiceNow> {
    return new FakeServiceNow(auth).start();
  }

  /** Waits for the webhooks the business rule posted, then stops. */
  override async close(): Promise<void> {
    await Promise.allSettled(this.ruleDeliveries);
    await super.close();
  }

  /** Drops every issued token (as after an instance restart): the next call with one gets 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Changes the incident's state (6 Resolved, 7 Closed, 2 In Progress…) and posts the webhook. */
  async setState(
    number: string,
    state: string,
    closeNotes = "",
    options: { deliveryId?: string } = {},
  ): Promise<{ status: number; body: unknown; delivery: ReturnType<typeof signDelivery> }> {
    const incident = this.incidents.find((i) => i.number === number);
    if (!incident) throw new Error(`no incident ${number}`);
    incident.state = state;
    if (closeNotes) incident.close_notes = closeNotes;
    return this.postWebhook(incident, options);
  }

  async postWebhook(incident: Partial<Incident>, options: { deliveryId?: string } = {}) {
    if (!this.webhook) throw new Error("no webhook configured");
    const delivery = signDelivery(this.webhook, incident, options);
    return { ...(await postDelivery(this.webhook.url, delivery)), delivery };
  }

  private authorized(req: ToolRequest): boolean {
    const header = req.authorization ?? "";
    if (this.auth.type === "oauth") return header.startsWith("Bearer ") && this.tokens.has(header.slice(7));
    const expected = Buffer.from(`${this.auth.username}:${this.auth.password}`).toString("base64");
    return header === `Basic ${expected}`;
  }

  private route(req: ToolRequest): ToolAnswer {
    const path = req.url.pathname;
    if (path === "/oauth_token.do" && req.method === "POST") {
      const form = req.body as Record<string, string>;
      if (
        this.auth.type !== "oauth" ||
        form.grant_type !== "client_credentials" ||
        form.client_id !== this.auth.clientId ||
        form.client_secret !== this.auth.clientSecret
      )
        return { status: 401, body: { error: "access_denied", error_description: "access_denied" } };
      const token = randomBytes(16).toString("hex");
      this.tokens.add(token);
      return {
        status: 200,
        body: { access_token: token, token_type: "Bearer", expires_in: 1799, scope: "useraccount" },
      };
    }
    const one = /^\/api\/now\/table\/incident\/([0-9a-f]+)$/.exec(path);
    if (one && req.method === "PATCH") {
      if (!this.authorized(req)) return unauthorized;
      const incident = this.incidents.find((i) => i.sys_id === one[1]);
      if (!incident) return { status: 404, body: { error: { message: "No Record found" }, status: "failure" } };
      const fields = req.body as Partial<Incident>;
      const changed = fields.state !== undefined && fields.state !== incident.state;
      Object.assign(incident, fields);
      // The hospital's business rule: a state change is posted to the bot (as for a change made by hand).
      if (changed && this.webhook) {
        const delivery = this.postWebhook({ ...incident });
        delivery.catch(() => undefined); // awaited by the test (or settled before close)
        this.ruleDeliveries.push(delivery);
      }
      return { status: 200, body: { result: incident } };
    }
    if (path !== "/api/now/table/incident") return { status: 400, body: { error: { message: "Invalid table" } } };
    if (!this.authorized(req)) return unauthorized;
    if (req.method === "GET") {
      const query = req.url.searchParams.get("sysparm_query") ?? "";
      const match = /^correlation_id=(.*)$/.exec(query);
      const found = this.incidents.filter((i) => match && i.correlation_id === match[1]);
      const limit = Number(req.url.searchParams.get("sysparm_limit") ?? "10000");
      return { status: 200, body: { result: found.slice(0, limit) } };
    }
    if (req.method === "POST") {
      const fields = req.body as Record<string, string>;
      if (!fields.short_description) return { status: 400, body: { error: { message: "short_description missing" } } };
      const incident: Incident = {
        sys_id: randomBytes(16).toString("hex"),
        number: `INC${String(10001 + this.incidents.length).padStart(7, "0")}`,
        state: "1",
        short_description: fields.short_description,
        description: fields.description ?? "",
        category: fields.category ?? "inquiry",
        urgency: fields.urgency ?? "3",
        impact: fields.impact ?? "3",
        assignment_group: fields.assignment_group ?? "",
        correlation_id: fields.correlation_id ?? "",
        close_notes: "",
      };
      this.incidents.push(incident);
      return { status: 201, body: { result: incident } };
    }
    return { status: 405, body: { error: { message: "Method not supported" } } };
  }
}
