import { localParts } from "../domain/iso-week";

/** A bad command-line argument: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "YYYY-MM-DD" (validated: 2026-02-30 is rejected). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseCalendarDate(option: string, value: string): CalendarDate {
  const m = DATE_PATTERN.exec(value.trim());
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day)
      return { year, month, day };
  }
  throw new UsageError(`${option} must be a date like 2026-11-16 (got "${value}")`);
}

export function parsePositiveInt(option: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max)
    throw new UsageError(`${option} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

/** The instant the wall clock in `timeZone` shows 00:00 on `date` (first instant of the day). */
export function startOfLocalDate(date: CalendarDate, timeZone: string): Date {
  const target = Date.UTC(date.year, date.month - 1, date.day);
  let guess = target;
  for (let i = 0; i < 4; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const next = guess + (target - shown);
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** The calendar day after `date`. */
export function nextCalendarDate(date: CalendarDate): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
