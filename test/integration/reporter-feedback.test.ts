/** Reporters answer back: withdraw (typed, "cancel" while asked, or the button), still broken, fixed. */
import { parseFeedbackCommand } from "../../src/app/intake/reporter-feedback";
import { plainText, type BotMessage } from "../../src/domain/message";
import { classifyNext, intakeWithTriage, message, sender } from "../support/intake-harness";

const NURSE = sender("nurse-1", { channel: "webchat", conversationKey: "webchat:dl_nurse", direct: true });
const OTHER = sender("nurse-2", { channel: "webchat", conversationKey: "webchat:dl_other", direct: true });
const IT_ROOM = sender("it-1", { channel: "webchat", conversationKey: "webchat:triage", direct: true });

const say = (h: Awaited<ReturnType<typeof intakeWithTriage>>, text: string, who = NURSE) =>
  h.core.onMessage({ ...message(text), sender: who });
const textOf = (r: { replies: { message: Parameters<typeof plainText>[0] }[] }): string =>
  r.replies.map((x) => plainText(x.message)).join("\n");

describe("reporters answer back", () => {
  it("reads withdraw / cancel / still broken / fixed, and leaves ordinary reports alone", () => {
    expect(parseFeedbackCommand("withdraw R-1042")).toEqual({ verb: "withdraw", reportId: "R-1042" });
    expect(parseFeedbackCommand("cancel")).toEqual({ verb: "withdraw", reportId: null });
    expect(parseFeedbackCommand("still broken r1042")).toEqual({ verb: "still_broken", reportId: "R-1042" });
    expect(parseFeedbackCommand("fixed R-7!")).toEqual({ verb: "fixed", reportId: "R-0007" });
    for (const text of [
      "still broken",
      "fixed",
      "the printer is still broken on 4 West",
      "cancel button on the MAR is greyed out",
    ])
      expect(parseFeedbackCommand(text)).toBeNull();
  });

  it("'cancel' while a question is pending withdraws the report instead of answering it; IT's card says so", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("scanner", { system: "bcma", location: null, missing: ["location"] });
    const filed = await say(h, "scanner won't read wristbands");
    await classifyNext(h);
    const report = (await h.store.reports.find({}))[0]!;
    expect(report.intake.stage).toBe("asking");
    const reply = textOf(await say(h, "cancel"));
    expect(reply).toContain(`${report.id} is withdrawn`);
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("withdrawn");
    expect(saved.intake.questions).toEqual([]);
    expect(saved.history.at(-1)).toMatchObject({ action: "withdrawn", from: "new", to: "withdrawn" });
    const room = await h.store.outbox.get(`escalate:withdrawn:${report.id}`);
    expect(room?.message.title).toBe(`↩️ ${report.id} was withdrawn by its reporter`);
    expect(filed.replies.length).toBeGreaterThan(0);
    expect(textOf(await say(h, `withdraw ${report.id}`))).toMatch(/already Withdrawn; nothing to withdraw/);
  });

  it("only the reporter can withdraw, by id or by the confirmation's button", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("printer", { system: "printer", location: "ED", missing: [] });
    await say(h, "printer jams in ED");
    await classifyNext(h);
    const report = (await h.store.reports.find({}))[0]!;
    expect(textOf(await say(h, `withdraw ${report.id}`, OTHER))).toMatch(/Only the person who reported/);
    expect((await h.store.reports.get(report.id))!.status).toBe("new");
    const pressed = await h.core.onAction({
      sender: NURSE,
      action: "withdraw",
      data: { reportId: report.id },
      messageRef: null,
    });
    expect(textOf(pressed)).toContain("is withdrawn");
    expect((await h.store.reports.get(report.id))!.status).toBe("withdrawn");
  });

  it("'Still broken' on a resolution reopens the incident and tells IT; 'Fixed' is recorded", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("pyxis", { system: "dispensing_cabinet", location: "5 East", missing: [] });
    await say(h, "pyxis on 5 East won't open drawers");
    await classifyNext(h);
    const report = (await h.store.reports.find({}))[0]!;
    expect(textOf(await say(h, `still broken ${report.id}`))).toMatch(/still open/);
    await say(h, `resolve ${report.id} cabinet rebooted`, IT_ROOM);
    const resolved = (await h.store.reports.get(report.id))!;
    expect(resolved.status).toBe("resolved");
    const [update] = (await h.store.outbox.claimDue("t", h.clock.now(), 1000, 50)).filter((m) =>
      m.key.startsWith(`notify:${report.id}:resolved`),
    );
    expect((update?.message as BotMessage | undefined)?.actions?.map((a) => a.action)).toEqual([
      "fixed",
      "still_broken",
    ]);
    h.clock.advance(60_000);
    const pressed = await h.core.onAction({
      sender: NURSE,
      action: "still_broken",
      data: { reportId: report.id },
      messageRef: null,
    });
    expect(textOf(pressed)).toContain(`${report.id} is reopened and IT has been told`);
    const reopened = (await h.store.reports.get(report.id))!;
    expect(reopened.status).toBe("acknowledged");
    expect(reopened.history.at(-1)).toMatchObject({ action: "reopened", actor: "reporter" });
    const told = await h.store.outbox.get(`escalate:still-broken:${report.id}@v${resolved.version}`);
    expect(told?.message.title ?? "").toMatch(/Still broken, says the reporter/);
    await say(h, `resolve ${report.id} replaced the lock`, IT_ROOM);
    expect(textOf(await say(h, `fixed ${report.id}`))).toMatch(/glad .* is fixed/);
    expect((await h.store.reports.get(report.id))!.history.at(-1)).toMatchObject({ action: "confirmed fixed" });
  });
});
