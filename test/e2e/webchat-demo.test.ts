/**
 * Demo mode end to end with the REAL core, built in process as src/main.ts builds it (embedded
 * store in memory, regex redactor, offline classifier, triage service with the demo triage config,
 * classification worker and outbox dispatcher, web chat and digest routes). Headless Chromium plays
 * both sides on one page: a nurse reports in "Report a problem", IT triages in the shared
 * "IT triage" pane (webchat:triage), and the nurse hears back when it is resolved.
 */
import { renderDigestChart } from "../../src/adapters/digest/chart";
import fs from "node:fs";
import path from "node:path";
import { describeWithChromium, launchChromium } from "../support/chromium";
import { type Browser, type Locator, type Page } from "playwright-core";
import type restify from "restify";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { sendDigest } from "../../src/app/digest/send-digest";
import { buildClassifiedReport } from "../fixtures/build-report";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { loadTriageConfig } from "../../src/config/triage-config";
import { lastCompleteWeek } from "../../src/domain/iso-week";
import { createDigestRoutes } from "../../src/http/digest-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { startClassificationWorker } from "../../src/jobs/classification-worker";
import { startOutboxDispatcher } from "../../src/jobs/outbox-dispatcher";
import type { PollLoop } from "../../src/jobs/poll-loop";
import { systemClock } from "../../src/ports/clock";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts");
const REPORT = "BCMA scanner on 4 West won't scan wristbands, meds are late";

