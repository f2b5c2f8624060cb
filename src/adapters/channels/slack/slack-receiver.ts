/**
 * A Bolt Receiver fed by the shared restify server: POST /slack/events takes events, interactivity,
 * slash commands, shortcuts and options. The raw body is read here (no body parser on this route),
 * the signature checked, then Bolt dispatches. Interactivity and commands: the HTTP response is
 * written by ack(), and a safety timer acks anyway before Slack's 3 s deadline. Chat events
 * (`event_callback`): Bolt's automatic ack is held back and the response is written once the listener
 * says the message is stored (IntakeAck, 200) or could not be (503, so Slack retries), or when the
 * listener finishes; past the deadline without either, 503 as well — never a 200 for a message
 * that is not in the store.
 */
import { parse as parseQuery } from "node:querystring";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type restify from "restify";
import type { RouteModule } from "../../../http/server";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import { jsonShapeProblem } from "../../../http/json-limits";
import { INTAKE_ACK_KEY, LAST_SLACK_RETRY, type IntakeAck } from "./intake-ack";
import { checkSlackSignature } from "./verify-signature";
import { header, readRawBody } from "../../raw-request";

export const SLACK_EVENTS_PATH = "/slack/events";
const MAX_BODY_BYTES = 1024 * 1024;

export interface RestifyReceiverOptions {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  path?: string;
  /** Ack with an empty 200 if no listener did within this time (Slack gives up at 3 s). */
  ackDeadlineMs?: number;
  /**
   * Chat events being taken in at once; more get 503 at once (Slack redelivers), before Bolt or the
   * core spend anything on them, so that over capacity the answers stay fast instead of all late.
   */
  maxOpenEvents?: number;
  /**
   * True while the service is over capacity (main.ts: the event loop runs late, loop-lag.ts): chat
   * events then get 503 at once too, however few are open, until it has caught up.
   */
  overloaded?: () => boolean;
  /** Told when a chat event is taken in and when it is answered (main.ts: background work waits meanwhile). */
  activity?: { started(): void; finished(): void };
}

export const MAX_OPEN_EVENTS = 64;
/** Refusals are logged at most this often (a burst would otherwise write a line per event). */
const REFUSAL_LOG_EVERY_MS = 1000;

type ParsedBody = Record<string, unknown>;

/** A JSON object within the size and depth limits, or a throw. */
function jsonObject(text: string): ParsedBody {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("body is not an object");
  const problem = jsonShapeProblem(parsed);
  if (problem !== null) throw new Error(`body refused: ${problem}`);
  return parsed as ParsedBody;
}

/**
 * JSON (Events API) or form-encoded (commands; interactivity's `payload=`). Throws on junk: not an
 * object (`payload=null`), or nested deeper / larger than the JSON limits.
 */
export function parseSlackBody(rawBody: string, contentType: string | undefined): ParsedBody {
  if ((contentType ?? "").startsWith("application/x-www-form-urlencoded")) {
    const form = parseQuery(rawBody);
    if (typeof form.payload === "string") return jsonObject(form.payload);
    return form;
  }
  return jsonObject(rawBody);
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === "") {
    res.writeHead(status, { "content-length": "0" });
    res.end();
  } else if (typeof body === "string") {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(body);
  } else {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }
}

export class RestifyReceiver implements Receiver {
  private app: App | null = null;
  private readonly options: Required<RestifyReceiverOptions>;

  constructor(options: RestifyReceiverOptions) {
    this.options = {
      path: SLACK_EVENTS_PATH,
      ackDeadlineMs: 2500,
      maxOpenEvents: MAX_OPEN_EVENTS,
      overloaded: () => false,
      activity: { started: () => undefined, finished: () => undefined },
      ...options,
    };
  }

  /** Chat events taken in and not yet answered. */
  private openEvents = 0;
  /** Refusals since the last "over capacity" log line, and when that was written. */
  private refused = 0;
  private refusalLoggedAt = 0;

  init(app: App): void {
    this.app = app;
  }

