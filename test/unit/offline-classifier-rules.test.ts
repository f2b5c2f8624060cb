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
    // A ward named by keyword and number keeps the keyword: never a bare "3".
    ["Drucker auf Station 3 druckt nicht", "Station 3"],
    ["Station 4B: Drucker kaputt", "Station 4B"],
    ["Printer on Ward 7 is jammed", "Ward 7"],
    ["Pyxis on Unit 5 keeps locking", "Unit 5"],
    ["La impresora de la Sala 5 no imprime", "Sala 5"],
    ["sala 5: la bomba Alaris da error de oclusión", "sala 5"],
    ["Drukarka na Oddział 3 nie działa", "Oddział 3"],
    // Numbered wards, shorthand and catalogue units as before.
    ["Auf Station 10 West geht der Drucker nicht", "10 West"],
    ["Pyxis on 4 West is down", "4 West"],
    ["Printer in 5W jammed", "5W"],
    ["Epic frozen in CVICU", "CVICU"],
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
