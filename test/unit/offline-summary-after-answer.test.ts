/**
 * The summary after a follow-up answer: a vague report's generic sentence is rebuilt from the
 * answered system or unit; a summary in the reporter's words is kept and only gains the unit.
 */
import { classifyOffline } from "../../src/adapters/classifier-offline/offline-classifier";
import { summaryAfterAnswer } from "../../src/adapters/classifier-offline/summary-after-answer";
import { loadCatalogue } from "../../src/config/catalogue";
import type { ClassificationResult } from "../../src/domain/classification";

const catalogue = loadCatalogue();
const classify = classifyOffline(catalogue);

/** The classification with one field answered (as applyAnswer does it). */
const answered = (before: ClassificationResult, change: Partial<ClassificationResult>): ClassificationResult => ({
  ...before,
  ...change,
});

describe("summaryAfterAnswer", () => {
  it("rebuilds the generic sentence once the system is known", () => {
    const before = classify("it's down again, nothing works");
    expect(before.system).toBe("other");
    expect(before.summary).toMatch(/^An unidentified system is not working as it should/u);
    const after = answered(before, { system: "printer" });
    const summary = summaryAfterAnswer(before, after, catalogue);
    expect(summary).toBe("Printers are not working as they should.");
    expect(summary).not.toMatch(/unidentified/u);
  });

  it("rebuilds the generic sentence with the answered unit, and with both", () => {
    const before = classify("it's down again, nothing works");
    const withUnit = answered(before, { location: "Station 3" });
    expect(summaryAfterAnswer(before, withUnit, catalogue)).toBe(
      "An unidentified system is not working as it should (Station 3).",
    );
    const withBoth = answered(withUnit, { system: "ehr" });
    const second = summaryAfterAnswer(
      { ...withUnit, summary: summaryAfterAnswer(before, withUnit, catalogue) },
      withBoth,
      catalogue,
    );
    expect(second).toBe("Electronic health record is not working as it should (Station 3).");
  });

  it("keeps a summary in the reporter's words and adds the answered unit once", () => {
    const before = classify("the label printer keeps jamming every single time we print wristbands");
    expect(before.location).toBeNull();
    const after = answered(before, { location: "4 West" });
    expect(summaryAfterAnswer(before, after, catalogue)).toBe(`${before.summary} (4 West)`);
    expect(summaryAfterAnswer(before, answered(before, { system: "bcma" }), catalogue)).toBe(before.summary);
    const named = { ...before, summary: "Label printer on 4 West keeps jamming" };
    expect(summaryAfterAnswer(named, { ...named, location: "4 west" }, catalogue)).toBe(named.summary);
  });

  it("puts the unit before a closing full stop and leaves a skipped answer alone", () => {
    const llm = { kind: "disruption" as const, system: "ehr", location: null, summary: "Epic is slow to load." };
    expect(summaryAfterAnswer(llm, { ...llm, location: "ICU" }, catalogue)).toBe("Epic is slow to load (ICU).");
    expect(summaryAfterAnswer(llm, llm, catalogue)).toBe(llm.summary);
  });
});
