import { parseLabelledJsonl } from "../../src/cli/eval-data";

const good = JSON.stringify({
  id: "a1",
  text: "Epic down in 4 West",
  gold: {
    isReport: true,
    kind: "disruption",
    severity: "high",
    patientSafety: true,
    system: "ehr",
    location: "4 West",
  },
  phi: [],
});
const chat = JSON.stringify({
  id: "a2",
  text: "hi",
  gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
});

describe("parseLabelledJsonl", () => {
  it("reads valid lines, skipping blank ones, and defaults phi to []", () => {
    const samples = parseLabelledJsonl(`${good}\n\n${chat}\n`, "f.jsonl");
    expect(samples.map((s) => s.id)).toEqual(["a1", "a2"]);
    expect(samples[1]!.phi).toEqual([]);
  });

  it("names every bad line by number and says what is wrong", () => {
    const badKind = good.replace('"disruption"', '"outage"').replace('"a1"', '"a3"');
    const missingSeverity = good.replace('"high"', "null").replace('"a1"', '"a4"');
    let message = "";
    try {
      parseLabelledJsonl([good, "{not json", badKind, missingSeverity, good].join("\n"), "f.jsonl");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("4 bad line(s) in f.jsonl");
    expect(message).toContain("f.jsonl line 2: not valid JSON");
    expect(message).toMatch(/f\.jsonl line 3: gold\.kind/);
    expect(message).toMatch(/f\.jsonl line 4: gold\.severity is required when isReport is true/);
    expect(message).toContain('f.jsonl line 5: duplicate id "a1"');
  });

  it("rejects an empty file", () => {
    expect(() => parseLabelledJsonl("\n\n", "empty.jsonl")).toThrow(/no samples/);
  });
});
