import pino from "pino";
import type { Logger } from "../ports/logger";

/** JSON logs (pino). Secrets are never passed to the logger; the redact list is a second line of defence. */
export function createLogger(level: string): Logger & { child(bindings: object): Logger } {
  return pino({
    level,
    base: { service: "clinician-feedback-bot" },
    redact: {
      paths: ["*.password", "*.token", "*.apiKey", "*.secret", "*.authorization", "headers.authorization"],
      censor: "[secret]",
    },
  });
}
