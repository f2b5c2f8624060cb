import { startOfLocalDate } from "../../src/cli/cli-args";
import { digestWindowForWeek, firstInstantOfDay } from "../../src/domain/iso-week";

describe("first instant of a local day (Luxon)", () => {
  it("an ordinary day starts at local midnight", () => {
    expect(firstInstantOfDay({ year: 2026, month: 11, day: 16 }, "Europe/Berlin").toISOString()).toBe(
      "2026-11-15T23:00:00.000Z",
    );
  });

  it("where midnight is skipped, the day starts after the gap (not on the previous evening)", () => {
    // Santiago springs from 00:00 -04 to 01:00 -03 on 6 Sep 2026; Havana from 00:00 -05 to 01:00 -04 on 8 Mar 2026.
    expect(startOfLocalDate({ year: 2026, month: 9, day: 6 }, "America/Santiago").toISOString()).toBe(
      "2026-09-06T04:00:00.000Z",
    );
    expect(startOfLocalDate({ year: 2026, month: 3, day: 8 }, "America/Havana").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
  });

  it("where midnight happens twice, the day starts at the first one", () => {
    // Havana falls back from 01:00 -04 to 00:00 -05 on 1 Nov 2026: 00:00 -04 (04:00Z) comes first.
    expect(startOfLocalDate({ year: 2026, month: 11, day: 1 }, "America/Havana").toISOString()).toBe(
      "2026-11-01T04:00:00.000Z",
    );
  });

  it("a digest week across a daylight-saving change lasts 167 hours", () => {
    const w = digestWindowForWeek("2026-W13", "Europe/Berlin");
    expect((w.to.getTime() - w.from.getTime()) / 3_600_000).toBe(167);
  });
});
