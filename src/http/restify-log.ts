/**
 * restify's own logger (a pino instance it calls for formatter errors, uncaught handler errors …).
 * Left to itself it prints the whole request, Authorization and Cookie headers included. This one
 * keeps only the method and path of a request, the status of a response and the type and message of
 * an error, censors the usual secret fields on top, and hands each line to our logger, so restify's
 * lines look like ours and land where ours do.
 */
import pino from "pino";
import type { Logger } from "../ports/logger";
import { REDACT_PATHS } from "../adapters/pino-logger";

interface RequestLike {
  method?: unknown;
  url?: unknown;
}

/** Method and path only: no headers, no query string (tokens travel there too), no body. */
function safeRequest(req: RequestLike | undefined): object | undefined {
  if (!req || typeof req !== "object") return undefined;
  const url = typeof req.url === "string" ? req.url.split("?")[0] : undefined;
  return { method: typeof req.method === "string" ? req.method : undefined, path: url };
}

function safeError(err: unknown): object | undefined {
  if (err === undefined) return undefined;
  if (!(err instanceof Error)) return { message: typeof err === "string" ? err.slice(0, 200) : "(not an Error)" };
  return { type: err.name, code: (err as { code?: unknown }).code, message: err.message.slice(0, 500) };
}

const LEVELS: Record<number, keyof Logger> = {
  10: "debug",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "error",
};

export function restifyLogger(logger: Logger): pino.Logger {
  const forward = {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = record;
      const method = LEVELS[typeof level === "number" ? level : 40] ?? "warn";
      logger[method]({ source: "restify", ...fields }, typeof msg === "string" ? msg : "restify");
    },
  };
  return pino(
    {
      level: "warn",
      base: null,
      serializers: { req: safeRequest, res: () => undefined, err: safeError },
      redact: { paths: REDACT_PATHS, censor: "[secret]" },
    },
    forward,
  );
}
