/**
 * What must stay (docs/taxonomy.md, "Kept"): the report is useless without it. Each case lists the
 * look-alikes that must survive; any identifier in the same message must still go.
 */
import { phiProblems, redact } from "../support/phi-redactor";

type Case = [text: string, notPhi: string[], phi?: string[]];

describe("PHI detector: look-alikes are kept", () => {
  const byKind: Record<string, Case[]> = {
    "drugs, order sets, scales and protocols": [
      ["the Heparin Weight Based Nomogram order set doses wrong", ["Heparin Weight Based Nomogram"]],
      ["Braden Scale and Morse Fall Scale both missing from the flowsheet", ["Braden Scale", "Morse Fall Scale"]],
      ["Glasgow Coma Scale field won't save", ["Glasgow Coma Scale"]],
      ["Massive Transfusion Protocol panel is 4 clicks deep", ["Massive Transfusion Protocol"]],
      ["Vancomycin Dosing Protocol points to the old policy", ["Vancomycin Dosing Protocol"]],
      ["Zosyn and Eliquis both show the wrong dose", ["Zosyn", "Eliquis"]],
    ],
    "teams and places": [
      ["Rapid Response Team pages go nowhere", ["Rapid Response Team"]],
      ["the Cancer Center printers are offline", ["Cancer Center"]],
      ["Rose Hill Clinic still uses the old fax", ["Rose Hill Clinic"]],
    ],
    staff: [
      ["Dr. Okafor can't sign notes in PowerChart", ["Dr. Okafor"]],
      ["charge RN Kim says the Pyxis is locked", ["Kim"]],
      ["ask Dr Lindqvist, she approved it", ["Dr Lindqvist"]],
      ["Frau Dr. Weber kommt nicht ins PACS", ["Frau Dr. Weber"]],
    ],
    "serials, asset tags, tickets, error codes, versions, extensions": [
      ["pump serial 12009883 won't power on", ["12009883"]],
      ["asset tag 000213557 has a cracked screen", ["000213557"]],
      ["see ticket INC0012345, still open", ["INC0012345"]],
      ["Alaris error 4521-220 again", ["4521-220"]],
      ["upgraded to v4.13.2 last night", ["v4.13.2"]],
      ["call me at x5512", ["x5512"]],
      ["printer PRN-4W-02 jams", ["PRN-4W-02"]],
    ],
    "greetings and words of the other languages": [
      ["Dzień dobry wszystkim, system działa?", ["Dzień dobry"]],
      ["Schönen Abend euch allen, das Labor ist wieder da", ["Schönen Abend"]],
      ["el Omnicell no deja sacar nada de la gaveta", ["no deja sacar"]],
      ["Novolin R and Humulin N both on the pick list", ["Novolin R", "Humulin N"]],
    ],
    "times, counts and today's date with no patient": [
      ["trauma arriving in 10 min and Epic is down", ["in 10 min"]],
      ["down since 14:10, 3 pts waiting, 10 min each", ["14:10", "10 min"]],
      ["go-live was 03/01/2025 and nothing works", ["03/01/2025"]],
      ["temp 98F but the monitor shows 38", ["98F"]],
    ],
  };
  for (const [kind, cases] of Object.entries(byKind))
    it.each(cases)(`${kind}: %s`, (text, notPhi, phi = []) => {
      expect(phiProblems(text, phi, notPhi)).toEqual([]);
    });

  it("still removes the patient next to a kept staff name", () => {
    expect(redact("Dr. Okafor asked about pt Grace Mbeki")).toBe("Dr. Okafor asked about pt [NAME]");
  });
});
