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

  it("an unquoted value runs on to the next key, whichever key comes next", () => {
    expect(parseQueueQuery("unit=4 West")).toMatchObject({ filters: { unit: "4 West" }, problem: null });
    expect(parseQueueQuery("open system:bcma unit:Cardiac step down")).toMatchObject({
      filters: { system: "bcma", unit: "Cardiac step down" },
      problem: null,
    });
    expect(parseQueueQuery("open unit=4 West severity=critical")).toMatchObject({
      filters: { unit: "4 West", severity: "critical" },
      problem: null,
    });
    expect(parseQueueQuery("unit=4 West mine page 2")).toMatchObject({
      filters: { unit: "4 West" },
      mine: true,
      page: 2,
    });
    // A quoted value ends where the quotes do.
    expect(parseQueueQuery('unit:"4 West" stray')?.problem).toMatch(
      /^I couldn't read the words after unit: .*Nothing listed\.$/,
    );
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
