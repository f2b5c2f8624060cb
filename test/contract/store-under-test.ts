/** What each store implementation hands the contract suite: a fresh, initialised store and test hooks. */
import type { Logger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  obj: object | string;
  msg?: string;
}

/** A Logger that keeps what it is told, so tests can assert on it. */
export function capturingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry["level"]) =>
    (obj: object | string, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  return { entries, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export interface StoreUnderTest {
  store: Store;
  /** Writes a report document that does NOT satisfy ReportSchema directly into storage. */
  writeCorruptReport(id: string, seq: number, createdAt: Date): Promise<void>;
  /** Closes the store and removes its data. */
  dispose(): Promise<void>;
}

export type MakeStore = (logger: Logger) => Promise<StoreUnderTest>;
