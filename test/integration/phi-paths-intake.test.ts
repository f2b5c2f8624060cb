/**
 * Issue 9: every free-text entry point on the reporter's side is redacted before anything is
 * stored, logged or sent. One test per entry point types a patient name and a record number into
 * it through the real channel (signed Slack requests, Teams activities, the web chat's Direct Line)
 * and then looks for each word of them everywhere (see phi-paths-harness.ts): nowhere.
 */
import { addDetailModal, ADD_DETAIL_MODAL_ID } from "../../src/adapters/channels/slack/modals";
import { reclassifyReports } from "../../src/app/triage/reclassify-reports";
import { asRedacted } from "../../src/domain/redacted-text";
import { newReport } from "../../src/domain/report";
import { PHI, shown, SLACK_NURSE, startPhiHarness, type PhiHarness } from "./phi-paths-harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let h: PhiHarness;

beforeEach(async () => {
  h = await startPhiHarness();
});

afterEach(async () => {
  await h.close();
});

/** The redacted form of PHI the placeholders stand for, as the stored text shows it. */
const REDACTED = /\[NAME\].*\[MRN\]/;

describe("the leak check itself", () => {
  it("finds a typed identifier in the raw store rows, in a log line, and in what a channel received", async () => {
    const report = newReport({
      seq: await h.store.reports.nextSeq(),
      now: h.clock.now(),
      channel: "slack",
      reporter: { ref: "slack:U9", anonymous: false, displayName: null },
      conversationKey: null,
      text: asRedacted(`bypassing the redactor: ${PHI}`),
      redactions: {},
      truncated: false,
      attachmentsDropped: 0,
    });
    await h.store.reports.insert(report);
    h.deps.logger.info({ note: "John" }, "a careless line");
    await h.slackDm(SLACK_NURSE, "help");
    await h.teams({ text: "help" });
    await h.chatSay(await h.chat({ user: "dl_nurse" }), { text: "help" });
    expect(await h.leaks()).toEqual([
      "store reports: John",
      "store reports: Miller",
      "store reports: 4839201",
      'log "a careless line": John',
    ]);
    // Each channel's leg sees what the bot sent there (the help card's title).
    expect(await h.leaks(["IT feedback bot"])).toEqual(
      expect.arrayContaining([/^slack chat\.postMessage/, /^teams reply/, /^web chat/].map(expect.stringMatching)),
    );
  });
});

describe("report text", () => {
  it("Slack DM", async () => {
    await h.slackDm(SLACK_NURSE, `${PHI}: the scanner on 4 West won't read his wristband`);
    await h.settle();
    const report = await h.latest();
    expect(report.text).toMatch(REDACTED);
    expect(report.redactions).toMatchObject({ NAME: 1, MRN: 1 });
    expect(h.api.callsTo("chat.postMessage").length).toBeGreaterThan(1); // ack, then the triage card
    expect(await h.leaks()).toEqual([]);
  });

  it("Slack /itreport slash command", async () => {
    await h.slackSlash(SLACK_NURSE, "C0WARD7", `scanner on 4 West won't read the wristband of ${PHI}`);
    await h.settle();
    expect((await h.latest()).text).toMatch(REDACTED);
    expect(await h.leaks()).toEqual([]);
  });

  it("Teams 1:1 message", async () => {
    await h.teams({ text: `${PHI}: the scanner on 4 West won't read his wristband` });
    await h.settle();
    expect((await h.latest()).text).toMatch(REDACTED);
    expect(h.connector.sent().length).toBeGreaterThan(0);
    expect(await h.leaks()).toEqual([]);
  });

  it("web chat: the transcript after a reload is the redacted text the server kept", async () => {
    const typed = `${PHI}: the scanner on 4 West won't read his wristband`;
    const first = await h.chat({ user: "dl_nurse" });
    await h.chatSay(first, { text: typed });
    await h.settle();
    const report = await h.latest();
    expect(report.text).toMatch(REDACTED);
    // A reload: the page asks for its previous chat back and fetches the whole transcript.
    const reloaded = await h.chat({ user: "dl_nurse", resume: first.token });
    expect(reloaded.conversationId).toBe(first.conversationId);
    const mine = (await h.chatActivities(reloaded)).filter((a: Any) => a.from?.id === "dl_nurse");
    expect(mine.map((a: Any) => a.text)).toEqual([report.text]);
    expect(await h.leaks()).toEqual([]);
  });
});

