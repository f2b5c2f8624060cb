/**
 * The demo web chat end to end: headless Chromium opens the page, Web Chat (served from
 * node_modules) talks to the local Direct Line endpoint, the activity goes through the botbuilder
 * CloudAdapter and the shared ChannelBot to the (fake) core, and the reply card is rendered.
 */
import fs from "node:fs";
import path from "node:path";
import { describeWithChromium, launchChromium } from "../support/chromium";
import { type Browser } from "playwright-core";
import type restify from "restify";
import { createWebChat, type WebChat } from "../../src/adapters/channels/webchat";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import { createFakeCore, type FakeCore } from "../fakes/fake-core";
import { createMemoryConversationStore } from "../fakes/fake-core-teams";
import { mrnRedactor } from "../support/intake-harness";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts");

describeWithChromium("web chat in a browser", () => {
  let browser: Browser;
  let server: restify.Server;
  let url: string;
  let core: FakeCore;
  let webchat: WebChat;

  beforeAll(async () => {
    core = createFakeCore({
      onMessage: (m) => ({
        replies: [
          {
            message: {
              title: "R-1001 received",
              text: `Thanks ${m.sender.userName ?? ""}. We logged: ${m.text}`,
              facts: [
                { label: "System", value: "EHR (Epic)" },
                { label: "Location", value: "Ward 5" },
              ],
              question: {
                reportId: "R-1001",
                field: "impact",
                text: "Is patient care affected right now?",
                choices: [
                  { value: "yes", label: "Yes" },
                  { value: "no", label: "No" },
                ],
              },
              note: "Patient details are removed before anything is stored.",
            },
            trackForReport: "R-1001",
          },
        ],
      }),
      onAction: (a) => ({
        replies: [],
        update: {
          title: "R-1001 received",
          text: `Noted: patient care affected = ${a.data.value ?? "?"}. IT has been alerted.`,
          tone: "good",
        },
      }),
    });
    webchat = createWebChat({
      core,
      conversations: createMemoryConversationStore(),
      clock: { now: () => new Date() },
      logger: silentLogger,
      redactor: mrnRedactor,
    });
    server = createHttpServer({ logger: silentLogger, modules: [webchat.routes] });
    ({ url } = await listen(server, 0, "127.0.0.1"));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server);
  });

  it("reports a problem and shows the bot's card, then updates it when a choice is pressed", async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(url);
    await page.fill("#name", "Sam Nurse");
    await page.getByText("Tell me what is not working.").waitFor({ timeout: 15000 });

    // Two Web Chat panes: the reporter's own chat (#webchat) and the shared IT triage room.
    const input = page.locator('#webchat [data-id="webchat-sendbox-input"]');
    await input.fill("Epic froze during med pass on ward 5");
    await input.press("Enter");
    await page.getByText("R-1001 received").waitFor({ timeout: 10000 });
    await page.getByText("Is patient care affected right now?").waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "webchat.png") });

    expect(core.messages).toHaveLength(1);
    expect(core.messages[0]).toMatchObject({
      text: "Epic froze during med pass on ward 5",
      sender: { channel: "webchat", userName: "Sam Nurse", direct: true },
    });
    expect(core.messages[0]!.sender.userId).toMatch(/^dl_/);
    expect(core.messages[0]!.sender.conversationKey).toMatch(/^webchat:/);
    await core.waitForRecorded(1);
    expect(core.recorded[0]!.reportId).toBe("R-1001");

    await page.locator("button.ac-pushButton", { hasText: "Yes" }).click();
    await page.getByText("Noted: patient care affected = yes").waitFor({ timeout: 10000 });
    expect(core.actions[0]).toMatchObject({
      action: "answer",
      data: { reportId: "R-1001", field: "impact", value: "yes" },
    });
    // Updated in place: the question card is gone, not duplicated.
    expect(await page.getByText("Is patient care affected right now?").count()).toBe(0);

    // A proactive message (e.g. "resolved") reaches the open chat.
    await webchat.sender.send(
      { conversationKey: core.messages[0]!.sender.conversationKey, destination: null },
      { title: "R-1001 resolved", text: "Epic was restarted on ward 5.", tone: "good" },
    );
    await page.getByText("R-1001 resolved").waitFor({ timeout: 10000 });
    await page.getByText("No digest yet", { exact: false }).waitFor();

    await page.screenshot({ path: path.join(ARTIFACTS, "webchat-updated.png") });
    expect(pageErrors).toEqual([]);
  });
});
