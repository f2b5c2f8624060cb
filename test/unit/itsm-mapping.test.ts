/** Tool states → report statuses → triage verbs, and what a ticket says. */
import { createJiraSmConnector } from "../../src/adapters/itsm/jira-sm-connector";
import { createServiceNowConnector } from "../../src/adapters/itsm/servicenow-connector";
import { verbFor } from "../../src/app/itsm/apply-ticket-event";
import { ticketRequest } from "../../src/app/itsm/ticket-request";
import { parseTriageConfig } from "../../src/config/triage-config";
import { asRedacted } from "../../src/domain/redacted-text";
import { urgencyImpact } from "../../src/domain/ticket";
import type { ParsedWebhook } from "../../src/ports/itsm";
import { buildClassifiedReport } from "../fixtures/build-report";

const clock = { now: () => new Date("2025-03-03T09:00:00Z") };
const status = (parsed: ParsedWebhook) => (parsed.ok ? parsed.event.status : `problem: ${parsed.problem}`);

describe("ITSM status mapping", () => {
  const servicenow = (map = {}) =>
    createServiceNowConnector({
      instanceUrl: "https://x.service-now.com",
      auth: { type: "basic", username: "u", password: "p" },
      statusMap: map,
      timeoutMs: 1000,
      clock,
    });
  const incident = (state: string | number) => ({
    sys_id: "abc",
    number: "INC0010001",
    state,
    correlation_id: "R-1042",
  });

  it("ServiceNow: in progress and on hold → acknowledged, resolved/closed → resolved, canceled → won't fix, new → none", () => {
    const c = servicenow();
    expect([1, 2, 3, 6, 7, 8, "Resolved", "99"].map((s) => status(c.parseWebhook(incident(s))))).toEqual([
      null,
      "acknowledged",
      "acknowledged",
      "resolved",
      "resolved",
      "wont_fix",
      "resolved",
      null,
    ]);
    expect(status(servicenow({ "3": null, "99": "in_progress" }).parseWebhook(incident(3)))).toBeNull();
    expect(status(servicenow({ "99": "in_progress" }).parseWebhook(incident("99")))).toBe("in_progress");
    expect(c.parseWebhook({ number: "INC1", state: "6" }).ok).toBe(false);
    expect(c.parseWebhook({ ...incident(6), close_notes: "x".repeat(5000) }).ok).toBe(false);
  });

  it("Jira: status name, then resolution, then status category", () => {
    const c = createJiraSmConnector({
      baseUrl: "https://x.atlassian.net",
      email: "e",
      apiToken: "t",
      serviceDeskId: "1",
      requestTypeId: "2",
      statusMap: { "waiting for customer": null },
      timeoutMs: 1000,
    });
    const issue = (name: string, category: string, resolution: string | null = null, labels = ["cfb-R-1042"]) => ({
      issue: {
        id: 10001,
        key: "SD-1",
        fields: {
          labels,
          status: { name, statusCategory: { key: category } },
          resolution: resolution ? { name: resolution } : null,
        },
      },
    });
    expect(status(c.parseWebhook(issue("Waiting for support", "new")))).toBeNull();
    expect(status(c.parseWebhook(issue("In Progress", "indeterminate")))).toBe("acknowledged");
    expect(status(c.parseWebhook(issue("Waiting for customer", "indeterminate")))).toBeNull();
    expect(status(c.parseWebhook(issue("Resolved", "done", "Done")))).toBe("resolved");
    expect(status(c.parseWebhook(issue("Closed", "done", "Won't Do")))).toBe("wont_fix");
    expect(status(c.parseWebhook(issue("Canceled", "done")))).toBe("wont_fix");
    const parsed = c.parseWebhook(issue("Resolved", "done", null, ["other", "cfb-not-a-report"]));
    expect(parsed.ok && parsed.event.correlationId).toBeNull();
  });

  it("verbs: the same triage verbs a button would use; closed reports reopen; nothing when already there", () => {
    expect(verbFor("resolved", "new")).toBe("resolve");
    expect(verbFor("resolved", "in_progress")).toBe("resolve");
    expect(verbFor("resolved", "resolved")).toBeNull();
    expect(verbFor("resolved", "wont_fix")).toBeNull();
    expect(verbFor("wont_fix", "acknowledged")).toBe("wontfix");
    expect(verbFor("acknowledged", "new")).toBe("ack");
    expect(verbFor("acknowledged", "in_progress")).toBeNull();
    expect(verbFor("acknowledged", "resolved")).toBe("reopen");
    expect(verbFor("in_progress", "acknowledged")).toBe("progress");
    expect(verbFor("in_progress", "withdrawn")).toBe("reopen");
  });

  it("a ticket: urgency and impact from severity, assignment group from the routing rule, redacted text only", () => {
    expect(["critical", "high", "medium", "low"].map((s) => urgencyImpact(s as "low"))).toEqual([
      { urgency: 1, impact: 1 },
      { urgency: 1, impact: 2 },
      { urgency: 2, impact: 2 },
      { urgency: 3, impact: 3 },
    ]);
    const config = parseTriageConfig({
      routes: [{ system: "infusion_pump", destination: "slack:C0DEV", assignmentGroup: "Biomed" }],
      defaultDestination: "slack:C0TRIAGE",
      defaultAssignmentGroup: "Service Desk",
      triagers: { slack: { userIds: ["U1"] } },
    });
    const pump = buildClassifiedReport(
      { text: asRedacted("Alaris pump for [NAME] alarms") },
      { system: "infusion_pump", severity: "critical", patientSafety: true, summary: "Pump alarms" },
    );
    const request = ticketRequest(pump, config, { categoryMap: {} });
    expect(request).toMatchObject({
      correlationId: pump.id,
      assignmentGroup: "Biomed",
      category: "hardware",
      severity: "critical",
      patientSafety: true,
    });
    expect(request.summary).toBe(`${pump.id}: Pump alarms`);
    expect(request.description).toContain("Alaris pump for [NAME] alarms");
    const ehr = buildClassifiedReport({}, { system: "ehr", kind: "access" });
    expect(ticketRequest(ehr, config, { categoryMap: { access: "inquiry" } })).toMatchObject({
      assignmentGroup: "Service Desk",
      category: "inquiry",
    });
  });
});
