import {
  describeWindow,
  digestWindowForWeek,
  isIsoWeek,
  lastCompleteWeek,
  nextWindow,
  previousWindow,
  trailingWindows,
  windowContaining,
} from "../../src/domain/iso-week";

const HOUR = 3_600_000;
const hoursOf = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / HOUR;

describe("digestWindowForWeek", () => {
  it("UTC: Monday 00:00 to the next Monday 00:00", () => {
    const w = digestWindowForWeek("2026-W47", "UTC");
    expect(w).toEqual({
      period: "2026-W47",
      from: new Date("2026-11-16T00:00:00Z"),
      to: new Date("2026-11-23T00:00:00Z"),
      timeZone: "UTC",
    });
    expect(describeWindow(w)).toBe("Mon 16 Nov – Sun 22 Nov 2026");
  });

  it("Europe/Berlin in winter is UTC+1 and in summer UTC+2", () => {
    expect(digestWindowForWeek("2026-W47", "Europe/Berlin").from).toEqual(new Date("2026-11-15T23:00:00Z"));
    expect(digestWindowForWeek("2026-W27", "Europe/Berlin").from).toEqual(new Date("2026-06-28T22:00:00Z"));
  });

  it("the week with the spring-forward change (Berlin 2026-03-29) lasts 167 hours", () => {
    const w = digestWindowForWeek("2026-W13", "Europe/Berlin");
    expect(w.from).toEqual(new Date("2026-03-22T23:00:00Z"));
    expect(w.to).toEqual(new Date("2026-03-29T22:00:00Z"));
    expect(hoursOf(w)).toBe(167);
  });

  it("the week with the fall-back change (Berlin 2026-10-25) lasts 169 hours", () => {
    const w = digestWindowForWeek("2026-W43", "Europe/Berlin");
    expect(w.from).toEqual(new Date("2026-10-18T22:00:00Z"));
    expect(w.to).toEqual(new Date("2026-10-25T23:00:00Z"));
    expect(hoursOf(w)).toBe(169);
  });

  it("America/New_York DST weeks (2026-03-08 and 2026-11-01)", () => {
    const spring = digestWindowForWeek("2026-W10", "America/New_York");
    expect(spring.from).toEqual(new Date("2026-03-02T05:00:00Z"));
    expect(hoursOf(spring)).toBe(167);
    const fall = digestWindowForWeek("2026-W44", "America/New_York");
    expect(fall.from).toEqual(new Date("2026-10-26T04:00:00Z"));
    expect(hoursOf(fall)).toBe(169);
  });

  it("UTC weeks are always 168 hours, including ISO years with 53 weeks", () => {
    for (const p of ["2026-W13", "2026-W43", "2026-W53", "2027-W01"])
      expect(hoursOf(digestWindowForWeek(p, "UTC"))).toBe(168);
    expect(digestWindowForWeek("2026-W53", "UTC").from).toEqual(new Date("2026-12-28T00:00:00Z"));
    expect(digestWindowForWeek("2027-W01", "UTC").from).toEqual(new Date("2027-01-04T00:00:00Z"));
    expect(digestWindowForWeek("2025-W01", "UTC").from).toEqual(new Date("2024-12-30T00:00:00Z"));
  });

  it("rejects malformed weeks, weeks a year does not have, and unknown zones", () => {
    expect(isIsoWeek("2026-W47")).toBe(true);
    for (const bad of ["2026-47", "2026-W00", "2025-W53", "2026-W54", "W47"]) expect(isIsoWeek(bad)).toBe(false);
    expect(() => digestWindowForWeek("2025-W53", "UTC")).toThrow(/not an ISO week/);
    expect(() => digestWindowForWeek("2026-W47", "Mars/Olympus")).toThrow(/not a known time zone/);
  });
});

describe("lastCompleteWeek", () => {
  it("Monday 07:00 local gives the week that ended at midnight", () => {
    const w = lastCompleteWeek(new Date("2026-11-23T06:00:00Z"), "Europe/Berlin");
    expect(w.period).toBe("2026-W47");
    expect(w.to).toEqual(new Date("2026-11-22T23:00:00Z"));
  });

  it("at exactly Monday 00:00 local the previous week is complete", () => {
    expect(lastCompleteWeek(new Date("2026-11-23T00:00:00Z"), "UTC").period).toBe("2026-W47");
    expect(lastCompleteWeek(new Date("2026-11-22T23:59:59Z"), "UTC").period).toBe("2026-W46");
  });

  it("uses the wall clock of the zone, not UTC: Sunday 23:30 UTC is Monday in Berlin", () => {
    const at = new Date("2026-11-22T23:30:00Z");
    expect(lastCompleteWeek(at, "UTC").period).toBe("2026-W46");
    expect(lastCompleteWeek(at, "Europe/Berlin").period).toBe("2026-W47");
    expect(lastCompleteWeek(at, "America/New_York").period).toBe("2026-W46");
  });

  it("the Monday after the Berlin fall-back", () => {
    const w = lastCompleteWeek(new Date("2026-10-26T06:00:00Z"), "Europe/Berlin");
    expect(w.period).toBe("2026-W43");
    expect(hoursOf(w)).toBe(169);
  });

  it("across the ISO year boundary", () => {
    expect(lastCompleteWeek(new Date("2027-01-04T07:00:00Z"), "UTC").period).toBe("2026-W53");
    expect(lastCompleteWeek(new Date("2026-01-05T07:00:00Z"), "UTC").period).toBe("2026-W01");
  });
});

describe("previous/next/trailing windows", () => {
  it("previousWindow joins without a gap across DST and year ends", () => {
    for (const tz of ["UTC", "Europe/Berlin", "America/New_York"]) {
      let w = digestWindowForWeek("2027-W02", tz);
      for (let i = 0; i < 60; i++) {
        const prev = previousWindow(w);
        expect(prev.to).toEqual(w.from);
        expect(nextWindow(prev)).toEqual(w);
        expect(windowContaining(new Date(prev.from.getTime() + HOUR), tz)).toEqual(prev);
        w = prev;
      }
    }
  });

  it("trailingWindows gives 12 weeks, oldest first, ending with the given one", () => {
    const last = digestWindowForWeek("2026-W02", "Europe/Berlin");
    const weeks = trailingWindows(last, 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toEqual(last);
    expect(weeks[0]?.period).toBe("2025-W43");
  });
});