describeWithChromium("demo mode: clinician chat and IT triage on one page, real core", () => {
  let browser: Browser;
  let server: restify.Server;
  let store: Store;
  let url: string;
  let deliverDigest: () => Promise<unknown>;
  const loops: PollLoop[] = [];

  beforeAll(async () => {
    const logger = silentLogger;
    const clock = systemClock;
    store = createEmbeddedStore({ dataDir: ":memory:", logger });
    await store.init();
    const catalogue = loadCatalogue();
    const config = loadTriageConfig(undefined, { systemIds: catalogue.systems.map((s) => s.id) });
    const offline = createOfflineClassifier(catalogue);
    let classification: PollLoop | null = null;
    let outbox: PollLoop | null = null;
    const wakeOutbox = () => outbox?.wake();
    const redactor = createRegexRedactor(catalogue);
    const triage = createTriageService({ store, config, clock, logger, catalogue, redactor, wakeOutbox });
    const intake: IntakeDeps = {
      store,
      redactor,
      gate: offline,
      classifier: offline,
      triage,
      catalogue,
      clock,
      logger,
      anonymousSalt: "demo-e2e-salt",
      wakeClassifier: () => classification?.wake(),
      wakeOutbox,
      limits: DEFAULT_INTAKE_LIMITS,
    };
    const core = createBotCore(intake);
    const webchat = createWebChat({ core, conversations: store.conversations, clock, logger, redactor });
    const digest = createDigestRoutes({
      renderChart: renderDigestChart,
      reports: store.reports,
      catalogue,
      narrator: null,
      logger,
      timeZone: "UTC",
      publicBaseUrl: null,
      clock,
    });
    server = createHttpServer({ logger, modules: [webchat.routes, digest] });
    ({ url } = await listen(server, 0, "127.0.0.1"));
    // As the digest scheduler does it; the chart URL needs a public base URL (here: this server).
    deliverDigest = () =>
      sendDigest(
        {
          store,
          senders: [webchat.sender],
          catalogue,
          narrator: null,
          publicBaseUrl: url,
          owner: "e2e",
          clock,
          logger,
        },
        lastCompleteWeek(clock.now(), "UTC"),
        config.digest,
      );
    classification = startClassificationWorker(intake, { owner: "e2e", intervalMs: 500 });
    outbox = startOutboxDispatcher({ store, senders: [webchat.sender], clock, logger, owner: "e2e", intervalMs: 300 });
    loops.push(classification, outbox);
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.allSettled(loops.map((l) => l.stop()));
    if (server) await closeServer(server);
    await store?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `webchat-demo-${name}.png`) });
  const send = async (pane: Locator, text: string) => {
    const input = pane.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press("Enter");
  };

  it("a nurse reports, IT acknowledges with the card button and resolves by command, the nurse hears back", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(url);
    await page.fill("#name", "Sam Nurse");
    const clinician = page.locator("#webchat");
    const triage = page.locator("#triage-chat");
    await triage.getByText("New problem reports, patient-safety alerts").waitFor({ timeout: 15000 });
    await clinician.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 15000 });

    // The clinician side: a patient-safety report gets the one safety question (reached the patient?
    // harm?) in place of the acknowledgement; the answer replaces it with the confirmation, so the
    // nurse ends up with one message, not two.
    await send(clinician, REPORT);
    await clinician.getByText("did it reach a patient, and was anyone harmed?", { exact: false }).waitFor({
      timeout: 10000,
    });
    await clinician
      .locator("button.ac-pushButton", { hasText: "Caught before it reached the patient" })
      .first()
      .click();
    const filed = clinician.getByText(/R-\d+ filed/);
    await filed.waitFor({ timeout: 10000 });
    const reportId = /R-\d+/.exec((await filed.first().textContent()) ?? "")![0];
    await clinician.getByText(/message you when IT acts on it/).waitFor();
    expect(await clinician.getByText(`Got it — ${reportId}`).count()).toBe(0);

    // The IT side: the triage card with its buttons, and the patient-safety alert.
    const card = triage.locator(".ac-adaptiveCard", { hasText: "Assignee" }).filter({ hasText: reportId });
    await card.waitFor({ timeout: 10000 });
    await triage.getByText(`🚨 Patient safety: ${reportId}`, { exact: false }).waitFor({ timeout: 10000 });
    for (const button of ["Acknowledge", "Assign to me", "Resolve…"])
      await card.locator("button.ac-pushButton", { hasText: button }).first().waitFor();
    await shot(page, "1-reported");

    // A second browser (another IT colleague, own identity) sees the same triage room.
    const other = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await other.goto(url);
    await other.locator("#triage-chat").getByText(`🚨 Patient safety: ${reportId}`, { exact: false }).waitFor();
    const ids = await Promise.all([page, other].map((p) => p.evaluate(() => localStorage["itFeedback.webchat.user"])));
    expect(JSON.parse(String(ids[0])).id).not.toBe(JSON.parse(String(ids[1])).id);
    await other.close();

    // Acknowledge on the card: the card updates in place, through botbuilder to core.onAction.
    await card.locator("button.ac-pushButton", { hasText: "Acknowledge" }).click();
    await card.getByText("Acknowledged", { exact: true }).waitFor({ timeout: 10000 });
    await clinician.getByText("Acknowledged — IT is looking at it").waitFor({ timeout: 10000 });
    expect(await card.locator("button.ac-pushButton", { hasText: "Acknowledge" }).count()).toBe(0);

    // A typed triage command in the IT pane; the nurse is told, with the note.
    await send(triage, `resolve ${reportId} replaced the scanner`);
    await clinician.getByText("Resolved — replaced the scanner").waitFor({ timeout: 10000 });
    await card.getByText("Resolved", { exact: true }).waitFor({ timeout: 10000 });
    await send(triage, `show ${reportId}`);
    await triage.getByText(/History:/).waitFor({ timeout: 10000 });

    // The digest box shows the chart served by the digest routes.
    await page.locator("#digest-chart").waitFor({ timeout: 10000 });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("#digest-chart");
      return img !== null && img.complete && img.naturalWidth > 100;
    });
    await shot(page, "2-resolved");

    // The weekly CMIO digest (a pre-rendered Adaptive Card) lands in the triage pane, chart included.
    await deliverDigest();
    await triage.getByText("Weekly IT feedback digest").first().waitFor({ timeout: 10000 });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#triage-chat img[src*="/chart.png"]');
      return img !== null && img.complete && img.naturalWidth > 100;
    });
    await triage.locator('img[src*="/chart.png"]').scrollIntoViewIfNeeded();
    await shot(page, "3-digest");

    const stored = await store.reports.get(reportId);
    expect(stored).toMatchObject({ status: "resolved", channel: "webchat" });
    expect(stored!.classification).toMatchObject({ patientSafety: true });
    expect(stored!.safetyEvent).toMatchObject({ eventClass: "near_miss", nccMerp: "B" });
    expect(pageErrors).toEqual([]);
  }, 40000);

  it("the digest box follows the data: reports stored into the running demo show up without a restart", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(`${url}/?digestPollMs=300`);
    const box = page.locator("#digest");
    await box
      .getByText(/\d+ reports?/)
      .first()
      .waitFor({ timeout: 10000 });
    const count = async () => Number(/(\d+) reports?/.exec(await box.innerText())?.[1] ?? NaN);
    const before = await count();
    const chartBefore = await page.locator("#digest-chart").getAttribute("src");
    // As `seed-demo` does from another process: reports written straight into the store.
    const week = lastCompleteWeek(systemClock.now(), "UTC");
    const seq = 9000;
    for (let i = 0; i < 5; i++)
      await store.reports.insert(
        buildClassifiedReport(
          { seq: seq + i, createdAt: new Date(week.from.getTime() + (i + 1) * 3_600_000) },
          { system: "bcma", patientSafety: true },
        ),
      );
    await page.waitForFunction(
      (n) => new RegExp(`\\b${n} reports\\b`).test(document.getElementById("digest")?.innerText ?? ""),
      before + 5,
      { timeout: 10000 },
    );
    expect(await count()).toBe(before + 5);
    expect(await page.locator("#digest-chart").getAttribute("src")).not.toBe(chartBefore);
    await page.close();
  }, 30000);
});
