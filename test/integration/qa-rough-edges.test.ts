/**
 * Rough edges from the QA pass of the demo, pinned through the real intake core and triage service
 * (embedded store in memory): cluster wording counts people not reports, a vague message is not
 * taken as a unit, and answered question cards stay answered.
 */
import { fileUnansweredOnce } from "../../src/jobs/intake-timeout";
import type { BotMessage } from "../../src/domain/message";
import {
  classifyNext,
  intakeHarness,
  intakeWithTriage,
  message,
  sender,
  type IntakeHarness,
} from "../support/intake-harness";

/** With triage, so classified reports are clustered. */
/** The message queued to the reporter when a report was classified (the confirmation). */
async function confirmationFor(h: IntakeHarness, reportId: string): Promise<BotMessage> {
  const due = await h.store.outbox.claimDue("t", h.clock.now(), 60_000, 100);
  const found = due.find((m) => m.key.startsWith(`intake:${reportId}:classified`));
  if (!found) throw new Error(`no confirmation queued for ${reportId}`);
  return found.message as unknown as BotMessage;
}

const PRINTER = "the label printer in the ED prints blank labels";

describe("QA rough edges: cluster wording counts other people, not reports", () => {
  async function fileAs(h: IntakeHarness, userId: string, text = PRINTER) {
    const id = (await h.core.onMessage({ ...message(text), sender: sender(userId) })).replies[0]!.trackForReport!;
    const classified = await classifyNext(h);
    expect(classified.id).toBe(id);
    h.clock.advance(60_000);
    return { id, confirmation: await confirmationFor(h, id) };
  }

  it("tells a nurse who reports the same problem twice that she reported it already, not that a colleague did", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("label printer", { system: "printer", location: "ED", missing: [] });
    const first = await fileAs(h, "nurse-a");
    const again = await fileAs(h, "nurse-a");
    expect((await h.store.reports.get(again.id))?.clusterId).toBe(first.id);
    expect(again.confirmation.text).toContain(
      `You reported this already as ${first.id} (New) — I've added this to it.`,
    );
    expect(again.confirmation.text).not.toMatch(/colleague/);

    // Another nurse: one colleague (nurse A), however many times she reported it.
    const other = await fileAs(h, "nurse-b");
    expect(other.confirmation.text).toContain(
      `1 colleague reported this too — it's being handled as ${first.id} (New).`,
    );
    // Nurse A a third time: only nurse B is a colleague; her own two reports are not.
    const third = await fileAs(h, "nurse-a");
    expect(third.confirmation.text).toContain(`1 colleague reported this too — it's being handled as ${first.id}`);
    const fourth = await fileAs(h, "nurse-c");
    expect(fourth.confirmation.text).toContain("2 colleagues reported this too");
  });

  it("compares anonymous reporters by their hashed reference", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("label printer", { system: "printer", location: "ED", missing: [] });
    const first = await fileAs(h, "nurse-a", `anonymous: ${PRINTER}`);
    const again = await fileAs(h, "nurse-a", `anonymous: ${PRINTER}`);
    expect((await h.store.reports.get(again.id))?.reporter.anonymous).toBe(true);
    expect(again.confirmation.text).toContain(`You reported this already as ${first.id}`);
    const other = await fileAs(h, "nurse-b", `anon: ${PRINTER}`);
    expect(other.confirmation.text).toContain("1 colleague reported this too");
  });
});

