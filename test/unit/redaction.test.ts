import { readFileSync } from "node:fs";
import path from "node:path";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../../src/config/catalogue";

const redactor = createRegexRedactor(loadCatalogue());
const redact = (text: string): string => redactor.redact(text).text;

describe("regex redactor: PHI is removed", () => {
  it.each([
    ["Mr. Lorcan Fitzwilliam-Abara's trends are mixed in", "Lorcan Fitzwilliam-Abara", "[NAME]'s trends"],
    ["2 South bed 4, Ms. Odalys Brenneman: DNR banner", "Odalys Brenneman", "2 South bed 4, [NAME]:"],
    ["Mrs Okafor fell in room 12", "Okafor", "[NAME] fell"],
    ["pt Jones has no wristband", "Jones", "pt [NAME] has"],
    ["the patient's Delgado chart is blank", "Delgado", "[NAME] chart"],
    ["top one was Wendell Arbuthnot's", "Wendell Arbuthnot", "was [NAME]'s"],
    ["Baby Girl Oyelaran-Smith has two bands", "Baby Girl Oyelaran-Smith", "[NAME] has"],
    ["one was for Rafferty Delacroix-Huang yesterday", "Rafferty Delacroix-Huang", "for [NAME] yesterday"],
    ["supposed to go on Kofi Amankwah-Reyes at 0800", "Kofi Amankwah-Reyes", "on [NAME] at 0800"],
    ["10x the rate on bed 2 (Hyacinth Oduya-Brandt), BP dropped", "Hyacinth Oduya-Brandt", "bed 2 ([NAME])"],
    ["room 14 (Okonkwo) alarm", "Okonkwo", "([NAME])"],
    ["Maria de la Cruz Fernández got the wrong tray", "Cruz Fernández", "[NAME] got"],
    ["la paciente Lucía Ramírez no tiene pulsera", "Lucía Ramírez", "paciente [NAME] no"],
    ["Bei Frau Schröder zeigt die Pumpe einen Fehler", "Schröder", "Bei [NAME] zeigt"],
    ["Patientin Müller hat kein Armband", "Müller", "Patientin [NAME] hat"],
    ["Mme Dubois n'a pas de bracelet", "Dubois", "[NAME] n'a"],
    ["pacjentka Nowak nie ma opaski", "Nowak", "pacjentka [NAME] nie"],
    ["Pani Kowalska ma złe wyniki", "Kowalska", "[NAME] ma"],
    // A double-barrelled surname whose second part is also a catalogue word ("call bell").
    ["pumps alarming in bed 9 Nakamura-Bell again", "Nakamura-Bell", "bed 9 [NAME] again"],
    ["Mr. Harlan Pryce-Monitor's lines", "Pryce-Monitor", "[NAME]'s lines"],
  ])("%s", (input, secret, expected) => {
    const out = redact(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(expected);
  });

  it.each([
    ["it's for MRN 00613370", "00613370", "MRN [MRN]"],
    ["med rec # 4417-2290 is wrong", "4417-2290", "[MRN]"],
    ["account number: 99812345", "99812345", "[MRN]"],
    ["encounter 55512345 got merged", "55512345", "[MRN]"],
    ["CSN 123456789012 is duplicated", "123456789012", "[MRN]"],
    ["DOB 02/14/1987 on the band", "02/14/1987", "DOB [DOB]"],
    ["born 3/4/52 per chart", "3/4/52", "born [DOB]"],
    ["DOB: 1987-02-14", "1987-02-14", "[DOB]"],
    ["date of birth March 4, 1952", "March 4, 1952", "[DOB]"],
    ["geb. 14.02.1987", "14.02.1987", "[DOB]"],
    ["call 617-555-0188 back", "617-555-0188", "[PHONE]"],
    ["call (617) 555-0188 back", "(617) 555-0188", "[PHONE]"],
    ["his cell is +1 617 555 0188", "+1 617 555 0188", "[PHONE]"],
    ["daughter +44 20 7946 0958", "+44 20 7946 0958", "[PHONE]"],
    ["tél 06 12 34 56 78", "06 12 34 56 78", "[PHONE]"],
    ["mail teodora.m@example.net", "teodora.m@example.net", "[EMAIL]"],
    ["SSN 123-45-6789 on the facesheet", "123-45-6789", "[NATIONAL_ID]"],
    ["NHS number 943 476 5919", "943 476 5919", "[NATIONAL_ID]"],
    ["PESEL 44051401359", "44051401359", "[NATIONAL_ID]"],
    ["NIR 1 85 05 78 006 084 36", "1 85 05 78 006 084 36", "[NATIONAL_ID]"],
    ["DNI 12345678Z", "12345678Z", "[NATIONAL_ID]"],
    ["lives at 42 Maple Ridge Road, Apt 3", "42 Maple Ridge Road", "[ADDRESS]"],
    ["wohnt in der Lindenstraße 12", "Lindenstraße 12", "[ADDRESS]"],
    ["habite 12 rue de la Paix", "12 rue de la Paix", "[ADDRESS]"],
    ["vive en Calle Mayor 5", "Calle Mayor 5", "[ADDRESS]"],
    ["mieszka ul. Długa 7/3", "ul. Długa 7/3", "[ADDRESS]"],
  ])("%s", (input, secret, expected) => {
    const out = redact(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(expected);
  });

  it("counts redactions by type", () => {
    const result = redactor.redact("Ms. Ana Pereira DOB 01/02/1960, MRN 1234567, call 617-555-0100");
    expect(result.counts).toEqual({ NAME: 1, DOB: 1, MRN: 1, PHONE: 1 });
  });
});

describe("regex redactor: what is not PHI survives", () => {
  it.each([
    "4 West, 10 West and 9 East are fine",
    "CVICU, Neuro ICU, Step-down 3C, Cath lab, Mother-Baby, Burn unit and PRE-OP all report it",
    "the charge RN and the travel RT both saw it",
    "Epic, Pyxis, Omnicell, Alaris, Sigma, Vocera, Imprivata, Meditech, Cerner and PACS",
    "nicardipine and heparin were held at 0800",
    "Meditech throws 'Error 1105' on every e-prescribe",
    "bed 4 and room 17 ring at the desk",
    "Urgent care says Full Code but the DNR banner shows in In Basket",
    "Auf Station 10 West zeigt das Laborsystem beim Kalium seit dem Update keine Referenzwerte mehr an",
    "El lector de huellas del Omnicell en Endoscopia no reconoce a nadie",
    "Good Morning Team, Happy Friday",
    "Code Blue called on 4 North at 1430",
    "the 2019 list and 10 min inservice, 3 weeks ago, 10+ sec",
    "bed 4 Nurse-Call light stays on, Wi-Fi down on Step-Down",
    // Staff are not PHI (docs/taxonomy.md): the name after a staff title stays.
    "Dr. Hallström says the order is wrong",
  ])("%s", (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("regex redactor on the sample reports", () => {
  const file = path.resolve(__dirname, "../fixtures/sample-reports.jsonl");
  const samples = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { id: string; text: string; phi: string[]; gold: { location: string | null } });

  it("removes every PHI string and keeps every location", () => {
    const leaks: string[] = [];
    const lost: string[] = [];
    const overRedacted: string[] = [];
    for (const s of samples) {
      const out = redact(s.text);
      for (const p of s.phi) if (out.includes(p)) leaks.push(`${s.id}: ${p}`);
      if (s.gold.location && !out.includes(s.gold.location)) lost.push(`${s.id}: ${s.gold.location}`);
      if (s.phi.length === 0 && out !== s.text) overRedacted.push(`${s.id}: ${out}`);
    }
    expect({ leaks, lost, overRedacted }).toEqual({ leaks: [], lost: [], overRedacted: [] });
  });
});
