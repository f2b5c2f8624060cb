/**
 * ISO-8601 weeks as digest windows, in a named time zone (Luxon does the calendar and time-zone
 * arithmetic; no clock). A window runs from Monday 00:00 local to the next Monday 00:00 local,
 * so a week that crosses a daylight-saving change lasts 167 or 169 hours; where a zone skips
 * midnight, the window starts at the first instant of the Monday.
 */
import { DateTime, IANAZone } from "luxon";
import { AppError } from "./errors";

export interface DigestWindow {
  /** ISO week, e.g. "2026-W47". */
  period: string;
  /** Monday 00:00 local time in `timeZone` (inclusive). */
  from: Date;
  /** The next Monday 00:00 local time (exclusive). */
  to: Date;
  timeZone: string;
}

export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** An ISO week-numbering year and week (1–52 or 53). */
interface IsoWeek {
  weekYear: number;
  weekNumber: number;
}

function formatPeriod({ weekYear, weekNumber }: IsoWeek): string {
  return `${String(weekYear).padStart(4, "0")}-W${String(weekNumber).padStart(2, "0")}`;
}

function parsePeriod(period: string): IsoWeek {
  const m = ISO_WEEK_PATTERN.exec(period);
  const weekYear = Number(m?.[1]);
  const weekNumber = Number(m?.[2]);
  const weeks = m ? DateTime.utc(weekYear, 7, 1).weeksInWeekYear : 0;
  if (!m || weekNumber < 1 || weekNumber > weeks)
    throw new AppError("BAD_REQUEST", `"${period}" is not an ISO week such as 2026-W47`);
  return { weekYear, weekNumber };
}

export function isIsoWeek(period: string): boolean {
  try {
    parsePeriod(period);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone))
    throw new AppError("BAD_REQUEST", `"${timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
}

/** Wall-clock fields of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string) {
  const { year, month, day, hour, minute, second } = DateTime.fromJSDate(instant, { zone: timeZone });
  return { year, month, day, hour, minute, second };
}

/** Monday of an ISO week, `shift` weeks later, as a calendar date (UTC midnight: no zone yet). */
function monday(week: IsoWeek, shift = 0): DateTime {
  return DateTime.fromObject({ ...week, weekday: 1 }, { zone: "utc" }).plus({ weeks: shift });
}

/**
 * The first instant of a calendar day on the wall clock of `timeZone`: after the gap where
 * midnight is skipped (Luxon moves forward), the earlier of the two where midnight happens twice
 * (Luxon would give the later one).
 */
export function firstInstantOfDay(date: { year: number; month: number; day: number }, timeZone: string): Date {
  const midnight = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: timeZone });
  const before = DateTime.fromMillis(midnight.toMillis() - 6 * 3_600_000, { zone: timeZone });
  const earlier = DateTime.fromMillis(midnight.toMillis() - (before.offset - midnight.offset) * 60_000, {
    zone: timeZone,
  });
  const sameWallClock = earlier.hasSame(midnight, "day") && earlier.hour === 0 && earlier.minute === 0;
  return (before.offset > midnight.offset && sameWallClock ? earlier : midnight).toJSDate();
}

function startOfLocalDay(day: DateTime, timeZone: string): Date {
  return firstInstantOfDay(day, timeZone);
}

function windowOf(week: IsoWeek, timeZone: string): DigestWindow {
  const start = monday(week);
  return {
    period: formatPeriod(week),
    from: startOfLocalDay(start, timeZone),
    to: startOfLocalDay(start.plus({ weeks: 1 }), timeZone),
    timeZone,
  };
}

function shifted(w: DigestWindow, weeks: number): DigestWindow {
  const { weekYear, weekNumber } = monday(parsePeriod(w.period), weeks);
  return windowOf({ weekYear, weekNumber }, w.timeZone);
}

/** The window of an ISO week ("2026-W47") in a time zone. Throws AppError BAD_REQUEST on bad input. */
export function digestWindowForWeek(isoWeek: string, timeZone: string): DigestWindow {
  assertTimeZone(timeZone);
  return windowOf(parsePeriod(isoWeek), timeZone);
}

/** The ISO week holding an instant, as seen on the wall clock of `timeZone`. */
export function windowContaining(instant: Date, timeZone: string): DigestWindow {
  assertTimeZone(timeZone);
  const { weekYear, weekNumber } = DateTime.fromJSDate(instant, { zone: timeZone });
  return windowOf({ weekYear, weekNumber }, timeZone);
}

/** The last week that ended at or before `scheduledAt` (Monday 07:00 → the week that ended at midnight). */
export function lastCompleteWeek(scheduledAt: Date, timeZone: string): DigestWindow {
  return previousWindow(windowContaining(scheduledAt, timeZone));
}

export function previousWindow(w: DigestWindow): DigestWindow {
  return shifted(w, -1);
}

export function nextWindow(w: DigestWindow): DigestWindow {
  return shifted(w, 1);
}

/** `count` consecutive windows ending with `last` (oldest first). */
export function trailingWindows(last: DigestWindow, count: number): DigestWindow[] {
  const out: DigestWindow[] = [last];
  while (out.length < count) out.unshift(previousWindow(out[0] as DigestWindow));
  return out;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mon 16 Nov – Sun 22 Nov 2026" in the window's zone (fixed English, independent of ICU data). */
export function describeWindow(w: DigestWindow): string {
  const fmt = (d: Date, withYear: boolean) => {
    const t = DateTime.fromJSDate(d, { zone: w.timeZone });
    return `${WEEKDAYS[t.weekday - 1] ?? ""} ${t.day} ${MONTHS[t.month - 1] ?? ""}${withYear ? ` ${t.year}` : ""}`;
  };
  return `${fmt(w.from, false)} – ${fmt(new Date(w.to.getTime() - 1), true)}`;
}