  /** The restify server is owned by the composition root; nothing to start here. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  readonly routes: RouteModule = {
    name: "slack",
    register: (server: restify.Server) => {
      server.post(this.options.path, (req: restify.Request, res: restify.Response, next: restify.Next) => {
        this.handle(req, res).then(
          () => next(),
          (err: unknown) => {
            this.options.logger.error({ err: String(err) }, "slack request failed");
            reply(res, 500);
            next();
          },
        );
      });
    },
  };

  /** Handles one request; resolves once the HTTP response is written (not when the work is done). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    const rawBody = await readRawBody(req, MAX_BODY_BYTES);
    if (rawBody === null) return reply(res, 413);
    const contentType = header(req, "content-type");
    // Slack's unsigned SSL probe: answer it, process nothing.
    if (/(^|&)ssl_check=1(&|$)/.test(rawBody) && (contentType ?? "").startsWith("application/x-www-form-urlencoded")) {
      return reply(res, 200);
    }
    const check = checkSlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody,
      signature: header(req, "x-slack-signature"),
      timestamp: header(req, "x-slack-request-timestamp"),
      now: this.options.clock.now(),
    });
    if (!check.ok) {
      logger.warn({ reason: check.reason }, "slack request refused: bad signature");
      return reply(res, 401);
    }
    let body: ParsedBody;
    try {
      body = parseSlackBody(rawBody, contentType);
    } catch {
      return reply(res, 400);
    }
    if (body.type === "url_verification") return reply(res, 200, { challenge: body.challenge });
    if (!this.app) return reply(res, 503);

    const durable = body.type === "event_callback";
    // Slack's last retry is always taken in: refused, it would be lost without a word to the person.
    const lastRetry = Number(header(req, "x-slack-retry-num") ?? 0) >= LAST_SLACK_RETRY;
    if (durable && !lastRetry && (this.openEvents >= this.options.maxOpenEvents || this.options.overloaded())) {
      this.refused += 1;
      const now = Date.now();
      if (now - this.refusalLoggedAt >= REFUSAL_LOG_EVERY_MS) {
        logger.warn(
          { open: this.openEvents, refused: this.refused },
          "slack events over capacity; answering 503 so Slack retries",
        );
        this.refusalLoggedAt = now;
        this.refused = 0;
      }
      return reply(res, 503);
    }
    if (durable) {
      this.openEvents += 1;
      this.options.activity.started();
    }
    const acked = new Promise<void>((resolve) => {
      let done = false;
      const finish = (status: number, response?: unknown): void => {
        if (done) return;
        done = true;
        if (durable) {
          this.openEvents -= 1;
          this.options.activity.finished();
        }
        clearTimeout(timer);
        reply(res, status, response);
        resolve();
      };
      const timer = setTimeout(() => {
        if (done) return;
        if (durable) {
          logger.warn({ type: body.type }, "slack event not stored in time; answering 503 so Slack retries");
          finish(503);
        } else {
          logger.warn({ type: body.type }, "slack request not acknowledged in time; acking empty");
          finish(200);
        }
      }, this.options.ackDeadlineMs);
      // Events: Bolt acks before the listeners run; the listener's IntakeAck decides instead.
      const ack = (response?: unknown): Promise<void> => {
        if (!durable) finish(200, response);
        return Promise.resolve();
      };
      const intakeAck: IntakeAck = { accepted: () => finish(200), refused: () => finish(503) };
      const retry = header(req, "x-slack-retry-num");
      const event: ReceiverEvent = {
        body,
        ack,
        ...(durable ? { customProperties: { [INTAKE_ACK_KEY]: intakeAck } } : {}),
        ...(retry !== undefined ? { retryNum: Number(retry) } : {}),
        ...(header(req, "x-slack-retry-reason") ? { retryReason: header(req, "x-slack-retry-reason") } : {}),
      };
      // Bolt returns without acking what no listener takes (app_rate_limited, a type it cannot tell):
      // answer at once instead of at the deadline. Bolt throwing before any ack means it could not
      // read the signed body (`"event": null`, `"view": null` …): the sender's mistake, 400. (A report
      // that could not be stored was refused by its listener already: 503, so Slack retries.)
      this.app?.processEvent(event).then(
        () => finish(200),
        (err: unknown) => {
          if (!done) logger.warn({ type: body.type, err: String(err) }, "slack body not understood; answered 400");
          else logger.error({ err: String(err) }, "slack event processing failed");
          finish(400);
        },
      );
    });
    await acked;
  }
}
