/**
 * A pino destination for terminals: each JSON line becomes `12:03:04 WARN  message  key=value`.
 * Small on purpose (no pino-pretty dependency); anything it cannot parse is written unchanged.
 */
const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const OMIT = new Set(["level", "time", "pid", "hostname", "service", "msg", "startup"]);

function renderValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One JSON log line as a readable line (no trailing newline). */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 19) : "--:--:--";
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key]) => !OMIT.has(key))
    .map(([key, value]) => `${key}=${renderValue(value)}`);
  const msg = typeof entry.msg === "string" ? entry.msg : "";
  return [time, level, msg, ...(fields.length > 0 ? [fields.join(" ")] : [])].join("  ").trimEnd();
}

export function textLogStream(out: { write(chunk: string): unknown }): { write(chunk: string): void } {
  return {
    write(chunk: string) {
      for (const line of chunk.split("\n")) if (line.trim() !== "") out.write(`${formatLogLine(line)}\n`);
    },
  };
}
