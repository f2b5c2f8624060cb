/** A Logger that keeps each line as { level, obj, msg } (obj a copy), so tests can assert on log lines. */
import type { Logger } from "../../src/ports/logger";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  obj: Record<string, unknown>;
  msg: string;
}

export function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: LogLine["level"]) =>
    (obj: object | string, msg?: string): void => {
      lines.push(
        typeof obj === "string"
          ? { level, obj: {}, msg: obj }
          : { level, obj: { ...(obj as Record<string, unknown>) }, msg: msg ?? "" },
      );
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Polls a synchronous condition every 20 ms until it holds (or fails after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
