/** /readyz's view of the ITSM tool: degraded while it is down or refuses our credentials, ready once it answers. */
import { observeConnector } from "../../src/adapters/itsm/connector-health";
import { createServiceNowConnector } from "../../src/adapters/itsm/servicenow-connector";
import { FakeServiceNow } from "../fakes/fake-servicenow";

describe("ITSM connector health", () => {
  let fake: FakeServiceNow;
  beforeEach(async () => {
    fake = await FakeServiceNow.start({ type: "basic", username: "u", password: "right" });
  });
  afterEach(() => fake.close());

  const observed = (password: string) =>
    observeConnector(
      createServiceNowConnector({
        instanceUrl: fake.url,
        auth: { type: "basic", username: "u", password },
        statusMap: {},
        timeoutMs: 2_000,
        clock: { now: () => new Date("2025-03-03T09:00:00Z") },
      }),
      { now: () => new Date("2025-03-03T09:00:00Z") },
    );

  it("refused credentials and an unreachable tool are not ready (reason without the secret); an answer is", async () => {
    const wrong = observed("wrong-password");
    expect(wrong.health().ready).toBe(true);
    await expect(wrong.connector.findByCorrelationId("R-1042")).rejects.toMatchObject({ code: "ITSM_UNAVAILABLE" });
    expect(wrong.health()).toMatchObject({ name: "itsm", ready: false });
    expect(wrong.health().reason).toContain("credentials refused (HTTP 401)");
    expect(JSON.stringify(wrong.health())).not.toContain("wrong-password");

    const right = observed("right");
    fake.down = true;
    await expect(right.connector.findByCorrelationId("R-1042")).rejects.toMatchObject({ code: "ITSM_UNAVAILABLE" });
    expect(right.health().ready).toBe(false);
    fake.down = false;
    await expect(right.connector.findByCorrelationId("R-1042")).resolves.toBeNull();
    expect(right.health()).toMatchObject({ ready: true, reason: null });
  });

  it("a refusal of the request itself (400) is not an outage", async () => {
    const right = observed("right");
    await expect(
      right.connector.createTicket({
        correlationId: "R-1042",
        summary: "",
        description: "x",
        category: null,
        severity: "low",
        patientSafety: false,
        assignmentGroup: null,
      }),
    ).rejects.toMatchObject({ code: "ITSM_REJECTED" });
    expect(right.health().ready).toBe(true);
  });
});
