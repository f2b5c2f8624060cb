/**
 * The real service (src/main.ts in a child process) with ITSM_KIND=servicenow against the fake
 * instance on 127.0.0.1: a nurse reports in the web chat, the incident is created once although
 * the fake fails its first two calls, resolving it in ServiceNow (the signed webhook to the
 * service's own restify server) reaches the nurse's chat, and the triage room's card shows the
 * incident number. Also: ITSM configuration problems stop the start, all listed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeServiceNow } from "../fakes/fake-servicenow";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

jest.setTimeout(120_000);

const SECRET = "e2e-webhook-secret-0123456789";

interface Session {
  token: string;
  conversationId: string;
}

async function session(base: string, body: unknown): Promise<Session> {
  const response = await fetch(`${base}/v3/directline/tokens/generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const s = (await response.json()) as Session;
  await fetch(`${base}/v3/directline/conversations`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.token}` },
  });
  return s;
}

async function activitiesText(base: string, s: Session): Promise<string> {
  const response = await fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities`, {
    headers: { authorization: `Bearer ${s.token}` },
  });
  return JSON.stringify(await response.json());
}

async function waitFor(what: string, check: () => Promise<boolean>, service: ServiceProcess, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (service.child.exitCode !== null) throw new Error(`service exited: ${service.stderr()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${ms} ms; stdout: ${service.stdout().slice(-3000)}`);
}

describe("service with ServiceNow", () => {
  let dir: string;
  let fake: FakeServiceNow;
  let service: ServiceProcess | null = null;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "itsm-e2e-"));
    fake = await FakeServiceNow.start({ type: "basic", username: "svc-feedback", password: "pw-e2e" });
  });
  afterEach(async () => {
    if (service) await stopService(service);
    service = null;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (port: number): Record<string, string> => ({
    PORT: String(port),
    DATA_DIR: path.join(dir, "data"),
    LOG_FORMAT: "json",
    ITSM_KIND: "servicenow",
    SERVICENOW_INSTANCE_URL: fake.url,
    SERVICENOW_USERNAME: "svc-feedback",
    SERVICENOW_PASSWORD: "pw-e2e",
    ITSM_WEBHOOK_SECRET: SECRET,
  });

  it("web chat report → one incident despite two failures → resolved in ServiceNow → the nurse hears, the card shows it", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    fake.failNext = 2;
    service = spawnService(env(port), { cwd: dir });
    await waitForStatus(service, `${base}/healthz`, 200, 60_000);
    const running = service;
    expect(service.stdout()).toContain(`ITSM: ServiceNow at ${fake.url}`);
    expect(service.stdout()).not.toContain("pw-e2e");
    expect(service.stdout()).not.toContain(SECRET);

    const triage = await session(base, { user: { id: "it-1", name: "Dana IT" }, room: "triage" });
    const nurse = await session(base, { user: { id: "nurse-1", name: "Nia Nurse" } });
    const sent = await fetch(`${base}/v3/directline/conversations/${nurse.conversationId}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${nurse.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        from: { id: "nurse-1", name: "Nia Nurse" },
        text: "The EHR freezes every time I open the medication list on 4 West, we cannot chart meds",
      }),
    });
    expect(sent.status).toBeLessThan(300);

    await waitFor("the incident", async () => fake.incidents.length > 0, running);
    const incident = fake.incidents[0]!;
    expect(incident.correlation_id).toMatch(/^R-\d{4,}$/);
    await waitFor(
      "the card with the incident number",
      async () => (await activitiesText(base, triage)).includes(incident.number),
      running,
    );
    expect(await activitiesText(base, triage)).toContain("Action.OpenUrl");

    fake.webhook = { url: `${base}/itsm/servicenow`, secret: SECRET, now: () => new Date() };
    const answer = await fake.setState(incident.number, "6", "Restarted the EHR application server");
    expect(answer).toMatchObject({ status: 200, body: { status: "applied", reportId: incident.correlation_id } });
    await waitFor(
      "the nurse's resolution note",
      async () => (await activitiesText(base, nurse)).includes("Restarted the EHR application server"),
      running,
    );
    await new Promise((r) => setTimeout(r, 4_000));
    expect(fake.incidents).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("ITSM problems stop the start, every one listed", async () => {
    const port = await freePort();
    service = spawnService(
      {
        ...env(port),
        SERVICENOW_INSTANCE_URL: "http://itsm.example.org",
        SERVICENOW_PASSWORD: "",
        ITSM_WEBHOOK_SECRET: "short",
      },
      { cwd: dir },
    );
    const { code } = await service.exited;
    expect(code).toBe(1);
    const err = service.stderr();
    expect(err).toContain("SERVICENOW_INSTANCE_URL must be an https URL");
    expect(err).toContain("SERVICENOW_PASSWORD is required with ITSM_KIND=servicenow");
    expect(err).toContain("ITSM_WEBHOOK_SECRET must be at least 16 characters long");
  });
});
