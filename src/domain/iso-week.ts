/**
 * ISO-8601 weeks as digest windows, in a named time zone (Intl only, no tz library, no clock).
 * A window runs from Monday 00:00 local to the next Monday 00:00 local, so a week that crosses a
 * daylight-saving change lasts 167 or 169 hours.
 */
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
const DAY_MS = 86_400_000;

/** A calendar date with no time zone, kept as a UTC-midnight timestamp for arithmetic. */
type CalendarDay = number;

function calendarDay(year: number, month: number, day: number): CalendarDay {
  return Date.UTC(year, month - 1, day);
}

/** ISO weekday of a calendar day: Monday 1 … Sunday 7. */
function isoWeekday(day: CalendarDay): number {
  const d = new Date(day).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Monday of ISO week 1 of `isoYear` (the week holding 4 January). */
function week1Monday(isoYear: number): CalendarDay {
  const jan4 = calendarDay(isoYear, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1) * DAY_MS;
}

function weeksInIsoYear(isoYear: number): number {
  return Math.round((week1Monday(isoYear + 1) - week1Monday(isoYear)) / (7 * DAY_MS));
}

function formatPeriod(isoYear: number, week: number): string {
  return `${String(isoYear).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week ("2026-W47") a calendar day falls in. */
function periodOfDay(day: CalendarDay): string {
  const thursday = day + (4 - isoWeekday(day)) * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - week1Monday(isoYear)) / (7 * DAY_MS)) + 1;
  return formatPeriod(isoYear, week);
}

function parsePeriod(period: string): { isoYear: number; week: number } {
  const m = ISO_WEEK_PATTERN.exec(period);
  const isoYear = Number(m?.[1]);
  const week = Number(m?.[2]);
  if (!m || week < 1 || week > weeksInIsoYear(isoYear))
    throw new AppError("BAD_REQUEST", `"${period}" is not an ISO week such as 2026-W47`);
  return { isoYear, week };
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
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new AppError("BAD_REQUEST", `"${timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (Berlin summer: +7,200,000). */
function offsetAt(instantMs: number, timeZone: string): number {
  const p = localParts(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows midnight at the start of `day`.
 * If that midnight does not exist (a zone that springs forward at 00:00), the first instant after the gap.
 */
function startOfLocalDay(day: CalendarDay, timeZone: string): Date {
  let guess = day - offsetAt(day, timeZone);
  for (let i = 0; i < 3; i++) {
    const next = day - offsetAt(guess, timeZone);
    if (next === guess) break;
    guess = next;
  }
  const p = localParts(new Date(guess), timeZone);
  if (calendarDay(p.year, p.month, p.day) < day) {
    // Midnight fell in a gap: move to the first instant of the local day.
    const later = day - offsetAt(guess + 3 * 3_600_000, timeZone);
    return new Date(Math.max(guess, later));
  }
  return new Date(guess);
}

function windowFromMonday(monday: CalendarDay, timeZone: string): DigestWindow {
  return {
    period: periodOfDay(monday),
    from: startOfLocalDay(monday, timeZone),
    to: startOfLocalDay(monday + 7 * DAY_MS, timeZone),
    timeZone,
  };
}

function mondayOf(period: string): CalendarDay {
  const { isoYear, week } = parsePeriod(period);
  return week1Monday(isoYear) + (week - 1) * 7 * DAY_MS;
}

/** The window of an ISO week ("2026-W47") in a time zone. Throws AppError BAD_REQUEST on bad input. */
export function digestWindowForWeek(isoWeek: string, timeZone: string): DigestWindow {
  assertTimeZone(timeZone);
  return windowFromMonday(mondayOf(isoWeek), timeZone);
}

/** The ISO week holding an instant, as seen on the wall clock of `timeZone`. */
export function windowContaining(instant: Date, timeZone: string): DigestWindow {
  assertTimeZone(timeZone);
  const p = localParts(instant, timeZone);
  const day = calendarDay(p.year, p.month, p.day);
  return windowFromMonday(day - (isoWeekday(day) - 1) * DAY_MS, timeZone);
}

/** The last week that ended at or before `scheduledAt` (Monday 07:00 → the week that ended at midnight). */
export function lastCompleteWeek(scheduledAt: Date, timeZone: string): DigestWindow {
  return previousWindow(windowContaining(scheduledAt, timeZone));
}

export function previousWindow(w: DigestWindow): DigestWindow {
  return windowFromMonday(mondayOf(w.period) - 7 * DAY_MS, w.timeZone);
}

export function nextWindow(w: DigestWindow): DigestWindow {
  return windowFromMonday(mondayOf(w.period) + 7 * DAY_MS, w.timeZone);
}

/** `count` consecutive windows ending with `last` (oldest first). */
export function trailingWindows(last: DigestWindow, count: number): DigestWindow[] {
  const out: DigestWindow[] = [last];
  while (out.length < count) out.unshift(previousWindow(out[0] as DigestWindow));
  return out;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mon 16 Nov – Sun 22 Nov 2026" in the window's zone (fixed English, independent of ICU data). */
export function describeWindow(w: DigestWindow): string {
  const fmt = (d: Date, withYear: boolean) => {
    const p = localParts(d, w.timeZone);
    const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? "";
    return `${weekday} ${p.day} ${MONTHS[p.month - 1] ?? ""}${withYear ? ` ${p.year}` : ""}`;
  };
  return `${fmt(w.from, false)} – ${fmt(new Date(w.to.getTime() - 1), true)}`;
}
