import type { InboundAction, Sender } from "../../src/app/intake/core-types";
import { plainText } from "../../src/domain/message";
import { NURSE, TRIAGER_1, TRIAGER_2, createTriageHarness, type Harness } from "./triage-harness";

const press = (sender: Sender, action: string, reportId: string, data: Record<string, string> = {}): InboundAction => ({
  sender,
  action: `triage.${action}`,
  data: { reportId, card: "triage", ...data },
  messageRef: "slack-msg-1",
});

describe("triage actions", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness(undefined, { slackGroups: { S0ITGROUP: ["UGROUPMEMBER"] } });
  });
  afterEach(() => h.close());

  it("acknowledge from the card: status, history, audit, card updated in place, reporter told", async () => {
    const { report } = await h.file("printer on 4 West jams", { system: "printer", location: "4 West" });
    await h.drain();
    const response = await h.triage.handleAction(press(TRIAGER_1, "ack", report.id));
    expect(plainText(response.replies[0]!.message)).toContain(`${report.id}: Acknowledged`);
    expect(response.replies[0]!.ephemeral).toBe(true);
    expect(response.update?.facts?.find((f) => f.label === "Status")?.value).toBe("Acknowledged");
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("acknowledged");
    expect(saved.acknowledgedAt).toEqual(h.clock.now());
    expect(saved.history.at(-1)).toMatchObject({
      action: "acknowledged",
      from: "new",
      to: "acknowledged",
      actor: "Dana Lee (slack:UTRIAGE1)",
    });
    const audit = await h.store.audit.listForReport(report.id);
    expect(audit.at(-1)).toMatchObject({
      actor: "Dana Lee (slack:UTRIAGE1)",
      action: "acknowledged",
      before: expect.objectContaining({ status: "new" }),
      after: expect.objectContaining({ status: "acknowledged" }),
    });
    await h.drain();
    const toReporter = h.senders.teams.sent.filter((s) => s.target.conversationKey === report.conversationKey);
    expect(toReporter).toHaveLength(1);
    expect(plainText(toReporter[0]!.message)).toMatch(
      new RegExp(`Update on your report ${report.id}\\b[\\s\\S]*Acknowledged`),
    );
    // The pressed card was updated by the response: no extra outbox card update.
    expect(h.senders.slack.sent.filter((s) => s.replaceRef)).toHaveLength(0);
  });

  it("a non-triager gets a polite refusal and nothing changes", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    const response = await h.triage.handleAction(press(NURSE, "resolve", report.id, { note: "done" }));
    expect(plainText(response.replies[0]!.message)).toMatch(/^Sorry — only the IT triage team/);
    expect(response.update).toBeUndefined();
    expect((await h.store.reports.get(report.id))?.status).toBe("new");
    expect(await h.store.audit.listForReport(report.id)).toHaveLength(1); // only the routing entry
    const byCommand = await h.triage.handleCommand(NURSE, `ack ${report.id}`);
    expect(plainText(byCommand!.replies[0]!.message)).toMatch(/only the IT triage team/);
    expect(plainText((await h.triage.handleCommand(NURSE, "list"))!.replies[0]!.message)).toMatch(
      /only the IT triage team/,
    );
  });

  it("members of a configured Slack user group may triage", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    const member: Sender = { ...NURSE, userId: "UGROUPMEMBER", userName: "Group Member" };
    await h.triage.handleCommand(member, `ack ${report.id}`);
    expect((await h.store.reports.get(report.id))?.status).toBe("acknowledged");
  });

  it("resolve needs a note; the button offers a form, the command supplies it", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    const asked = await h.triage.handleAction(press(TRIAGER_1, "resolve", report.id));
    expect(asked.openForm).toMatchObject({ kind: "triage", verb: "resolve", reportId: report.id, field: "note" });
    expect(asked.replies).toEqual([]);
    expect((await h.store.reports.get(report.id))?.status).toBe("new");
    const typedWithoutNote = await h.triage.handleCommand(TRIAGER_1, `resolve ${report.id}`);
    expect(plainText(typedWithoutNote!.replies[0]!.message)).toContain(`resolve ${report.id} <what was done>`);
    await h.triage.handleCommand(TRIAGER_1, `resolve ${report.id} replaced the fuser`);
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("resolved");
    expect(saved.resolvedAt).toEqual(h.clock.now());
    await h.drain();
    const note = h.senders.teams.sent.find((s) => s.target.conversationKey === report.conversationKey);
    expect(plainText(note!.message)).toContain("Resolved — replaced the fuser");
    // Text command: the card is updated through the outbox, in place.
    const update = h.senders.slack.sent.find((s) => s.replaceRef !== null);
    expect(update?.message.facts?.find((f) => f.label === "Status")?.value).toBe("Resolved");
  });

  it("two triagers resolving at once: one wins, the other is told who did it", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    const [a, b] = await Promise.all([
      h.triage.handleCommand(TRIAGER_1, `resolve ${report.id} fixed by A`),
      h.triage.handleCommand(TRIAGER_2, `resolve ${report.id} fixed by B`),
    ]);
    const texts = [plainText(a!.replies[0]!.message), plainText(b!.replies[0]!.message)];
    const winners = texts.filter((t) => t.includes(": Resolved."));
    const losers = texts.filter((t) => /already Resolved by (Dana Lee|Sam Ortiz)/.test(t));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.history.filter((e) => e.action === "resolved")).toHaveLength(1);
    expect((await h.store.audit.listForReport(report.id)).filter((e) => e.action === "resolved")).toHaveLength(1);
    await h.drain();
    expect(h.senders.teams.sent.filter((s) => plainText(s.message).includes("Resolved"))).toHaveLength(1);
  });

  it("in progress, won't fix and reopen follow the status model", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    await h.triage.handleCommand(TRIAGER_1, `progress ${report.id}`);
    expect((await h.store.reports.get(report.id))?.status).toBe("in_progress");
    await h.triage.handleCommand(TRIAGER_1, `wontfix ${report.id} printer is being retired next week`);
    expect((await h.store.reports.get(report.id))?.status).toBe("wont_fix");
    h.clock.advance(60_000); // outbox order follows time
    const again = await h.triage.handleCommand(TRIAGER_1, `progress ${report.id}`);
    expect(plainText(again!.replies[0]!.message)).toMatch(/now Won't fix/);
    await h.triage.handleCommand(TRIAGER_1, `reopen ${report.id} retirement postponed`);
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("acknowledged");
    expect(saved.resolvedAt).toBeNull();
    await h.drain();
    const notes = h.senders.teams.sent
      .filter((s) => s.target.conversationKey === report.conversationKey)
      .map((s) => plainText(s.message));
    expect(notes).toEqual([
      // IT's first word on a report nobody had acknowledged: the reporter hears it.
      expect.stringContaining("In progress — IT is working on it"),
      expect.stringContaining("Won't fix — printer is being retired next week"),
      expect.stringContaining("Reopened — IT is looking at it again — retirement postponed"),
    ]);
  });

  it("assign to me and to someone else", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    const response = await h.triage.handleAction(press(TRIAGER_1, "assign", report.id));
    expect(response.update?.facts?.find((f) => f.label === "Assignee")?.value).toBe("Dana Lee");
    await h.triage.handleCommand(TRIAGER_1, `assign ${report.id} @sam.ortiz`);
    expect((await h.store.reports.get(report.id))?.assignee).toBe("sam.ortiz");
    expect((await h.store.audit.listForReport(report.id)).filter((a) => a.action === "assigned")).toHaveLength(2);
    await h.drain();
    // The first assignment of a report nobody had acknowledged tells the reporter (without a name);
    // the re-assignment does not.
    const notes = h.senders.teams.sent
      .filter((s) => s.target.conversationKey === report.conversationKey)
      .map((s) => plainText(s.message));
    expect(notes).toEqual([expect.stringContaining("Picked up — someone in IT has it now")]);
    expect(notes.join(" ")).not.toMatch(/Dana|sam\.ortiz/);
  });

  it("in progress after an acknowledgement does not tell the reporter twice", async () => {
    const { report } = await h.file("printer jams", { system: "printer" });
    await h.triage.handleCommand(TRIAGER_1, `ack ${report.id}`);
    h.clock.advance(60_000);
    await h.triage.handleCommand(TRIAGER_1, `progress ${report.id}`);
    h.clock.advance(60_000);
    await h.triage.handleCommand(TRIAGER_1, `assign ${report.id} me`);
    await h.drain();
    const notes = h.senders.teams.sent
      .filter((s) => s.target.conversationKey === report.conversationKey)
      .map((s) => plainText(s.message));
    expect(notes).toEqual([expect.stringContaining("Acknowledged — IT is looking at it")]);
  });

  it("reclassify records a manual classification, re-routes nothing, alerts when it becomes critical", async () => {
    const { report } = await h.file("printer jams", { system: "printer", severity: "low" });
    await h.triage.handleCommand(TRIAGER_1, `reclassify ${report.id} kind=usability severity=critical unit="4 West"`);
    const c = (await h.store.reports.get(report.id))!.classification!;
    expect(c).toMatchObject({
      kind: "usability",
      severity: "critical",
      location: "4 West",
      source: "manual",
      system: "printer",
    });
    expect((await h.store.audit.listForReport(report.id)).at(-1)).toMatchObject({
      action: "reclassified",
      before: expect.objectContaining({ kind: "disruption", severity: "low" }),
      after: expect.objectContaining({ kind: "usability", severity: "critical", classificationSource: "manual" }),
    });
    await h.drain();
    expect(h.senders.slack.sent.filter((s) => s.target.destination === "C0ONCALL")).toHaveLength(1);
  });

  it("list filters open reports; show gives one timeline with names and field changes", async () => {
    await h.file("printer jams on 4 West", { system: "printer", location: "4 West", severity: "low" });
    const { report: lab } = await h.file("lab results missing", {
      system: "lab_system",
      location: "ICU",
      severity: "high",
    });
    await h.file("printer out of toner ICU", { system: "printer", location: "ICU", severity: "medium" });
    const list = await h.triage.handleCommand(TRIAGER_1, "list system=printer unit=icu");
    const text = plainText(list!.replies[0]!.message);
    expect(text).toContain("Open reports (system:printer unit:icu): 1");
    expect(text).toContain("toner");
    expect(text).not.toContain("4 West");
    const bad = await h.triage.handleCommand(TRIAGER_1, "list kind=outage");
    expect(plainText(bad!.replies[0]!.message)).toMatch(/Unknown kind "outage"/);
    await h.triage.handleCommand(TRIAGER_1, `ack ${lab.id}`);
    const shown = plainText((await h.triage.handleCommand(TRIAGER_1, `show ${lab.id}`))!.replies[0]!.message);
    expect(shown).toMatch(/History:[\s\S]*reported[\s\S]*routed[\s\S]*acknowledged New → Acknowledged by Dana Lee\n?/);
    expect(shown).not.toContain("Audit:");
    expect(shown).not.toContain("slack:UTRIAGE1");
    expect(shown.match(/acknowledged New → Acknowledged/g)).toHaveLength(1);
    expect(await h.triage.handleCommand(TRIAGER_1, "the printer is broken")).toBeNull();
  });

  it("unknown reports and buttons are answered, not thrown", async () => {
    const missing = await h.triage.handleCommand(TRIAGER_1, "ack R-9999");
    expect(plainText(missing!.replies[0]!.message)).toContain("I can't find R-9999");
    const odd = await h.triage.handleAction({ ...press(TRIAGER_1, "explode", "R-0001") });
    expect(plainText(odd.replies[0]!.message)).toMatch(/did not understand/);
  });
});
