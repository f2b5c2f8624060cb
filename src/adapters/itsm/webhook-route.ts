/**
 * POST /itsm/servicenow or /itsm/jira: the ITSM tool tells us a ticket changed. Signed (see
 * webhook-signature.ts; 401 otherwise), replay-safe (a delivery id already processed is answered
 * 200 "duplicate" and changes nothing; it is remembered in the store, so on every instance),
 * validated with the adapter's zod schema (400), then applied through the triage service. A ticket
 * we did not create is answered 202 "unknown_ticket". The delivery is remembered only once applied:
 * if the store fails the tool gets 503 and its retry is processed.
 */
import type restify from "restify";
import type { TicketEventOutcome } from "../../app/itsm/apply-ticket-event";
import { errorCode } from "../../domain/errors";
import type { ItsmKind } from "../../domain/ticket";
import { jsonShapeProblem } from "../../http/json-limits";
import type { RouteModule } from "../../http/server";
import type { Clock } from "../../ports/clock";
import type { ItsmConnector, TicketEvent } from "../../ports/itsm";
import type { Logger } from "../../ports/logger";
import type { IdempotencyStore } from "../../ports/side-stores";
import {
  checkItsmWebhook,
  ITSM_DELIVERY_HEADER,
  ITSM_SIGNATURE_HEADER,
  ITSM_TIMESTAMP_HEADER,
} from "./webhook-signature";
import { header, readRawBody } from "../raw-request";

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface ItsmWebhookOptions {
  connector: ItsmConnector;
  secret: string;
  idempotency: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  apply(kind: ItsmKind, event: TicketEvent): Promise<TicketEventOutcome>;
}

export function webhookPath(kind: ItsmKind): string {
  return `/itsm/${kind}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { ok: false, problem: "body is not a JSON object" };
    const problem = jsonShapeProblem(value);
    return problem ? { ok: false, problem: `body refused: ${problem}` } : { ok: true, value };
  } catch {
    return { ok: false, problem: "body is not JSON" };
  }
}

export function itsmWebhookRoutes(options: ItsmWebhookOptions): RouteModule {
  const { connector, logger } = options;
  const kind = connector.kind;
  const path = webhookPath(kind);
  const refuse = (res: restify.Response, status: number, body: unknown, why: string): void => {
    logger.warn({ path, status, why }, "ITSM webhook refused");
    res.send(status, body);
  };
  return {
    name: `itsm-webhook-${kind}`,
    register(server) {
      server.post(path, async (req: restify.Request, res: restify.Response) => {
        const raw = await readRawBody(req, MAX_WEBHOOK_BYTES).catch(() => null);
        if (raw === null) return refuse(res, 413, { error: "body too large" }, "body too large");
        const check = checkItsmWebhook({
          secret: options.secret,
          rawBody: raw,
          headers: {
            [ITSM_SIGNATURE_HEADER]: header(req, ITSM_SIGNATURE_HEADER),
            [ITSM_TIMESTAMP_HEADER]: header(req, ITSM_TIMESTAMP_HEADER),
            [ITSM_DELIVERY_HEADER]: header(req, ITSM_DELIVERY_HEADER),
          },
          now: options.clock.now(),
        });
        if (!check.ok) return refuse(res, 401, { error: "unauthorized" }, `signature ${check.reason}`);
        const deliveryKey = `itsm-webhook:${kind}:${check.deliveryId}`;
        try {
          if (await options.idempotency.seen(deliveryKey)) {
            logger.info({ path, delivery: check.deliveryId }, "ITSM webhook delivery already processed");
            res.send(200, { status: "duplicate" });
            return;
          }
          const json = parseJson(raw);
          if (!json.ok) return refuse(res, 400, { error: json.problem }, json.problem);
          const parsed = connector.parseWebhook(json.value);
          if (!parsed.ok) return refuse(res, 400, { error: `invalid payload: ${parsed.problem}` }, "schema");
          const outcome = await options.apply(kind, parsed.event);
          await options.idempotency.firstTime(deliveryKey, options.clock.now());
          logger.info(
            { path, delivery: check.deliveryId, ticket: parsed.event.number, state: parsed.event.state, ...outcome },
            "ITSM webhook processed",
          );
          if (outcome.result === "unknown_ticket" || outcome.result === "ignored")
            res.send(202, { status: outcome.result, detail: outcome.detail });
          else res.send(200, { status: outcome.result, reportId: outcome.reportId });
        } catch (err) {
          const code = errorCode(err);
          logger.error({ path, code, err: (err as Error).message }, "ITSM webhook failed; the tool will retry");
          res.send(503, { error: { code, message: "temporarily unavailable; retry later" } });
        }
      });
    },
  };
}
