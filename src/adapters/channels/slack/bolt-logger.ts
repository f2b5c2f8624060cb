/** Bolt wants @slack/logger's interface; route it to ours (Bolt's debug chatter stays at debug). */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../../ports/logger";

export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = "slack";
  const text = (parts: unknown[]): string => parts.map((p) => (typeof p === "string" ? p : String(p))).join(" ");
  return {
    debug: (...msg: unknown[]) => logger.debug({ component: name }, text(msg)),
    info: (...msg: unknown[]) => logger.info({ component: name }, text(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: name }, text(msg)),
    error: (...msg: unknown[]) => logger.error({ component: name }, text(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
