/** A tool state → report status, with the operator's overrides (ITSM_STATUS_MAP) before the defaults. */
import type { Status } from "../../domain/status";

export type StatusMap = Record<string, Status | null>;

/** Looks up each name in turn (lower-cased), overrides first; undefined when none is known. */
export function mapState(names: readonly (string | null | undefined)[], overrides: StatusMap, defaults: StatusMap) {
  for (const table of [overrides, defaults])
    for (const name of names) {
      const key = name?.trim().toLowerCase();
      if (key && Object.hasOwn(table, key)) return table[key] ?? null;
    }
  return undefined;
}
