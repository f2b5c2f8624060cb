/**
 * A fake Jira Service Management site following the published REST shapes: POST
 * /rest/servicedeskapi/request ({ serviceDeskId, requestTypeId, requestFieldValues } → 201 with
 * issueId, issueKey, _links), GET /rest/api/3/search/jql?jql=labels = "…" ({ issues: [{ id, key }] }),
 * basic auth with e-mail and API token. `transition` moves a request to a status and posts Jira's
 * issue-updated payload to the bot's webhook, signed.
 */
import { FakeHttpTool, type ToolAnswer, type ToolRequest } from "./fake-http-tool";
import { postDelivery, signDelivery, type WebhookTarget } from "./itsm-webhook-sender";

export interface JiraRequest {
  id: string;
  key: string;
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  labels: string[];
  status: { name: string; category: "new" | "indeterminate" | "done" };
  resolution: string | null;
}

export class FakeJiraSm extends FakeHttpTool {
  readonly requests: JiraRequest[] = [];
  webhook: WebhookTarget | null = null;
  /** Answers of the webhooks posted after a transition made through the API. */
  readonly apiDeliveries: Promise<{ status: number; body: unknown }>[] = [];
  /** The fake's workflow: from any status to any other of these. */
  readonly workflow = [
    { id: "11", name: "Waiting for support", category: "new" as const },
    { id: "21", name: "In Progress", category: "indeterminate" as const },
    { id: "31", name: "Resolved", category: "done" as const },
    { id: "41", name: "Canceled", category: "done" as const },
  ];

  constructor(
    readonly email: string,
    readonly apiToken: string,
    readonly projectKey = "SD",
  ) {
    super((req) => this.route(req));
  }

  static async start(email: string, apiToken: string): Promise<FakeJiraSm> {
    return new FakeJiraSm(email, apiToken).start();
  }

  /** Waits for the webhooks posted after API transitions, then stops. */
  override async close(): Promise<void> {
    await Promise.allSettled(this.apiDeliveries);
    await super.close();
  }

  payload(request: JiraRequest): unknown {
    return {
      timestamp: Date.now(),
      webhookEvent: "jira:issue_updated",
      issue_event_type_name: "issue_generic",
      issue: {
        id: request.id,
        key: request.key,
        self: `${this.url}/rest/api/2/issue/${request.id}`,
        fields: {
          summary: request.summary,
          labels: request.labels,
          status: { name: request.status.name, statusCategory: { key: request.status.category } },
          resolution: request.resolution ? { name: request.resolution } : null,
        },
      },
    };
  }

  async transition(
    key: string,
    name: string,
    category: JiraRequest["status"]["category"],
    resolution: string | null = null,
    options: { deliveryId?: string } = {},
  ) {
    const request = this.requests.find((r) => r.key === key);
    if (!request) throw new Error(`no request ${key}`);
    request.status = { name, category };
    request.resolution = resolution;
    if (!this.webhook) throw new Error("no webhook configured");
    const delivery = signDelivery(this.webhook, this.payload(request), options);
    return { ...(await postDelivery(this.webhook.url, delivery)), delivery };
  }

  private route(req: ToolRequest): ToolAnswer {
    const expected = `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString("base64")}`;
    if (req.authorization !== expected) return { status: 401, body: { errorMessages: ["Unauthorized"] } };
    const path = req.url.pathname;
    const issuePath = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)(\/transitions)?$/.exec(path);
    if (issuePath) {
      const request = this.requests.find((r) => r.key === issuePath[1]);
      if (!request) return { status: 404, body: { errorMessages: ["Issue does not exist"] } };
      const status = { name: request.status.name, statusCategory: { key: request.status.category } };
      if (!issuePath[2] && req.method === "GET")
        return { status: 200, body: { id: request.id, key: request.key, fields: { status } } };
      const available = this.workflow.filter((w) => w.name !== request.status.name);
      if (req.method === "GET")
        return {
          status: 200,
          body: {
            transitions: available.map((w) => ({
              id: w.id,
              name: w.name,
              to: { name: w.name, statusCategory: { key: w.category } },
            })),
          },
        };
      const id = (req.body as { transition?: { id?: string } }).transition?.id;
      const step = available.find((w) => w.id === id);
      if (!step) return { status: 400, body: { errorMessages: [`transition ${id} is not valid`] } };
      request.status = { name: step.name, category: step.category };
      request.resolution = step.category === "done" ? (step.name === "Canceled" ? "Won't Do" : "Done") : null;
      if (this.webhook) {
        const delivery = postDelivery(this.webhook.url, signDelivery(this.webhook, this.payload(request)));
        delivery.catch(() => undefined); // awaited by the test (or settled before close)
        this.apiDeliveries.push(delivery);
      }
      return { status: 204, body: "" };
    }
    if (path === "/rest/api/3/search/jql" && req.method === "GET") {
      const jql = req.url.searchParams.get("jql") ?? "";
      const match = /^labels\s*=\s*"([^"]+)"$/.exec(jql);
      if (!match) return { status: 400, body: { errorMessages: [`unsupported JQL in the fake: ${jql}`] } };
      const found = this.requests.filter((r) => r.labels.includes(match[1]!));
      const max = Number(req.url.searchParams.get("maxResults") ?? "50");
      return {
        status: 200,
        body: {
          issues: found
            .slice(0, max)
            .map((r) => ({ id: r.id, key: r.key, fields: { status: { name: r.status.name } } })),
          isLast: true,
        },
      };
    }
    if (path === "/rest/servicedeskapi/request" && req.method === "POST") {
      const body = req.body as {
        serviceDeskId?: string;
        requestTypeId?: string;
        requestFieldValues?: { summary?: string; description?: string; labels?: string[] };
      };
      if (!body.serviceDeskId || !body.requestTypeId || !body.requestFieldValues?.summary)
        return { status: 400, body: { errorMessage: "serviceDeskId, requestTypeId and summary are required" } };
      const n = this.requests.length + 1;
      const request: JiraRequest = {
        id: String(10000 + n),
        key: `${this.projectKey}-${n}`,
        serviceDeskId: body.serviceDeskId,
        requestTypeId: body.requestTypeId,
        summary: body.requestFieldValues.summary,
        description: body.requestFieldValues.description ?? "",
        labels: body.requestFieldValues.labels ?? [],
        status: { name: "Waiting for support", category: "new" },
        resolution: null,
      };
      this.requests.push(request);
      return {
        status: 201,
        body: {
          issueId: request.id,
          issueKey: request.key,
          requestTypeId: request.requestTypeId,
          serviceDeskId: request.serviceDeskId,
          currentStatus: { status: request.status.name, statusCategory: "NEW" },
          _links: {
            web: `${this.url}/servicedesk/customer/portal/1/${request.key}`,
            agent: `${this.url}/browse/${request.key}`,
            self: `${this.url}/rest/servicedeskapi/request/${request.id}`,
          },
        },
      };
    }
    return { status: 404, body: { errorMessages: ["Not found (fake)"] } };
  }
}
