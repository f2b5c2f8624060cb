/**
 * The general rules added for held-out generalisation, one behaviour each: ward shorthand and
 * "X floor" locations, whole-unit outage with and without a workaround, harm words, the access
 * target system, and lower-case names before a bed number.
 */
import { classifyOffline } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../../src/config/catalogue";

const catalogue = loadCatalogue();
const classify = classifyOffline(catalogue);
const redact = (text: string): string => createRegexRedactor(catalogue).redact(text).text;

describe("offline classifier general rules", () => {
  it.each([
    ["Pyxis on 3E is stuck", "3E"],
    ["printer on the cardiology floor is jammed", "cardiology floor"],
    ["Auf Station 7C ist der Drucker kaputt", "7C"],
    ["Station 7C printer is jammed", "Station 7C"],
    ["OR 12 PACS viewer froze", "OR 12"],
  ])("finds the unit in %s", (text, location) => {
    expect(classify(text).location).toBe(location);
  });

  it("rates a whole-unit outage critical without a workaround and high with one", () => {
    expect(classify("Epic is down on the whole cardiology floor, no downtime reports")).toMatchObject({
      kind: "disruption",
      severity: "critical",
      patientSafety: true,
    });
    expect(classify("nurse call is down on all of 6 West, we're rounding every 30 min")).toMatchObject({
      severity: "high",
      system: "communication",
    });
  });

  it("takes harm words as critical", () => {
    expect(classify("the Sigma pump free-flowed the potassium, pt on the monitor now")).toMatchObject({
      severity: "critical",
      patientSafety: true,
    });
  });

  it("keeps the system a log-in problem names as its target", () => {
    expect(classify("locked out of PACS after my password reset")).toMatchObject({
      kind: "access",
      system: "imaging_pacs",
    });
  });

  it("understands wording in other languages", () => {
    expect(classify("Na OIOM skaner nie czyta opasek")).toMatchObject({ kind: "disruption", system: "bcma" });
    expect(classify("¿Quién lee estos mensajes?").isReport).toBe(false);
  });

  it("redacts a lower-case name before a bed number, not ordinary words", () => {
    expect(redact("allergy missing for rosa delgado in bed 9")).toBe("allergy missing for [NAME] in bed 9");
    expect(redact("pump alarming in bed 3")).toBe("pump alarming in bed 3");
    expect(redact("SSN 123-45-6789 into the comments")).toBe("SSN [NATIONAL_ID] into the comments");
  });
});
