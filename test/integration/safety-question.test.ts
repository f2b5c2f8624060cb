/**
 * Safety events in the hospital's terms, through the real intake core: a report flagged patient
 * safety gets one structured question (did it reach the patient? harm?) before anything else; the
 * answer is stored as the AHRQ Common Formats event class and, for medication events, the NCC MERP
 * category, and severity follows from it.
 */
import { SAFETY_ANSWERS } from "../../src/domain/safety-event";
import { classifyNext, intakeHarness, message, sender } from "../support/intake-harness";

async function flagged(text: string, classification: Record<string, unknown>) {
  const h = await intakeHarness();
  h.classifier.when(text.slice(0, 12), {
    kind: "disruption",
    severity: "high",
    patientSafety: true,
    location: "4 West",
    missing: ["impact"],
    ...classification,
  });
  const id = (await h.core.onMessage(message(text))).replies[0]!.trackForReport!;
  const asked = await classifyNext(h);
  return { h, id, asked };
}

describe("the patient-safety question", () => {
  it("is asked once, first, with the five answers and Skip; a report without the flag never gets it", async () => {
    const { asked } = await flagged("Pump let me program heparin at 10x the dose", {
      system: "infusion_pump",
      summary: "Infusion pump accepted a heparin rate 10x the order",
      missing: ["location", "impact"],
    });
    expect(asked.intake.stage).toBe("asking");
    const fields = asked.intake.questions.map((q) => q.field);
    expect(fields[0]).toBe("safety");
    expect(fields.filter((f) => f === "safety")).toHaveLength(1);
    expect(fields).not.toContain("impact"); // the safety answer says more than "affecting care?"
    expect(asked.intake.questions[0]!.choices.map((c) => c.value)).toEqual([...SAFETY_ANSWERS, "__skip__"]);

    const { asked: plain } = await flagged("Printer jams on labels", {
      system: "printer",
      patientSafety: false,
      severity: "medium",
      missing: ["impact"],
    });
    expect(plain.intake.questions.map((q) => q.field)).toEqual(["impact"]);
  });

  it("a wrong-dose programming caught before it reached the patient: near miss, NCC MERP B, critical", async () => {
    const { h, id } = await flagged("Pump let me program heparin at 10x the dose", {
      system: "infusion_pump",
      summary: "Infusion pump accepted a heparin rate 10x the order",
    });
    const answered = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "near_miss" },
      messageRef: null,
    });
    expect(answered.update?.title).toBe(`${id} filed`);
    const stored = await h.store.reports.get(id);
    expect(stored?.safetyEvent).toMatchObject({
      eventClass: "near_miss",
      reachedPatient: false,
      harm: "none",
      medication: true,
      nccMerp: "B",
      answer: "near_miss",
    });
    expect(stored?.classification?.severity).toBe("critical");
    expect(stored?.history.at(-1)).toMatchObject({ action: "answered safety", to: "near_miss" });
  });

  it("a Pyxis log-out, no patient involved: unsafe condition, no NCC MERP grade change to severity", async () => {
    const { h, id } = await flagged("Pyxis logged me out mid pull", {
      system: "dispensing_cabinet",
      summary: "Dispensing cabinet logs users out during a pull",
    });
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "unsafe_condition" },
      messageRef: null,
    });
    const stored = await h.store.reports.get(id);
    expect(stored?.safetyEvent).toMatchObject({ eventClass: "unsafe_condition", nccMerp: "A", medication: true });
    expect(stored?.classification?.severity).toBe("high");
  });

  it("harm to the patient is critical; a non-medication event carries no NCC MERP category", async () => {
    const { h, id } = await flagged("Monitor dropped telemetry for bed 4", {
      system: "patient_monitoring",
      summary: "Central station lost telemetry for a bed",
      severity: "medium",
    });
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "harm" },
      messageRef: null,
    });
    const stored = await h.store.reports.get(id);
    expect(stored?.safetyEvent).toMatchObject({ eventClass: "incident", reachedPatient: true, harm: "harm" });
    expect(stored?.safetyEvent?.nccMerp).toBeNull();
    expect(stored?.classification?.severity).toBe("critical");
  });

  it("a typed reply answers it ('caught it before'), a made-up button value is refused, Skip stores nothing", async () => {
    const typed = await flagged("Insulin dose on the MAR showed 10 times the order", {
      system: "ehr",
      summary: "MAR showed an insulin dose ten times the order",
    });
    await typed.h.core.onMessage(message("caught it before"));
    expect((await typed.h.store.reports.get(typed.id))?.safetyEvent).toMatchObject({
      eventClass: "near_miss",
      nccMerp: "B",
    });

    const { h, id } = await flagged("Scanner accepted the wrong wristband", { system: "bcma" });
    const refused = await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "definitely_fine" },
      messageRef: null,
    });
    expect(JSON.stringify(refused)).toContain("isn't one of the choices");
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "__skip__" },
      messageRef: null,
    });
    const skipped = await h.store.reports.get(id);
    expect(skipped?.safetyEvent ?? null).toBeNull();
    expect(skipped?.classification?.severity).toBe("high");
    expect(skipped?.intake.stage).toBe("confirmed");
  });
});