describe("Report to IT on someone's message", () => {
  it("the Slack message shortcut: the modal is prefilled redacted, and the submitted text is redacted", async () => {
    const message = `${PHI}: pump 3 keeps rebooting`;
    await h.slackInteraction({
      type: "message_action",
      callback_id: "report_to_it",
      trigger_id: "trig-shortcut",
      team: { id: "T1", domain: "hospital" },
      user: { id: SLACK_NURSE, name: "nurse" },
      channel: { id: "C7", name: "ward-7" },
      message_ts: "1700000300.000100",
      message: { type: "message", user: "U2", text: message, ts: "1700000300.000100" },
      response_url: "http://127.0.0.1:9/r",
    });
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Any;
    expect(view.blocks[0].element.initial_value).toBe(shown(h, message));
    // She sends the original words back (pasted again): they are redacted like any report.
    await h.slackInteraction({
      type: "view_submission",
      team: { id: "T1" },
      user: { id: SLACK_NURSE },
      trigger_id: "trig-view",
      view: {
        ...view,
        id: "VREPORT",
        state: { values: { report_text: { text: { type: "plain_text_input", value: message } } } },
      },
    });
    await h.settle();
    expect((await h.latest()).text).toMatch(REDACTED);
    expect(await h.leaks()).toEqual([]);
  });

  it("the Teams message action: the task form is prefilled redacted, and the submitted text is redacted", async () => {
    const messagePayload = {
      id: "orig-1",
      body: { contentType: "html", content: `<p>${PHI}: pump 3 keeps rebooting</p>` },
      from: { user: { id: "aad-doctor-2", displayName: "Dr. Who" } },
    };
    const fetched = await h.teams({
      type: "invoke",
      name: "composeExtension/fetchTask",
      text: undefined,
      value: { commandId: "reportToIt", commandContext: "message", messagePayload },
    });
    const form = fetched.task.value.card.content;
    expect(form.body.find((e: Any) => e.id === "text").value).toBe(shown(h, `${PHI}: pump 3 keeps rebooting`));
    await h.teams({
      type: "invoke",
      name: "composeExtension/submitAction",
      text: undefined,
      value: {
        commandId: "reportToIt",
        commandContext: "message",
        messagePayload,
        data: { action: "report", text: `${PHI}: pump 3 keeps rebooting`, anonymous: "false" },
      },
    });
    await h.settle();
    expect((await h.latest()).text).toMatch(REDACTED);
    expect(await h.leaks()).toEqual([]);
  });
});

describe("follow-up answers", () => {
  it("a typed answer to 'which unit?' (Slack)", async () => {
    h.classifier.when("scanner", { location: null, missing: ["location"] });
    await h.slackDm(SLACK_NURSE, "the scanner won't read wristbands");
    await h.settle();
    expect((await h.latest()).intake.stage).toBe("asking");
    await h.slackDm(SLACK_NURSE, "4W pt John Miller MRN 4839201");
    await h.settle();
    const answered = await h.latest();
    expect(answered.intake.stage).toBe("confirmed");
    expect(answered.classification?.location).toMatch(/^4W .*\[NAME\].*\[MRN\]/);
    expect(await h.leaks()).toEqual([]);
  });

  it("a forged answer button (Teams) is refused and nothing is stored", async () => {
    h.classifier.when("scanner", { location: null, missing: ["location"] });
    await h.teams({ text: "the scanner won't read wristbands" });
    await h.settle();
    const asking = await h.latest();
    expect(asking.intake.questions[0]?.choices.map((c) => c.value)).toEqual(["__skip__"]);
    await h.teams({
      text: undefined,
      value: { action: "answer", reportId: asking.id, field: "location", value: PHI },
    });
    const after = await h.store.reports.get(asking.id);
    expect(after?.version).toBe(asking.version);
    expect(after?.classification?.location).toBeNull();
    const replies = h.connector.sent().map((c) => JSON.stringify(c.body));
    expect(replies.some((r) => r.includes("isn't one of the choices I offered"))).toBe(true);
    expect(await h.leaks()).toEqual([]);
  });
});