describe("QA rough edges: typed answers to a pending question", () => {
  async function askedForUnit() {
    const h = await intakeHarness();
    h.classifier.when("Epic froze", { system: "ehr", location: null, missing: ["location"] });
    h.classifier.when("broken again", { system: "other", location: null, missing: [] });
    const id = (await h.core.onMessage(message("Epic froze when I opened the chart"))).replies[0]!.trackForReport!;
    expect((await classifyNext(h)).intake.questions.map((q) => q.field)).toEqual(["location"]);
    h.clock.advance(10_000);
    return { h, id };
  }

  it("files a vague short message as a new report instead of taking it as the unit, and keeps the question", async () => {
    const { h, id } = await askedForUnit();
    const vague = await h.core.onMessage(message("it's broken again"));
    expect(vague.replies[0]!.trackForReport).toMatch(/^R-\d{4}$/);
    expect(vague.replies[0]!.trackForReport).not.toBe(id);
    expect(await h.store.reports.count({})).toBe(2);
    const report = await h.store.reports.get(id);
    expect(report?.classification?.location).toBeNull();
    expect(report?.intake.stage).toBe("asking");
    expect(report?.intake.questions.map((q) => q.field)).toEqual(["location"]);
  });

  it("does not take a bare system name as the unit", async () => {
    const { h, id } = await askedForUnit();
    await h.core.onMessage(message("Pyxis"));
    expect((await h.store.reports.get(id))?.classification?.location).toBeNull();
    expect(await h.store.reports.count({})).toBe(2);
  });

  it.each([
    ["4 West", "4 West"],
    ["on 5 North", "5 North"],
    ["Emergency room", "ED"],
    ["in the PICU", "ICU"],
    ["Cath lab", "Cath lab"],
    ["Rehab gym", "Rehab gym"],
  ])("takes %p as the unit (%p)", async (typed, unit) => {
    const { h, id } = await askedForUnit();
    const answered = await h.core.onMessage(message(typed));
    expect(answered.replies[0]!.message.title).toBe(`${id} filed`);
    expect((await h.store.reports.get(id))?.classification?.location).toBe(unit);
    expect(await h.store.reports.count({})).toBe(1);
  });

  it("takes a system alias or a choice label as the system, and files anything else as a report", async () => {
    const h = await intakeHarness();
    h.classifier.when("keeps failing", { system: "other", location: "4 West", missing: ["system"] });
    h.classifier.when("jammed", { system: "printer", location: "4 West", missing: [] });
    const ask = async () => {
      const id = (await h.core.onMessage(message("it keeps failing"))).replies[0]!.trackForReport!;
      expect((await classifyNext(h)).intake.questions.map((q) => q.field)).toEqual(["system"]);
      h.clock.advance(10_000);
      return id;
    };
    const a = await ask();
    await h.core.onMessage(message("the Pyxis"));
    expect((await h.store.reports.get(a))?.classification?.system).toBe("dispensing_cabinet");
    const b = await ask();
    await h.core.onMessage(message("Printers"));
    expect((await h.store.reports.get(b))?.classification?.system).toBe("printer");
    // A plain phrase naming no catalogue system is still an answer: the gate classifier guesses the system.
    h.gate.when("wall thing", { system: "patient_monitoring" });
    const d = await ask();
    await h.core.onMessage(message("the wall thing"));
    expect((await h.store.reports.get(d))?.classification?.system).toBe("patient_monitoring");
    const c = await ask();
    const before = await h.store.reports.count({});
    const report = await h.core.onMessage(message("label printer jammed again"));
    expect(report.replies[0]!.trackForReport).not.toBe(c);
    expect(await h.store.reports.count({})).toBe(before + 1);
    expect((await h.store.reports.get(c))?.intake.stage).toBe("asking");
  });
});

describe("QA rough edges: answered question cards", () => {
  it("answers a button pressed on an already answered question with what was answered, changing nothing", async () => {
    const h = await intakeHarness();
    h.classifier.when("Epic froze", { system: "ehr", location: null, missing: ["location"] });
    const id = (await h.core.onMessage(message("Epic froze when I opened the chart"))).replies[0]!.trackForReport!;
    await classifyNext(h);
    await h.core.onMessage(message("4 West"));
    const before = await h.store.reports.get(id);

    const stale = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "location", value: "__skip__" },
      messageRef: "old-card",
    });
    expect(stale.update).toBeUndefined();
    expect(stale.replies).toEqual([{ message: { text: "Already answered — Unit is 4 West." }, ephemeral: true }]);
    const after = await h.store.reports.get(id);
    expect(after?.version).toBe(before?.version);
    expect(after?.classification?.location).toBe("4 West");
  });

  it("says a skipped question was skipped, and a question that timed out is closed", async () => {
    const h = await intakeHarness();
    h.classifier.when("Epic froze", { system: "ehr", location: null, missing: ["location", "impact"] });
    const id = (await h.core.onMessage(message("Epic froze when I opened the chart"))).replies[0]!.trackForReport!;
    await classifyNext(h);
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "location", value: "__skip__" },
      messageRef: "card",
    });
    const skipped = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "location", value: "__skip__" },
      messageRef: "card",
    });
    expect(skipped.replies[0]!.message.text).toBe("Already answered — Unit was skipped.");
    h.clock.advance(10 * 60_000);
    await fileUnansweredOnce(h.deps);
    expect((await h.store.reports.get(id))?.intake.stage).toBe("confirmed");
    const late = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "impact", value: "patients_now" },
      messageRef: "card",
    });
    expect(late.replies[0]!.message.text).toBe(`That question is closed — ${id} was filed without it.`);
    expect((await h.store.reports.get(id))?.classification?.patientSafety).toBe(false);
  });

  it("settles the question card in place when the question is answered by typing, and tracks the new card", async () => {
    const h = await intakeHarness();
    h.classifier.when("Epic froze", { system: "ehr", location: null, missing: ["location"] });
    const id = (await h.core.onMessage(message("Epic froze when I opened the chart"))).replies[0]!.trackForReport!;
    await classifyNext(h);
    await h.core.recordIntakeMessage(id, "question-card-ref");
    await h.store.outbox.claimDue("t", h.clock.now(), 60_000, 100); // the question card itself

    const typed = await h.core.onMessage(message("4 West"));
    expect(typed.replies[0]!.trackForReport).toBe(id);
    const due = await h.store.outbox.claimDue("t", h.clock.now(), 60_000, 100);
    const settle = due.find((m) => m.replaceRef === "question-card-ref");
    expect(settle).toBeDefined();
    const card = settle!.message as unknown as BotMessage;
    expect(card.question).toBeUndefined();
    expect(card.actions).toBeUndefined();
    expect(card.facts).toContainEqual({ label: "Unit", value: "4 West" });
    expect(card.note).toBe("Answered: Unit is 4 West.");
  });
});
