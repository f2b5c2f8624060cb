import { plainText } from "../../src/domain/message";
import { createTriageHarness, type Harness } from "./triage-harness";

describe("triage routing, alerts and spikes", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness();
  });
  afterEach(() => h.close());

  it("posts the triage card to the destination of the first matching rule", async () => {
    await h.file("Epic freezes when I open the MAR", { system: "ehr", kind: "disruption" });
    await h.file("I can't log in to the pharmacy system", { system: "pharmacy_system", kind: "access" });
    await h.file("printer jams every morning", { system: "printer", kind: "disruption", location: "ICU" });
    await h.drain();
    const cards = h.sent().map((s) => [s.channel, s.target.destination, s.message.title]);
    expect(cards).toEqual([
      ["teams", "19:ehr@thread.tacv2", expect.stringContaining("Epic freezes")],
      ["slack", "C0ACCESS", expect.stringContaining("log in")],
      ["slack", "C0TRIAGE", expect.stringContaining("printer jams")],
    ]);
  });

  it("the card shows everything IT needs and remembers its ref on the report", async () => {
    const { report } = await h.file(
      "Epic freezes when I open the MAR",
      { system: "ehr", severity: "high", location: "4 West" },
      { reporter: { ref: "anon:abc", anonymous: true, displayName: null } },
    );
    await h.drain();
    const card = h.senders.teams.sent[0]!.message;
    const facts = Object.fromEntries((card.facts ?? []).map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({
      Kind: "Disruption",
      System: "ehr",
      Severity: "high",
      Unit: "4 West",
      "Patient safety": "no",
      Reporter: "anonymous (teams)",
      Cluster: "1 report",
      Status: "New",
    });
    expect(card.text).toBe("Epic freezes when I open the MAR");
    expect(card.actions?.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "triage.ack",
        "triage.assign",
        "triage.resolve",
        "triage.wontfix",
        "triage.duplicate",
        "triage.reclassify",
      ]),
    );
    expect(card.actions?.every((a) => a.data.reportId === report.id)).toBe(true);
    expect((await h.store.reports.get(report.id))?.triageMessageRef).toBe("teams-msg-1");
  });

  it("patient-safety and critical reports raise one marked alert at once", async () => {
    const { report } = await h.file("pump library wrong dose limits", {
      system: "infusion_pump",
      patientSafety: true,
      severity: "high",
    });
    await h.file("monitors all offline in ICU", {
      system: "patient_monitoring",
      severity: "critical",
      patientSafety: false,
    });
    await h.file("printer slow", { system: "printer", severity: "low" });
    await h.drain();
    const alerts = h.senders.slack.sent.filter((s) => s.target.destination === "C0ONCALL");
    expect(alerts).toHaveLength(2);
    expect(alerts[0]!.message.tone).toBe("attention");
    expect(alerts[0]!.message.title).toContain("🚨 Patient safety");
    expect(alerts[0]!.message.title).toContain(report.id);
    expect(alerts[1]!.message.title).toContain("Critical");
  });

  it("a repeat onClassified updates the card in place and never re-alerts", async () => {
    const { report } = await h.file("pump library wrong dose limits", { system: "infusion_pump", patientSafety: true });
    await h.drain();
    const before = h.sent().length;
    const cardRef = (await h.store.reports.get(report.id))?.triageMessageRef;
    expect(cardRef).toMatch(/^slack-msg-/);
    const info = await h.triage.onClassified((await h.store.reports.get(report.id))!);
    expect(info).toEqual({ clusterHeadId: report.id, clusterSize: 1, headStatus: "new" });
    await h.drain();
    const more = h.sent().slice(before);
    expect(more).toHaveLength(1);
    expect(more[0]!.replaceRef).toBe(cardRef);
    expect(more[0]!.target.destination).toBe("C0TRIAGE");
  });

  it("ignores what the classifier says is not a report", async () => {
    const { info } = await h.file("thanks!", { isReport: false });
    expect(info).toBeNull();
    await h.drain();
    expect(h.sent()).toHaveLength(0);
  });

  it("K reports on one system within M minutes raise one probable-outage alert", async () => {
    const texts = [
      "lab results not loading",
      "cannot see any lab results",
      "lab system down?",
      "lab interface stuck, no results",
      "results from lab missing for all",
      "still no lab results",
      "lab results gone",
    ];
    for (const [i, text] of texts.entries()) {
      await h.file(text, { system: "lab_system", severity: "medium", location: i % 2 ? "ICU" : "5 East" });
      h.clock.advance(2 * 60_000);
    }
    await h.drain();
    const spikes = h.sent().filter((s) => s.message.title?.startsWith("⚠️ Probable outage"));
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.target.destination).toBe("C0ONCALL");
    expect(plainText(spikes[0]!.message)).toMatch(/5 reports about lab_system in the last 15 minutes/);
    expect(plainText(spikes[0]!.message)).toMatch(/Units: (5 East, ICU|ICU, 5 East)/);
    // The count adds up: every one of the five reports is in one of the incidents listed.
    const listed = /Incidents?: (.*)/.exec(plainText(spikes[0]!.message))![1]!;
    const counted = listed
      .split(", ")
      .map((part) => Number(/\((\d+) reports\)/.exec(part)?.[1] ?? 1))
      .reduce((a, b) => a + b, 0);
    expect(counted).toBe(5);
  });

  it("reports spread over more than M minutes do not spike", async () => {
    for (let i = 0; i < 6; i++) {
      await h.file(`lab results not loading ${i}`, { system: "lab_system", severity: "medium" });
      h.clock.advance(5 * 60_000);
    }
    await h.drain();
    expect(h.sent().filter((s) => s.message.title?.startsWith("⚠️"))).toHaveLength(0);
  });
});
