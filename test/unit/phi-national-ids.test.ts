/**
 * National and health-card numbers by their published formats: the check digit decides, so that a
 * serial or a ticket number of the same shape stays (numbers made up, check digits computed).
 */
import { dniValid, kvnrValid, nhsValid, nirValid } from "../../src/adapters/redaction/national-id-patterns";
import { redact } from "../support/phi-redactor";

describe("check digits", () => {
  it("NHS number: mod 11, and a remainder giving 10 is never valid", () => {
    expect(nhsValid("943 476 5919")).toBe(true);
    expect(nhsValid("943 476 5918")).toBe(false);
    expect(nhsValid("401-023-2137")).toBe(true);
  });
  it("Krankenversichertennummer: letter as two digits, weights 1-2, digit sums, mod 10", () => {
    expect(kvnrValid("A123456780")).toBe(true);
    expect(kvnrValid("T938475621")).toBe(true);
    expect(kvnrValid("A123456789")).toBe(false);
  });
  it("NIR: a 15-digit number carries its key; 13 digits have none", () => {
    expect(nirValid("1 85 05 78 006 084 91")).toBe(true);
    expect(nirValid("1 85 05 78 006 084 92")).toBe(false);
    expect(nirValid("1850578006084")).toBe(true);
  });
  it("DNI and NIE: the letter is the number mod 23", () => {
    expect(dniValid("12345678Z")).toBe(true);
    expect(dniValid("12345678A")).toBe(false);
    expect(dniValid("X1234567L")).toBe(true);
    expect(dniValid("Y7654321A")).toBe(false);
  });
});

describe("in messages", () => {
  it.each([
    ["Versichertenkarte A123456780 gehört jemand anderem", "A123456780"],
    ["NHS no 401-023-2137 on the wrong letter", "401-023-2137"],
    ["DNI 48291736Q en la etiqueta", "48291736Q"],
    ["numéro 1 85 05 78 006 084 91 sur le bracelet", "1 85 05 78 006 084 91"],
    ["tarjeta sanitaria MRGA 1234567890 duplicada", "MRGA 1234567890"],
    ["eGK-Nummer: X987654321 fehlt", "X987654321"],
  ])("removes: %s", (text, id) => {
    const out = redact(text);
    for (const part of id.split(/\s+/)) expect(out).not.toContain(part);
  });

  it.each([
    ["pump S/N A123456789 won't boot", "A123456789"],
    ["lot 48291736A expired on the shelf", "48291736A"],
    ["ticket 1 85 05 78 006 084 92 still open", "1 85 05 78 006 084 92"],
    ["Gerät B123456789 zeigt Fehler", "B123456789"],
  ])("keeps a number whose check digit is wrong: %s", (text, kept) => {
    expect(redact(text)).toContain(kept);
  });
});
