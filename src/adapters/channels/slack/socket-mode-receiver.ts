/**
 * Durable intake over Socket Mode: a chat event's envelope is acknowledged on the WebSocket only once
 * the message is in the store (the listener's IntakeAck says `accepted()`), as on the HTTP route.
 * When it could not be stored (busy, store down, slower than the deadline) the envelope is left
 * unacknowledged, so Slack delivers the event again (with `retry_attempt`), and its id was never
 * marked as seen. Everything else (slash commands, interactivity, events no listener takes) is
 * acknowledged as Bolt's own SocketModeReceiver does.
 *
 * The connection (apps.connections.open, hello, ping/pong, reconnects) is Bolt's SocketModeReceiver's
 * client; only its dispatch of envelopes is replaced, because Bolt acknowledges every event before
 * its listeners run.
 */
import { SocketModeReceiver, type App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../../../ports/logger";
import { INTAKE_ACK_KEY, type IntakeAck } from "./intake-ack";

/** What the Socket Mode client hands over with each envelope (`slack_event`). */
interface SocketEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id?: string;
  type: string;
  body: Record<string, unknown> | undefined;
  retry_num?: number;
  retry_reason?: string;
}

export interface DurableSocketModeReceiverOptions {
  /** Bolt's receiver, used for its connection only. */
  socket: SocketModeReceiver;
  logger: Logger;
  /** Past this without the listener's word the envelope stays unacknowledged (Slack waits 3 s). */
  ackDeadlineMs?: number;
}

export class DurableSocketModeReceiver implements Receiver {
  private app: App | null = null;
  private readonly socket: SocketModeReceiver;
  private readonly logger: Logger;
  private readonly ackDeadlineMs: number;

  constructor(options: DurableSocketModeReceiverOptions) {
    this.socket = options.socket;
    this.logger = options.logger;
    this.ackDeadlineMs = options.ackDeadlineMs ?? 2500;
    this.socket.client.removeAllListeners("slack_event");
    this.socket.client.on("slack_event", (envelope: SocketEnvelope) => void this.dispatch(envelope));
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<unknown> {
    return this.socket.start();
  }

  stop(): Promise<unknown> {
    return this.socket.stop();
  }

  private async dispatch(envelope: SocketEnvelope): Promise<void> {
    const { logger } = this;
    const body = envelope.body ?? {};
    const durable = envelope.type === "events_api" && body.type === "event_callback";
    let done = false;
    const ackOnce = async (response?: Record<string, unknown>): Promise<void> => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        await envelope.ack(response);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, "socket mode ack not sent");
      }
    };
    /** Left unacknowledged: Slack delivers the event again. */
    const leave = (why: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      logger.warn({ type: body.type, retry: envelope.retry_num ?? 0 }, why);
    };
    // As on the HTTP route: an event not stored in time is left for Slack to retry; anything else
    // that no listener acknowledged in time is acknowledged empty.
    const timer = setTimeout(
      () => (durable ? leave("slack event not stored in time; not acknowledged, so Slack retries") : void ackOnce()),
      this.ackDeadlineMs,
    );
    const intakeAck: IntakeAck = {
      accepted: () => void ackOnce(),
      refused: () => leave("slack event not stored; not acknowledged, so Slack retries"),
    };
    const event: ReceiverEvent = {
      body,
      // Events: Bolt acks before the listeners run; the listener's IntakeAck decides instead.
      ack: async (response?: unknown) => {
        if (!durable) await ackOnce(response as Record<string, unknown> | undefined);
      },
      ...(durable ? { customProperties: { [INTAKE_ACK_KEY]: intakeAck } } : {}),
      ...(envelope.retry_num !== undefined ? { retryNum: envelope.retry_num } : {}),
      ...(envelope.retry_reason ? { retryReason: envelope.retry_reason } : {}),
    };
    try {
      if (!this.app) throw new Error("socket mode receiver not initialised");
      await this.app.processEvent(event);
      // No listener took it (a bot's own message, a type nobody handles): nothing to store.
      await ackOnce();
    } catch (err) {
      // Bolt could not read it, or a listener threw before saying anything: acknowledged as Bolt's
      // receiver does, so one bad envelope is not delivered again and again.
      logger.warn({ type: body.type, err: String(err) }, "slack envelope not processed");
      await ackOnce();
    } finally {
      clearTimeout(timer);
    }
  }
}
