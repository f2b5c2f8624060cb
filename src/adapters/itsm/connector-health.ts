/**
 * The ITSM connector as /readyz sees it: every call's outcome is noted; while the last call found
 * the tool unreachable or refusing our credentials, /readyz answers "degraded" (200: reports are
 * still taken in and triaged in chat; tickets wait in the outbox) with the reason, no secret in it.
 */
import { AppError } from "../../domain/errors";
import { ITSM_NAMES } from "../../domain/ticket";
import type { ComponentHealth } from "../../http/health-routes";
import type { Clock } from "../../ports/clock";
import type { ItsmConnector } from "../../ports/itsm";

export interface ObservedConnector {
  connector: ItsmConnector;
  health(): ComponentHealth;
}

export function observeConnector(inner: ItsmConnector, clock: Clock): ObservedConnector {
  const name = ITSM_NAMES[inner.kind];
  let failing: { since: Date; message: string } | null = null;
  let lastOk: Date | null = null;
  async function noted<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      failing = null;
      lastOk = clock.now();
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === "ITSM_UNAVAILABLE")
        failing = { since: failing?.since ?? clock.now(), message: err.message };
      throw err;
    }
  }
  return {
    connector: {
      kind: inner.kind,
      findByCorrelationId: (id) => noted(() => inner.findByCorrelationId(id)),
      createTicket: (request) => noted(() => inner.createTicket(request)),
      updateStatus: (ticket, status, note) => noted(() => inner.updateStatus(ticket, status, note)),
      parseWebhook: (body) => inner.parseWebhook(body),
    },
    health(): ComponentHealth {
      if (failing)
        return {
          name: "itsm",
          ready: false,
          detail: `${name} unavailable since ${failing.since.toISOString()}`,
          reason: `${name}: ${failing.message}; tickets wait in the outbox`,
        };
      return {
        name: "itsm",
        ready: true,
        detail: lastOk ? `${name} answered at ${lastOk.toISOString()}` : `${name} (no call yet)`,
        reason: null,
      };
    },
  };
}
