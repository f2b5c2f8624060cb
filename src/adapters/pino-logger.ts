import pino from "pino";
import type { Logger } from "../ports/logger";
import { textLogStream } from "./text-log-stream";

/**
 * Fields pino censors wherever they appear (top level, or one or two levels down). Secrets are
 * never passed to the logger on purpose; this is the second line of defence, and it covers request
 * headers (authorization, cookies) should a request ever reach a log line.
 */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "password",
  "appPassword",
  "token",
  "botToken",
  "appToken",
  "accessToken",
  "refreshToken",
  "bearer",
  "apiKey",
  "secret",
  "clientSecret",
  "signingSecret",
];
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) =>
  /^\w+$/.test(key) ? [key, `*.${key}`, `*.*.${key}`] : [`["${key}"]`, `*["${key}"]`, `*.*["${key}"]`],
);

/** `json`: one pino JSON object a line (log collectors); `text`: short readable lines for a terminal. */
export type LogFormat = "json" | "text";

/** LOG_FORMAT=auto is text in a terminal and JSON otherwise (piped, a container, a process manager). */
export function chooseLogFormat(setting: "auto" | LogFormat, isTTY: boolean | undefined): LogFormat {
  if (setting !== "auto") return setting;
  return isTTY ? "text" : "json";
}

/**
 * Logs (pino), to stdout unless a destination is given (tests capture the output that way);
 * `text` turns each line into a short readable one for a terminal.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  format: LogFormat = "json",
): Logger & { child(bindings: object): Logger } {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "clinician-feedback-bot" },
    redact: { paths: REDACT_PATHS, censor: "[secret]" },
  };
  if (format === "text") return pino(options, textLogStream(destination ?? process.stdout));
  return destination ? pino(options, destination) : pino(options);
}
