/** Identifiers with a shape, by kind, written for these tests; each must be removed word by word. */
import { phiProblems, redact } from "../support/phi-redactor";

type Case = [text: string, phi: string[]];

describe("PHI detector: identifiers", () => {
  const byKind: Record<string, Case[]> = {
    "ages over 89": [
      ["pt 93M fell twice, bed alarm never sounded", ["93M"]],
      ["96 yo on 4 West, no allergy list", ["96 yo"]],
      ["a 91-year-old got the wrong tray", ["91-year-old"]],
      ["paciente de 94 años sin pulsera", ["94 años"]],
      ["Patientin, 97 J., Pumpe stoppt", ["97 J."]],
      ["she's 102 and the portal says 20", ["102"]],
      ["Edna Pruitt, 95, needs her hearing aid noted", ["Edna Pruitt", "95"]],
    ],
    "dates of birth and patient dates": [
      ["DOB 14-Mar-1941 on the band but 1942 in Epic", ["14-Mar-1941"]],
      ["né le 3 février 1936, chambre 12", ["3 février 1936"]],
      ["nacido el 12 de octubre de 1950", ["12 de octubre de 1950"]],
      ["geb. 7. Mai 1944, Station 5", ["7. Mai 1944"]],
      ["urodzona 5 czerwca 1939", ["5 czerwca 1939"]],
      ["born July 4th, 1948", ["July 4th, 1948"]],
      ["DOB: Aug 9 '31 per the band", ["Aug 9 '31"]],
      ["admitted 11/02/2025 but the census says 11/20", ["11/02/2025"]],
      ["discharged 4/12 yet still on our list", ["4/12"]],
    ],
    "record numbers": [
      ["MRN 004 512 339 won't scan", ["004 512 339"]],
      ["MRNs 8812734 and 8812735 are the same lady", ["8812734", "8812735"]],
      ["member ID ZGH77120934 rejected", ["ZGH77120934"]],
      ["Medicare MBI 3QW7-RT2-YA19 attached to the wrong account", ["3QW7-RT2-YA19"]],
      ["SSN 512 44 9087 on the facesheet", ["512 44 9087"]],
      ["policy # A9921-44817 keeps failing eligibility", ["A9921-44817"]],
      ["her pacemaker serial PJN224411R is not in the chart", ["PJN224411R"]],
    ],
    "phones and e-mail": [
      ["daughter's cell +49 171 2345678", ["+49 171 2345678"]],
      ["son in Poland: +48 601 234 567", ["+48 601 234 567"]],
      ["call the wife at 0033 6 12 34 56 78", ["0033 6 12 34 56 78"]],
      ["email is maria.g77 at outlook dot com", ["maria.g77 at outlook dot com"]],
      ["send it to tomk [at] gmail [dot] com", ["tomk [at] gmail [dot] com"]],
      ["her e-mail: fatima.k at hotmail dot co dot uk", ["fatima.k at hotmail dot co dot uk"]],
      ["pls call her back on 07700 900123", ["07700 900123"]],
    ],
    addresses: [
      ["lives at 88 N Birch Rd, Apt 2C, Dayton OH 45402", ["88 N Birch Rd, Apt 2C", "Dayton OH 45402"]],
      ["mail goes to P.O. Box 4410, Reno NV 89501", ["P.O. Box 4410, Reno NV 89501"]],
      ["zip 30318 is wrong in registration", ["30318"]],
    ],
  };
  for (const [kind, cases] of Object.entries(byKind))
    it.each(cases)(`${kind}: %s`, (text, phi) => {
      expect(phiProblems(text, phi)).toEqual([]);
    });

  it.each([
    [
      "her number is plus one six one three five five five zero one four two",
      ["plus one six one three five five five zero one four two"],
    ],
    [
      "tél cinq un quatre, cinq cinq cinq, zéro neuf trois deux",
      ["cinq un quatre, cinq cinq cinq, zéro neuf trois deux"],
    ],
  ])("removes a phone number read out in words: %s", (text, phi) => {
    expect(phiProblems(text, phi)).toEqual([]);
  });

  it.each([
    ["his wife left 1-646-555-0102 as her number", "his wife left [PHONE] as her number"],
    ["call her on +1 646 555 0102 tonight", "call her on [PHONE] tonight"],
    ["ward 1 646-555-0102", "ward 1 [PHONE]"],
  ])("takes the North American trunk prefix with the number: %s", (text, out) => {
    expect(redact(text)).toBe(out);
  });

  it("keeps a few numbers in words", () => {
    const text = "gave one, two or three doses; step one two three four of the downtime binder";
    expect(redact(text)).toBe(text);
  });

  it.each([
    ["acct 4471-22/7 wrong", ["4471-22/7"]],
    ["MRN 552123/552124 merged", ["552123", "552124"]],
    ["MRN 55 21 234 twice", ["55 21 234"]],
  ])("keeps a record number whole: %s", (text, phi) => {
    expect(phiProblems(text, phi)).toEqual([]);
  });

  it("ends a record number before a date that follows it, and removes both", () => {
    const out = redact("pt Okafor MRN 5521234 06/14/2015 no labs");
    expect(out).not.toMatch(/5521234|14|2015/);
    expect(out).toMatch(/\[MRN\] \[(?:DOB|DATE)\]/);
  });

  it("counts ages and patient dates by type", () => {
    const out = redact("pt 93M admitted 11/02/2025");
    expect(out).toBe("pt [AGE] admitted [DATE]");
  });
});
