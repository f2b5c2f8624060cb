/** "list …" as a triager reads it: safety first, then severity, oldest first; labels; filters; pages. */
import { defaultCatalogue } from "../../src/config/catalogue";
import { plainText } from "../../src/domain/message";
import { TRIAGER_1, createTriageHarness, type Harness } from "./triage-harness";

describe("the triage queue", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness(undefined, { catalogue: defaultCatalogue() });
  });
  afterEach(() => h.close());

  const list = async (words: string): Promise<string> =>
    plainText((await h.triage.handleCommand(TRIAGER_1, `list ${words}`))!.replies[0]!.message);
  const ids = (text: string): string[] => [...text.matchAll(/R-\d{4}/g)].map((m) => m[0]);

  it("orders by patient safety, then severity, then age, with human labels", async () => {
    const unit = "4 West";
    const oldLow = await h.file("toner low", { system: "printer", severity: "low", location: unit });
    h.clock.advance(60_000);
    const highOld = await h.file("scanner slow", { system: "bcma", severity: "high", location: unit });
    h.clock.advance(60_000);
    const highNew = await h.file("cabinet jams", { system: "dispensing_cabinet", severity: "high", location: unit });
    h.clock.advance(60_000);
    const safetyMedium = await h.file("wrong patient on label", {
      system: "printer",
      severity: "medium",
      patientSafety: true,
      location: unit,
    });
    const text = await list("open");
    expect(ids(text)).toEqual([safetyMedium, highOld, highNew, oldLow].map((f) => f.report.id));
    expect(text).toContain("Automated dispensing cabinet");
    expect(text).not.toContain("dispensing_cabinet");
    expect(text).toMatch(/🚨 R-\d{4} · Medium · New/);
  });

  it("filters by a quoted unit, a system label, mine and unacked; hints on unquoted spaces", async () => {
    const a = await h.file("scanner slow", { system: "bcma", location: "4 West" });
    h.clock.advance(25 * 3_600_000); // past the clustering window
    const b = await h.file("scanner dead", { system: "bcma", location: "5 East" });
    await h.triage.handleCommand(TRIAGER_1, `assign ${b.report.id} me`);
    expect(ids(await list('unit:"4 West"'))).toEqual([a.report.id]);
    expect(ids(await list("system:bcma mine"))).toEqual([b.report.id]);
    expect(ids(await list('system:"Bar-code medication administration"'))).toEqual([a.report.id, b.report.id]);
    await h.triage.handleCommand(TRIAGER_1, `ack ${b.report.id}`);
    expect(ids(await list("unacked"))).toEqual([a.report.id]);
    expect(ids(await list("unit=4 West"))).toEqual([a.report.id]);
    expect(ids(await list("unit=4 West system=bcma"))).toEqual([a.report.id]);
    expect(await list("system:toaster")).toMatch(/Unknown system "toaster"/);
  });

  it("pages beyond 25 and says how to get the next page", async () => {
    for (let i = 0; i < 30; i += 1) {
      await h.file(`printer ${i} jams`, { system: "printer" });
      h.clock.advance(25 * 3_600_000); // past the clustering window: 30 separate incidents
    }
    const first = await list("open");
    expect(first).toContain("Open reports: 30");
    expect(ids(first)).toHaveLength(25);
    expect(first).toContain("Page 1 of 2");
    expect(first).toContain('Next: "list open page 2"');
    const second = await list("open page 2");
    expect(ids(second)).toHaveLength(5);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(30);
  });
});

describe("Duplicate of… suggests the likely incidents", () => {
  it("offers open incidents on the same system, same unit first, never the report itself", async () => {
    const h = await createTriageHarness(undefined, { catalogue: defaultCatalogue() });
    try {
      const far = await h.file("scanner beeps, nothing scans", { system: "bcma", location: "5 East" });
      h.clock.advance(25 * 3_600_000);
      const near = await h.file("wristband scanner dead", { system: "bcma", location: "4 West" });
      h.clock.advance(25 * 3_600_000);
      await h.file("printer jams", { system: "printer", location: "4 West" });
      h.clock.advance(25 * 3_600_000);
      const mine = await h.file("cannot scan any wristband", { system: "bcma", location: "4 West" });
      const response = await h.triage.handleAction({
        sender: TRIAGER_1,
        action: "triage.duplicate",
        data: { reportId: mine.report.id, card: "triage" },
        messageRef: null,
      });
      const prompt = response.openForm && "prompt" in response.openForm ? response.openForm.prompt : "";
      expect(prompt).toMatch(new RegExp(`Likely: ${near.report.id} \\(4 West, [^)]*\\); ${far.report.id} \\(5 East`));
      expect(prompt).not.toContain(`${mine.report.id} (`);
    } finally {
      await h.close();
    }
  });
});
