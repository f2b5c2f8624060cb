/**
 * Small-cell suppression for the CMIO dashboard. Wherever a unit is named, a count of 1 or 2 is
 * shown as "<3" (a zero stays 0: it names nobody). A total printed beside suppressed cells would
 * give them back by subtraction, so such a total is not printed exactly: it becomes a lower bound,
 * "≥ N", where N is the sum of the cells shown plus 1 for each suppressed one — exactly what a
 * reader can already work out from the cells, so the total adds nothing (rounding the total down to
 * what is shown, rather than suppressing a complementary cell, which would have to print a
 * misleading "<3" on a larger cell or mark it in a way that gives the small one away).
 */

export const SMALL_CELL_LIMIT = 3;

/** One figure as the dashboard shows it: `value` is null when withheld, `shown` is what is printed. */
export interface Count {
  value: number | null;
  shown: string;
  /** "small": a count of 1 or 2 where a unit is named; "bound": a total beside suppressed cells. */
  withheld?: "small" | "bound";
  /** For "bound": the least the total can be (shown cells plus 1 per suppressed one). */
  atLeast?: number;
}

export function exact(n: number): Count {
  return { value: n, shown: String(n) };
}

/** A count where a unit is named: 1 and 2 become "<3". */
export function unitCount(n: number, unitNamed: boolean): Count {
  if (unitNamed && n > 0 && n < SMALL_CELL_LIMIT)
    return { value: null, shown: `<${SMALL_CELL_LIMIT}`, withheld: "small" };
  return exact(n);
}

export function isSuppressed(c: Count): boolean {
  return c.withheld === "small";
}

/**
 * The total of `parts` as it may be printed beside them: exact when none is suppressed; otherwise
 * "≥ N" (N = shown parts + 1 per suppressed one). When the total itself names a unit and is under 3,
 * it is "<3" like any other such count.
 */
export function totalBeside(total: number, parts: readonly Count[], unitNamed: boolean): Count {
  const own = unitCount(total, unitNamed);
  if (own.withheld) return own;
  const hidden = parts.filter(isSuppressed).length;
  if (hidden === 0) return own;
  const atLeast = parts.reduce((sum, p) => sum + (p.value ?? 0), 0) + hidden;
  return { value: null, shown: `≥${atLeast}`, withheld: "bound", atLeast };
}
