import { normaliseReportId, parsePairs, parseTriageCommand } from "../../src/app/triage/triage-command-parse";

describe("triage command parsing", () => {
  it("normalises report ids", () => {
    expect(normaliseReportId("r-42")).toBe("R-0042");
    expect(normaliseReportId("R1042")).toBe("R-1042");
    expect(normaliseReportId("X-1")).toBeNull();
  });

  it.each([
    ["ack R-1042", { verb: "ack", reportId: "R-1042", note: null }],
    ["acknowledge r-7", { verb: "ack", reportId: "R-0007", note: null }],
    ["progress R-1042", { verb: "progress", reportId: "R-1042" }],
    ["in progress R-1042", { verb: "progress", reportId: "R-1042" }],
    ["resolve R-1042 scanner firmware rolled back", { verb: "resolve", note: "scanner firmware rolled back" }],
    ["resolve R-1042", { verb: "resolve", note: null }],
    ["wontfix R-1042: vendor limitation", { verb: "wontfix", note: "vendor limitation" }],
    ["won't fix R-1042 by design", { verb: "wontfix", note: "by design" }],
    ["reopen R-1042 still broken on 5 East", { verb: "reopen", note: "still broken on 5 East" }],
    ["split R-1043", { verb: "split", reportId: "R-1043" }],
    ["dup R-1043 of R-1040", { verb: "duplicate", reportId: "R-1043", duplicateOf: "R-1040" }],
    ["assign R-1042 me", { verb: "assign", assignee: "me" }],
    ["assign R-1042 to @dana.lee", { verb: "assign", assignee: "dana.lee" }],
  ])("%s", (text, expected) => {
    expect(parseTriageCommand(text)).toMatchObject({ type: "action", ...expected });
  });

  it("parses reclassify pairs, quoted values included", () => {
    expect(parseTriageCommand('reclassify R-1 kind=access severity=high unit="4 West" safety=yes')).toMatchObject({
      verb: "reclassify",
      reportId: "R-0001",
      pairs: { kind: "access", severity: "high", unit: "4 West", safety: "yes" },
    });
    expect(parseTriageCommand("reclassify R-1 please make it access")).toBeNull();
  });

  it("parses list and show", () => {
    expect(parseTriageCommand("list")).toMatchObject({ type: "list", query: { scope: "open", filters: {} } });
    expect(parseTriageCommand("list all system=bcma unit='5 East'")).toMatchObject({
      type: "list",
      query: { scope: "all", filters: { system: "bcma", unit: "5 East" }, problem: null },
    });
    expect(parseTriageCommand("show r-1234")).toEqual({ type: "show", reportId: "R-1234" });
  });

  it("leaves ordinary messages alone", () => {
    for (const text of [
      "list of patients is wrong in the EHR",
      "the scanner won't scan",
      "show me how to log in",
      "ack",
      "resolve the printer issue please",
      "my reports",
    ])
      expect(parseTriageCommand(text)).toBeNull();
  });

  it("parsePairs: an unquoted value runs on to the next key; other stray words are refused", () => {
    expect(parsePairs("a=1 b=2")).toEqual({ a: "1", b: "2" });
    expect(parsePairs("unit=4 West severity=high")).toEqual({ unit: "4 West", severity: "high" });
    expect(parsePairs("severity=high unit=Cardiac step down")).toEqual({ severity: "high", unit: "Cardiac step down" });
    expect(parsePairs('unit="4 West" hello')).toBeNull();
    expect(parsePairs("hello a=1")).toBeNull();
    expect(parseTriageCommand("reclassify R-4 unit=4 West")).toMatchObject({ pairs: { unit: "4 West" } });
  });
});