describe("add detail", () => {
  it("the Slack add-detail modal", async () => {
    await h.slackDm(SLACK_NURSE, "the scanner on 4 West won't read wristbands");
    await h.settle();
    const report = await h.latest();
    const view = addDetailModal({ reportId: report.id, channel: null, messageTs: null }, "Add detail", "What else?");
    expect(view.callback_id).toBe(ADD_DETAIL_MODAL_ID);
    await h.slackInteraction({
      type: "view_submission",
      team: { id: "T1" },
      user: { id: SLACK_NURSE },
      trigger_id: "trigger-detail",
      view: {
        ...view,
        id: "VDETAIL",
        state: { values: { detail: { detail: { type: "plain_text_input", value: `it was ${PHI}` } } } },
      },
    });
    const saved = await h.store.reports.get(report.id);
    expect(saved?.text).toContain(`Added detail: ${shown(h, `it was ${PHI}`)}`);
    await h.runOutbox();
    expect(await h.leaks()).toEqual([]);
  });

  it("the Teams inline add-detail form", async () => {
    await h.teams({ text: "the scanner on 4 West won't read wristbands" });
    await h.settle();
    const report = await h.latest();
    await h.teams({ text: undefined, value: { action: "add_detail", reportId: report.id, detail: `it was ${PHI}` } });
    const saved = await h.store.reports.get(report.id);
    expect(saved?.text).toContain(`Added detail: ${shown(h, `it was ${PHI}`)}`);
    expect(saved?.redactions).toMatchObject({ NAME: 1, MRN: 1 });
    await h.runOutbox();
    expect(await h.leaks()).toEqual([]);
  });
});

describe("what a classifier writes back is checked again before it is stored", () => {
  const echoing = {
    summary: `Scanner fails for John Miller (MRN 4839201)`,
    location: "4 West, bed of John Miller",
    tags: ["scanner", "John Miller", "MRN 4839201"],
  };

  it("the classification worker (summary, location, tags)", async () => {
    h.classifier.when("scanner", echoing);
    await h.teams({ text: "the scanner on 4 West won't read wristbands" });
    await h.settle();
    const c = (await h.latest()).classification!;
    expect(c.summary).toMatch(/^Scanner fails for \[NAME\]/);
    expect(c.location).toMatch(/^4 West, bed of \[NAME\]/);
    expect(c.tags[0]).toBe("scanner");
    expect(await h.leaks()).toEqual([]);
  });

  it("an error the classifier throws (kept as the review reason, logged)", async () => {
    h.deps.classifier = {
      name: "failing",
      classify: () => Promise.reject(new Error(`the model replied about ${PHI}`)),
    };
    await h.teams({ text: "the scanner on 4 West won't read wristbands" });
    await h.settle();
    const report = await h.latest();
    expect(report.needsReview).toBe(true);
    expect(report.reviewReason).toBe(shown(h, `classifier error: the model replied about ${PHI}`));
    expect(h.lines.some((l) => l.msg === "classifier failed; using the offline classifier")).toBe(true);
    expect(await h.leaks()).toEqual([]);
  });

  it("the admin CLI's reclassify", async () => {
    await h.teams({ text: "the scanner on 4 West won't read wristbands" });
    await h.settle();
    h.classifier.when("scanner", echoing);
    const summary = await reclassifyReports(
      {
        reports: h.store.reports,
        classifier: h.classifier,
        redactor: h.deps.redactor,
        clock: h.clock,
        logger: h.deps.logger,
      },
      { since: new Date(h.clock.now().getTime() - 60_000), until: new Date(h.clock.now().getTime() + 60_000) },
    );
    expect(summary.reclassified).toBe(1);
    expect((await h.latest()).classification?.summary).toMatch(/\[NAME\]/);
    expect(await h.leaks()).toEqual([]);
  });
});
