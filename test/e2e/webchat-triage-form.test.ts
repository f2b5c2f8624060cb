/**
 * The triage form in the demo web chat, in a real browser with the real core: "Resolve…" on the
 * triage card shows an inline form in the IT pane (Web Chat renders the Adaptive Card and checks
 * the required input itself), submitting it resolves the report, the form turns into a
 * confirmation, the triage card shows Resolved and the nurse hears back with the note.
 */
import path from "node:path";
import fs from "node:fs";
import { type Browser, type Locator } from "playwright-core";
import type restify from "restify";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { loadTriageConfig } from "../../src/config/triage-config";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { startClassificationWorker } from "../../src/jobs/classification-worker";
import { startOutboxDispatcher } from "../../src/jobs/outbox-dispatcher";
import type { PollLoop } from "../../src/jobs/poll-loop";
import { systemClock } from "../../src/ports/clock";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { describeWithChromium, launchChromium } from "../support/chromium";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts");

describeWithChromium("web chat: the Resolve… form", () => {
  let browser: Browser;
  let server: restify.Server;
  let store: Store;
  let url: string;
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
      anonymousSalt: "form-e2e-salt",
      wakeClassifier: () => classification?.wake(),
      wakeOutbox,
      limits: DEFAULT_INTAKE_LIMITS,
    };
    const webchat = createWebChat({
      core: createBotCore(intake),
      conversations: store.conversations,
      clock,
      logger,
      redactor,
    });
    server = createHttpServer({ logger, modules: [webchat.routes] });
    ({ url } = await listen(server, 0, "127.0.0.1"));
    classification = startClassificationWorker(intake, { owner: "e2e", intervalMs: 300 });
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

  const send = async (pane: Locator, text: string) => {
    const input = pane.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press("Enter");
  };

  it("Resolve… → form → note → resolved, confirmed, card updated, nurse told", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(url);
    await page.fill("#name", "Sam Nurse");
    const clinician = page.locator("#webchat");
    const triage = page.locator("#triage-chat");
    await clinician.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 15000 });

    await send(clinician, "The label printer on 5 East prints blank labels since this morning");
    const filed = clinician.getByText(/R-\d+ filed/);
    await filed.waitFor({ timeout: 10000 });
    const reportId = /R-\d+/.exec((await filed.first().textContent()) ?? "")![0];
    const card = triage.locator(".ac-adaptiveCard", { hasText: "Assignee" }).filter({ hasText: reportId });
    await card.waitFor({ timeout: 10000 });

    await card.locator("button.ac-pushButton", { hasText: "Resolve…" }).first().click();
    const form = triage.locator(".ac-adaptiveCard", { hasText: "What was done? (the reporters will see this note)" });
    await form.waitFor({ timeout: 10000 });
    await form.getByText(`Resolve ${reportId}`, { exact: true }).waitFor();
    const submit = form.getByRole("button", { name: "Resolve", exact: true });

    // Web Chat checks the required note before anything is sent.
    await submit.click();
    await form.getByText("Please say what was done.").waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "webchat-triage-form-1-required.png") });
    expect((await store.reports.get(reportId))!.status).toBe("new");

    await form.locator("textarea").fill("cleaned the print head");
    await submit.click();
    await triage.getByText(`Resolved ${reportId}`).waitFor({ timeout: 10000 });
    await card.getByText("Resolved", { exact: true }).waitFor({ timeout: 10000 });
    await clinician.getByText("Resolved — cleaned the print head").waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "webchat-triage-form-2-resolved.png") });

    const stored = (await store.reports.get(reportId))!;
    expect(stored.status).toBe("resolved");
    expect(stored.history.at(-1)).toMatchObject({ action: "resolved", note: "cleaned the print head" });
    // The form was replaced by the confirmation: no input is left in the triage pane.
    expect(await triage.locator("textarea").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 40000);
});
