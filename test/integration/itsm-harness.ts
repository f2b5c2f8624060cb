/**
 * Triage with an ITSM connector, end to end in process: the embedded store (in memory), recording
 * chat senders, the real outbox dispatcher with the ticket handler, a settable clock, and the real
 * restify server serving the signed status webhook on 127.0.0.1, talking to a fake tool over HTTP.
 */
import type restify from "restify";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createItsmConnector } from "../../src/adapters/itsm/create-itsm";
import { itsmWebhookRoutes, webhookPath } from "../../src/adapters/itsm/webhook-route";
import { applyTicketEvent } from "../../src/app/itsm/apply-ticket-event";
import { createTicketDelivery } from "../../src/app/itsm/deliver-ticket";
import type { TriageDeps } from "../../src/app/triage/triage-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import type { ItsmSettings } from "../../src/config/itsm-env";
import { parseTriageConfig } from "../../src/config/triage-config";
import type { Classification } from "../../src/domain/classification";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Report } from "../../src/domain/report";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import type { ChannelName } from "../../src/ports/channel";
import type { ItsmConnector } from "../../src/ports/itsm";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildClassifiedReport } from "../fixtures/build-report";
import { RecordingSender, type RecordedSend } from "../fakes/recording-sender";
import { mrnRedactor } from "../support/intake-harness";
import { START } from "./triage-harness";

export const WEBHOOK_SECRET = "test-webhook-secret-0123456789";

export const ITSM_TRIAGE_CONFIG = {
  routes: [{ system: "network", destination: "slack:C0NET", assignmentGroup: "Network Operations" }],
  defaultDestination: "teams:19:triage@thread.tacv2",
  defaultAssignmentGroup: "Clinical Applications",
  alerts: ["slack:C0ONCALL"],
  triagers: { slack: { userIds: ["UTRIAGE1"] } },
};

export const nurse = (n: number): Partial<Report> => ({
  channel: n % 2 === 0 ? "teams" : "slack",
  reporter: { ref: `nurse-${n}`, anonymous: false, displayName: `Nurse ${n}` },
  conversationKey: `${n % 2 === 0 ? "teams" : "slack"}:conv-${n}`,
});

export interface ItsmHarness {
  store: Store;
  deps: TriageDeps;
  triage: ReturnType<typeof createTriageService>;
  connector: ItsmConnector;
  senders: Record<ChannelName, RecordingSender>;
  clock: { now(): Date; advance(ms: number): void };
  webhookUrl: string;
  sent(): RecordedSend[];
  /** Runs the dispatcher until nothing is due now. */
  drain(): Promise<void>;
  file(text: string, classification?: Partial<Classification>, overrides?: Partial<Report>): Promise<Report>;
  close(): Promise<void>;
}

export async function createItsmHarness(settings: Exclude<ItsmSettings, { kind: "none" }>): Promise<ItsmHarness> {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  let now = START;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const senders: Record<ChannelName, RecordingSender> = {
    slack: new RecordingSender("slack"),
    teams: new RecordingSender("teams"),
    webchat: new RecordingSender("webchat"),
  };
  const all: RecordedSend[] = [];
  for (const sender of Object.values(senders)) {
    const send = sender.send.bind(sender);
    sender.send = async (target, message, options) => {
      const ref = await send(target, message, options);
      all.push(sender.sent[sender.sent.length - 1]!);
      return ref;
    };
  }
  const connector = createItsmConnector(settings, clock)!;
  const deps: TriageDeps = {
    store,
    config: parseTriageConfig(ITSM_TRIAGE_CONFIG),
    clock,
    logger: silentLogger,
    redactor: mrnRedactor,
    catalogue: null,
    itsm: connector.kind,
  };
  const triage = createTriageService(deps);
  const delivery = createTicketDelivery(deps, { connector, categoryMap: settings.categoryMap });
  const server: restify.Server = createHttpServer({
    logger: silentLogger,
    modules: [
      itsmWebhookRoutes({
        connector,
        secret: settings.webhookSecret,
        idempotency: store.idempotency,
        clock,
        logger: silentLogger,
        apply: (kind, event) => applyTicketEvent(deps, kind, event),
      }),
    ],
  });
  const { url } = await listen(server, 0, "127.0.0.1");
  let seq = 0;
  return {
    store,
    deps,
    triage,
    connector,
    senders,
    clock,
    webhookUrl: `${url}${webhookPath(connector.kind)}`,
    sent: () => all,
    async drain() {
      for (let i = 0; i < 50; i++) {
        const found = await dispatchOutboxOnce({
          store,
          senders: Object.values(senders),
          clock,
          logger: silentLogger,
          owner: "test",
          itsm: delivery,
        });
        if (!found) return;
      }
    },
    async file(text, classification = {}, overrides = {}) {
      seq = await store.reports.nextSeq();
      // Stored as intake stores it: redacted.
      const redacted = asRedacted(mrnRedactor.redact(text).text);
      const report = buildClassifiedReport(
        { seq, createdAt: clock.now(), updatedAt: clock.now(), text: redacted, ...overrides },
        { summary: redacted, classifiedAt: clock.now(), ...classification },
      );
      await store.reports.insert(report);
      await triage.onClassified(report);
      return (await store.reports.get(report.id))!;
    },
    async close() {
      await closeServer(server);
      await store.close();
    },
  };
}

/** Drains, moving the clock on by a minute between rounds, until `done` or the rounds run out. */
export async function drainUntil(h: ItsmHarness, done: () => Promise<boolean>, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds && !(await done()); i++) {
    await h.drain();
    if (await done()) return;
    h.clock.advance(60_000);
  }
}
