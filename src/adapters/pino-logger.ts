import pino from "pino";
import type { Logger } from "../ports/logger";

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

/** JSON logs (pino), to stdout unless a destination is given (tests capture the output that way). */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
): Logger & { child(bindings: object): Logger } {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "clinician-feedback-bot" },
    redact: { paths: REDACT_PATHS, censor: "[secret]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
