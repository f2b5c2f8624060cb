/**
 * Issue 9: triage notes, reasons and reclassify values are redacted in every channel and form
 * before they are stored, audited, or sent to the reporters of the cluster, the triage room and
 * the triager. One test per entry point types a patient name and a record number into it through
 * the real channel and then looks for each word of them everywhere (phi-paths-harness.ts): nowhere.
 */
import type { Report } from "../../src/domain/report";
import { allStrings } from "./slack-harness";
import {
  PHI,
  shown,
  SLACK_NURSE,
  SLACK_TRIAGE,
  SLACK_TRIAGER,
  startPhiHarness,
  type PhiHarness,
} from "./phi-paths-harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let h: PhiHarness;
let seq = 0;

beforeEach(async () => {
  h = await startPhiHarness();
});

afterEach(async () => {
  await h.close();
});

const PLACEHOLDERS = /\[NAME\].*\[MRN\]/;
const MENTION = { type: "mention", mentioned: { id: "28:bot", name: "IT Feedback" }, text: "<at>IT Feedback</at>" };

/** A report from a Slack nurse (triage card in the Slack triage channel). */
async function slackReport(): Promise<Report> {
  await h.slackDm(SLACK_NURSE, "the scanner on 4 West won't read wristbands");
  await h.settle();
  return h.latest();
}

/** A report from a Teams nurse about the EHR (triage card in the Teams triage channel). */
async function teamsReport(): Promise<Report> {
  h.classifier.when("Epic", { system: "ehr" });
  await h.teams({ text: "Epic freezes when I open the MAR on 4 West" });
  await h.settle();
  return h.latest();
}

/** What the reporters were told about `reportId` on any channel. */
function toReporters(h: PhiHarness): string {
  const slack = h.api.callsTo("chat.postMessage").filter((c) => String(c.args.channel).startsWith("D"));
  const teams = h.connector.sent().filter((c) => c.conversationId.startsWith("a:"));
  return JSON.stringify([slack.map((c) => c.args), teams.map((c) => c.body)]);
}

describe("triage notes and reasons", () => {
  it("a resolve note typed as a Slack command in the triage channel", async () => {
    const report = await slackReport();
    await h.slackMention(SLACK_TRIAGER, SLACK_TRIAGE, `resolve ${report.id} ${PHI} had a torn band; reprinted it`);
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("resolved");
    expect(saved.history.at(-1)?.note).toMatch(PLACEHOLDERS);
    const audit = await h.store.audit.listForReport(report.id);
    expect(audit.at(-1)?.note).toMatch(PLACEHOLDERS);
    expect(toReporters(h)).toContain(`Resolved — ${shown(h, `${PHI} had a torn band; reprinted it`)}`);
    expect(await h.leaks()).toEqual([]);
  });

  it("a won't-fix reason in the Slack modal", async () => {
    const report = await slackReport();
    const card = h.api
      .callsTo("chat.postMessage")
      .find((c) => c.args.channel === SLACK_TRIAGE && allStrings(c.args).some((s) => s.includes(report.id)))!;
    const ts = String((await h.store.reports.get(report.id))!.triageMessageRef).split(":")[1];
    const button = (card.args.blocks as Any[])
      .flatMap((b) => (Array.isArray(b.elements) ? b.elements : []))
      .find((e: Any) => String(e.action_id).startsWith("triage.wontfix#"));
    await h.slackInteraction({
      type: "block_actions",
      trigger_id: `trigger-${++seq}`,
      team: { id: "T1" },
      user: { id: SLACK_TRIAGER },
      channel: { id: SLACK_TRIAGE },
      container: { type: "message", channel_id: SLACK_TRIAGE, message_ts: ts },
      message: { ts },
      actions: [{ action_id: button.action_id, value: button.value, action_ts: `1700000000.${seq}` }],
    });
    const [opened] = await h.api.waitFor("views.open");
    await h.slackInteraction({
      type: "view_submission",
      team: { id: "T1" },
      user: { id: SLACK_TRIAGER },
      trigger_id: `trigger-view-${++seq}`,
      view: {
        ...(opened!.args.view as Any),
        id: `V${seq}`,
        state: { values: { triage_value: { value: { type: "plain_text_input", value: `${PHI} was discharged` } } } },
      },
    });
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("wont_fix");
    expect(saved.history.at(-1)?.note).toMatch(PLACEHOLDERS);
    expect(await h.leaks()).toEqual([]);
  });

  it("a resolve note in the Teams inline form", async () => {
    const report = await teamsReport();
    await h.teamsTriage({
      text: undefined,
      replyToId: "form-1",
      value: { action: "triage.resolve", reportId: report.id, form: "triage", note: `restarted it; ${PHI} fine` },
    });
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("resolved");
    expect(saved.history.at(-1)?.note).toMatch(PLACEHOLDERS);
    expect(toReporters(h)).toMatch(/\[NAME\]/);
    expect(await h.leaks()).toEqual([]);
  });

  it("a reopen note typed in the web chat triage room (read by everyone in the room)", async () => {
    h.classifier.when("printer", { system: "printer" });
    const nurse = await h.chat({ user: "dl_nurse" });
    await h.chatSay(nurse, { text: "the printer on 4 West jams on every label" });
    await h.settle();
    const report = await h.latest();
    const room = await h.chat({ user: "dl_it", room: "triage" });
    const colleague = await h.chat({ user: "dl_it2", room: "triage" });
    await h.chatSay(room, { text: `resolve ${report.id} cleared the jam` });
    await h.chatSay(room, { text: `reopen ${report.id} ${PHI} label still blank` });
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.history.at(-1)).toMatchObject({ action: "reopened", note: expect.stringMatching(PLACEHOLDERS) });
    const roomLog = JSON.stringify(await h.chatActivities(colleague));
    expect(roomLog).toContain(shown(h, `reopen ${report.id} ${PHI} label still blank`));
    expect(JSON.stringify(await h.chatActivities(nurse))).toMatch(/\[NAME\]/);
    expect(await h.leaks()).toEqual([]);
  });
  it("a resolve note submitted from the web chat triage form (the room keeps the submitted value redacted)", async () => {
    h.classifier.when("printer", { system: "printer" });
    const nurse = await h.chat({ user: "dl_nurse" });
    await h.chatSay(nurse, { text: "the printer on 4 West jams on every label" });
    await h.settle();
    const report = await h.latest();
    const room = await h.chat({ user: "dl_it", room: "triage" });
    await h.chatSay(room, {
      value: { action: "triage.resolve", reportId: report.id, form: "triage", note: `${PHI} label reprinted` },
    });
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("resolved");
    expect(saved.history.at(-1)?.note).toMatch(PLACEHOLDERS);
    const submitted = (await h.chatActivities(room)).find((a: Any) => a.value?.action === "triage.resolve");
    expect(submitted.value.note).toBe(shown(h, `${PHI} label reprinted`));
    expect(await h.leaks()).toEqual([]);
  });
});

