import { DateTime } from "luxon";
import { firstInstantOfDay } from "../domain/iso-week";

/** A bad command-line argument: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" (validated: 2026-02-30 is rejected). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseCalendarDate(option: string, value: string): CalendarDate {
  const text = value.trim();
  const date = DATE_PATTERN.test(text) ? DateTime.fromISO(text, { zone: "utc" }) : null;
  if (date?.isValid) return { year: date.year, month: date.month, day: date.day };
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
  return firstInstantOfDay(date, timeZone);
}

/** The calendar day after `date`. */
export function nextCalendarDate(date: CalendarDate): CalendarDate {
  const { year, month, day } = DateTime.utc(date.year, date.month, date.day).plus({ days: 1 });
  return { year, month, day };
}
