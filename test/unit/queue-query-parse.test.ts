import { parseTriageCommand } from "../../src/app/triage/triage-command-parse";
import { parseQueueQuery } from "../../src/app/triage/queue-query-parse";

describe("list … (the triage queue's words)", () => {
  it("reads scope, filters in key:value and key=value form, quoted values, mine, unacked and pages", () => {
    expect(parseQueueQuery('all unit:"4 West" system=bcma mine unacked page 3')).toEqual({
      scope: "all",
      filters: { unit: "4 West", system: "bcma" },
      mine: true,
      unacked: true,
      page: 3,
      problem: null,
    });
    expect(parseQueueQuery("")).toMatchObject({ scope: "open", filters: {}, page: 1, problem: null });
    expect(parseQueueQuery("severity:high page=2")).toMatchObject({ filters: { severity: "high" }, page: 2 });
    expect(parseQueueQuery("unit:“5 East”")).toMatchObject({ filters: { unit: "5 East" } });
  });

  it("says how to quote a value with spaces instead of ignoring the triager", () => {
    expect(parseQueueQuery("unit=4 West")?.problem).toBe(
      'Put a value with spaces in quotes: unit:"4 West". Nothing listed.',
    );
    expect(parseQueueQuery("open system:bcma unit:Cardiac step down")?.problem).toContain('unit:"Cardiac step down"');
  });

  it("names an unknown filter and a bad page", () => {
    expect(parseQueueQuery("owner:dana")?.problem).toMatch(/I can filter by system, unit, kind, severity, status/);
    expect(parseQueueQuery("page zero")?.problem).toMatch(/not a page number/);
    expect(parseQueueQuery("page")?.problem).toMatch(/Say which page/);
  });

  it("leaves sentences that merely start with 'list' alone", () => {
    for (const text of [
      "list of patients is wrong in the EHR",
      "list all of the printers on 4W are down",
      "list doesn't load",
    ])
      expect(parseTriageCommand(text)).toBeNull();
    expect(parseTriageCommand("list mine")).toMatchObject({ type: "list", query: { mine: true } });
  });
});
