/**
 * The real service with Slack in Socket Mode while Slack cannot be reached: the socket client keeps
 * reconnecting in the background, and everything else (HTTP server, Teams endpoint, jobs) is up and
 * ready regardless — a hospital's Teams users must not wait for Slack.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

describe("service with Slack Socket Mode and Slack unreachable", () => {
  let service: ServiceProcess | null = null;
  let dataDir = "";

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cfb-socket-"));
  });

  afterAll(async () => {
    if (service) await stopService(service);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts, is ready and answers the Teams endpoint while Socket Mode keeps retrying", async () => {
    const port = await freePort();
    const deadSlack = await freePort(); // nothing listens there
    const triageFile = path.join(dataDir, "triage.json");
    fs.writeFileSync(
      triageFile,
      JSON.stringify({
        defaultDestination: "slack:C0TRIAGE",
        alerts: ["slack:C0ONCALL"],
        digest: [],
        triagers: { slack: { userIds: ["U0IT"] } },
      }),
    );
    service = spawnService({
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_APP_TOKEN: "xapp-1-test-token",
      SLACK_API_URL: `http://127.0.0.1:${deadSlack}/api/`,
      TRIAGE_CONFIG_FILE: triageFile,
    });
    const base = `http://127.0.0.1:${port}`;
    const ready = await waitForStatus(service, `${base}/readyz`, 200, 40_000);
    expect(await ready.text()).toMatch(/embedded/i);
    // The Bot Framework route is mounted and answering (an empty body is refused, not hung).
    const teams = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(teams.status).toBeGreaterThanOrEqual(400);
    // The start-up summary is logged once the classification worker, outbox and digest jobs run.
    const deadline = Date.now() + 10_000;
    while (!/Slack: on, Socket Mode/.test(service.stdout()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(service.stdout()).toMatch(/Slack: on, Socket Mode/);
    expect(service.stdout()).toMatch(/Digest:/);
    expect(service.stdout()).not.toMatch(/Socket Mode connected/);
  }, 60_000);
});