describe("reclassify values", () => {
  it("unit= typed as a Teams command", async () => {
    const report = await teamsReport();
    await h.teamsTriage({
      text: `<at>IT Feedback</at> reclassify ${report.id} unit="4 West ${PHI}" severity=high`,
      entities: [MENTION],
    });
    await h.runOutbox();
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.classification).toMatchObject({ source: "manual", severity: "high" });
    expect(saved.classification?.location).toBe(shown(h, `4 West ${PHI}`));
    expect(saved.history.at(-1)?.note).toMatch(PLACEHOLDERS);
    expect(await h.leaks()).toEqual([]);
  });

  it("unit and system of a forged card button (Teams)", async () => {
    const report = await teamsReport();
    await h.teamsTriage({
      text: undefined,
      replyToId: "card-1",
      value: { action: "triage.reclassify", reportId: report.id, unit: PHI },
    });
    expect((await h.store.reports.get(report.id))?.classification?.location).toMatch(PLACEHOLDERS);
    await h.teamsTriage({
      text: undefined,
      replyToId: "card-1",
      value: { action: "triage.reclassify", reportId: report.id, system: PHI },
    });
    const refusals = h.connector.sent().map((c) => JSON.stringify(c.body));
    expect(refusals.some((r) => r.includes("is not a known system"))).toBe(true);
    expect(await h.leaks()).toEqual([]);
  });
});

describe("what triage says back quotes only redacted text", () => {
  it("a mistyped command in the web chat triage room gets a hint quoting the redacted text", async () => {
    const room = await h.chat({ user: "dl_it", room: "triage" });
    await h.chatSay(room, { text: `resolv R-0001 ${PHI} ok now` });
    const log = JSON.stringify(await h.chatActivities(room));
    expect(log).toContain(`I didn't recognise “${shown(h, `resolv R-0001 ${PHI} ok now`)}”`);
    expect(await h.leaks()).toEqual([]);
  });

  it("a list command whose filter cannot be read gets a hint quoting the redacted value (Slack)", async () => {
    await h.slackMention(SLACK_TRIAGER, SLACK_TRIAGE, `list unit:"4 West" ${PHI}`);
    const told = h.api.callsTo("chat.postEphemeral").map((c) => String(c.args.text));
    expect(told.some((t) => t.includes("I couldn't read") && t.includes("Nothing listed"))).toBe(true);
    expect(await h.leaks()).toEqual([]);
  });

  it("a duplicate-of form value that is not a report id (Teams)", async () => {
    const report = await teamsReport();
    await h.teamsTriage({
      text: undefined,
      replyToId: "form-2",
      value: { action: "triage.duplicate", reportId: report.id, form: "triage", duplicateOf: PHI },
    });
    const replies = h.connector.sent().map((c) => JSON.stringify(c.body));
    expect(replies.some((r) => r.includes("is not a report id"))).toBe(true);
    expect((await h.store.reports.get(report.id))?.status).toBe("new");
    expect(await h.leaks()).toEqual([]);
  });

  it("an assignee carrying a record number is refused (Slack command)", async () => {
    const report = await slackReport();
    await h.slackMention(SLACK_TRIAGER, SLACK_TRIAGE, `assign ${report.id} ${PHI}`);
    expect((await h.store.reports.get(report.id))?.assignee).toBeNull();
    const told = h.api.callsTo("chat.postEphemeral").map((c) => String(c.args.text));
    expect(told.some((t) => t.includes("looked like patient details"))).toBe(true);
    expect(await h.leaks()).toEqual([]);
  });

  it("a triager's own name is kept as the assignee", async () => {
    const report = await teamsReport();
    await h.teamsTriage({ text: `<at>IT Feedback</at> assign ${report.id} Dana Lee`, entities: [MENTION] });
    expect((await h.store.reports.get(report.id))?.assignee).toBe("Dana Lee");
  });
});
