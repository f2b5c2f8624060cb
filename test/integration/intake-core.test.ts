import { fileUnansweredOnce } from "../../src/jobs/intake-timeout";
import { classifyNext, intakeHarness, message, sender } from "../support/intake-harness";

describe("intake conversation", () => {
  it("stores the redacted report before acknowledging, with an id a person can say", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("Epic froze on 4 West for MRN 1234567"));
    const reply = response.replies[0]!;
    expect(reply.trackForReport).toMatch(/^R-\d{4}$/);
    const stored = await h.store.reports.get(reply.trackForReport!);
    expect(stored?.text).toBe("Epic froze on 4 West for [MRN]");
    expect(stored?.status).toBe("new");
    expect(stored?.classification).toBeNull();
    expect(reply.message.note).toContain("record number");
  });

  it("answers greetings and thanks with help and files nothing", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("hello there"));
    expect(response.replies[0]!.message.text).toMatch(/Tell me in one sentence/);
    expect(await h.store.reports.count({})).toBe(0);
  });

  it.each([
    ["", /didn't get any text/],
    ["   \n ", /didn't get any text/],
    ["🙄🙄💀", /only file reports in words/],
    ["\u0000\u0001\u0002\u0003garbage\u0004\u0005\u0006\u0007", /couldn't read/],
  ])("gives a clear answer to bad input %j and files nothing", async (text, expected) => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message(text));
    expect(response.replies[0]!.message.text).toMatch(expected);
    expect(await h.store.reports.count({})).toBe(0);
  });

  it("keeps the first 4,000 characters of a long message and says so; mentions attachments", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message(`printer jam ${"x".repeat(5000)}`, { attachments: 2 }));
    const stored = await h.store.reports.get(response.replies[0]!.trackForReport!);
    expect(stored?.text.length).toBe(4000);
    expect(stored?.truncated).toBe(true);
    expect(stored?.attachmentsDropped).toBe(2);
    expect(response.replies[0]!.message.note).toMatch(/first 4,000 characters/);
    expect(response.replies[0]!.message.note).toMatch(/Attachments aren't stored/);
  });

  it("never files a retried delivery twice", async () => {
    const h = await intakeHarness();
    await h.core.onMessage(message("scanner broken on 5 North", { deliveryId: "Ev1" }));
    const again = await h.core.onMessage(message("scanner broken on 5 North", { deliveryId: "Ev1" }));
    expect(again.replies).toHaveLength(0);
    expect(await h.store.reports.count({})).toBe(1);
  });

  it("stores only a hashed reference and an opaque conversation alias for anonymous reports", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("anonymous: everyone shares one Pyxis login on 3 East"));
    const stored = await h.store.reports.get(response.replies[0]!.trackForReport!);
    expect(stored?.reporter.anonymous).toBe(true);
    expect(stored?.reporter.ref).toMatch(/^anon:[0-9a-f]{32}$/);
    expect(JSON.stringify(stored)).not.toContain("U1");
    expect(stored?.conversationKey).toMatch(/^alias:/);
    expect(await h.store.conversations.get(stored!.conversationKey!)).toEqual({ aliasOf: "slack:T1:U1" });
    expect(stored?.text).toBe("everyone shares one Pyxis login on 3 East");
    // the reporter still sees it under "my reports"
    const mine = await h.core.onMessage(message("my reports"));
    expect(mine.replies[0]!.message.facts?.[0]?.label).toBe(stored!.id);
  });

  it("confirms with kind, system and severity in place of the acknowledgement once classified", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("BCMA scanner on 4 West won't scan"));
    const id = response.replies[0]!.trackForReport!;
    await h.core.recordIntakeMessage(id, "C1:111.222");
    h.classifier.when("BCMA", {
      kind: "disruption",
      system: "bcma",
      severity: "high",
      // Not a patient-safety report: those get the safety question first (safety-question.test.ts).
      patientSafety: false,
      summary: "BCMA scanner not scanning on 4 West",
    });
    const classified = await classifyNext(h);
    expect(classified.classification?.system).toBe("bcma");
    expect(classified.intake.stage).toBe("confirmed");
    const [queued] = await h.store.outbox.claimDue("t", h.clock.now(), 1000, 10);
    expect(queued?.recordRefOn).toEqual({ reportId: id, field: "intakeMessageRef" });
    const msg = queued!.message as { title: string; facts: { label: string; value: string }[] };
    expect(msg.title).toBe(`${id} filed`);
    expect(msg.facts).toEqual(
      expect.arrayContaining([
        { label: "System", value: expect.stringMatching(/bar-code|BCMA/i) },
        { label: "Severity", value: "high" },
      ]),
    );
  });

  it("asks at most two questions for what is missing, accepts a typed answer, then confirms", async () => {
    const h = await intakeHarness();
    h.classifier.when("can't get in", {
      kind: "access",
      system: "other",
      location: null,
      severity: "medium",
      missing: ["system", "location", "impact"],
    });
    const response = await h.core.onMessage(message("can't get in"));
    const id = response.replies[0]!.trackForReport!;
    const asked = await classifyNext(h);
    expect(asked.intake.stage).toBe("asking");
    expect(asked.intake.questions.map((q) => q.field)).toEqual(["system", "location"]);

    const first = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "system", value: "identity_access" },
      messageRef: null,
    });
    expect(first.update?.question?.field).toBe("location");
    const second = await h.core.onMessage(message("5 North"));
    expect(second.replies[0]!.message.title).toBe(`${id} filed`);
    const done = await h.store.reports.get(id);
    expect(done?.classification).toMatchObject({ system: "identity_access", location: "5 North" });
    expect(done?.intake.stage).toBe("confirmed");
  });

  it("rebuilds a vague report's generic summary once the answer names the system", async () => {
    const h = await intakeHarness();
    h.classifier.when("it's down again", {
      kind: "disruption",
      system: "other",
      location: "4 West",
      summary: "An unidentified system is not working as it should (4 West).",
      missing: ["system"],
    });
    const id = (await h.core.onMessage(message("it's down again"))).replies[0]!.trackForReport!;
    expect((await classifyNext(h)).intake.stage).toBe("asking");
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "system", value: "printer" },
      messageRef: null,
    });
    const done = await h.store.reports.get(id);
    expect(done?.classification).toMatchObject({
      system: "printer",
      summary: "Printers are not working as they should (4 West).",
    });
  });

  it("files a report as is when the questions go unanswered for a few minutes", async () => {
    const h = await intakeHarness();
    h.classifier.when("freezes", { system: "other", missing: ["system"] });
    await h.core.onMessage(message("it freezes when you hit save"));
    const asked = await classifyNext(h);
    expect(asked.intake.stage).toBe("asking");
    h.clock.advance(4 * 60_000);
    await fileUnansweredOnce(h.deps);
    expect((await h.store.reports.get(asked.id))?.intake.stage).toBe("asking");
    h.clock.advance(2 * 60_000);
    await fileUnansweredOnce(h.deps);
    expect((await h.store.reports.get(asked.id))?.intake.stage).toBe("confirmed");
  });

  it("refuses to let someone else answer or change a report", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("printer on 2 South jams"));
    const id = response.replies[0]!.trackForReport!;
    const other = await h.core.onAction({
      sender: sender("U2"),
      action: "urgent",
      data: { reportId: id },
      messageRef: null,
    });
    expect(other.replies[0]!.message.text).toMatch(/Only the person who reported/);
    expect((await h.store.reports.get(id))?.urgent).toBe(false);
  });

  it("marks urgent (raising severity to high) and makes a report anonymous after the fact", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("label printer on 2 South prints blank"));
    const id = response.replies[0]!.trackForReport!;
    await classifyNext(h);
    await h.core.onAction({ sender: sender(), action: "urgent", data: { reportId: id }, messageRef: null });
    expect((await h.store.reports.get(id))?.classification?.severity).toBe("high");
    await h.core.onAction({ sender: sender(), action: "anonymous", data: { reportId: id }, messageRef: null });
    const anon = await h.store.reports.get(id);
    expect(anon?.reporter).toMatchObject({ anonymous: true, displayName: null });
    expect(JSON.stringify(anon)).not.toContain("slack:U1");
    expect(JSON.stringify(anon)).not.toContain("Nurse U1");
  });

  it("adds detail through a form, redacted", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("pump alarms too quiet in PICU"));
    const id = response.replies[0]!.trackForReport!;
    const form = await h.core.onAction({
      sender: sender(),
      action: "add_detail",
      data: { reportId: id },
      messageRef: null,
    });
    expect(form.openForm).toMatchObject({ kind: "add_detail", reportId: id });
    await h.core.onAction({
      sender: sender(),
      action: "add_detail",
      data: { reportId: id, detail: "bed 3, MRN 555123" },
      messageRef: null,
    });
    expect((await h.store.reports.get(id))?.text).toContain("Added detail: bed 3, [MRN]");
  });

  it("answers with an apology and a reference, never internals, when the store fails", async () => {
    const h = await intakeHarness();
    await h.store.close();
    const response = await h.core.onMessage(message("Epic is down on 4 West"));
    const text = response.replies[0]!.message.text;
    expect(text).toMatch(/^Sorry/);
    expect(text).toMatch(/reference E-[0-9a-f]{6}/);
    expect(text).not.toMatch(/sqlite|Error:|\n\s+at /i);
  });

  it("falls back to the gate classifier when the classifier throws, and flags the report", async () => {
    const h = await intakeHarness();
    await h.core.onMessage(message("Vocera badges dropping calls on 6 East"));
    h.classifier.failNext = 1;
    const classified = await classifyNext(h);
    expect(classified.classification).not.toBeNull();
    expect(classified.needsReview).toBe(true);
  });
});
