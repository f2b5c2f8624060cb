/**
 * A TriageService on the embedded store (in memory) with recording senders per channel, a settable
 * clock and the real outbox dispatcher, for the triage integration tests.
 */
import type { Catalogue } from "../../src/domain/catalogue";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createTriageService } from "../../src/app/triage/triage-service";
import type { Sender } from "../../src/app/intake/core-types";
import type { TriageConfig } from "../../src/config/triage-config";
import { parseTriageConfig } from "../../src/config/triage-config";
import type { Classification } from "../../src/domain/classification";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Report } from "../../src/domain/report";
import type { ChannelName } from "../../src/ports/channel";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { buildClassifiedReport } from "../fixtures/build-report";
import { RecordingSender, type RecordedSend } from "../fakes/recording-sender";
import { mrnRedactor } from "../support/intake-harness";

export const START = new Date("2025-03-03T09:00:00.000Z");

export const TEST_TRIAGE_CONFIG = {
  routes: [
    { system: "ehr", destination: "teams:19:ehr@thread.tacv2" },
    { kind: "access", destination: "slack:C0ACCESS" },
  ],
  defaultDestination: "slack:C0TRIAGE",
  alerts: ["slack:C0ONCALL"],
  triagers: {
    slack: { userIds: ["UTRIAGE1", "UTRIAGE2"], userGroups: ["S0ITGROUP"] },
    teams: { userIds: ["29:it-lead"] },
  },
};

export const TRIAGER_1: Sender = {
  channel: "slack",
  userId: "UTRIAGE1",
  userName: "Dana Lee",
  conversationKey: "slack:C0TRIAGE",
  direct: false,
};
export const TRIAGER_2: Sender = {
  channel: "slack",
  userId: "UTRIAGE2",
  userName: "Sam Ortiz",
  conversationKey: "slack:C0TRIAGE",
  direct: false,
};
export const NURSE: Sender = {
  channel: "slack",
  userId: "UNURSE",
  userName: "Nia Nurse",
  conversationKey: "slack:D0NURSE",
  direct: true,
};

export interface Harness {
  store: Store;
  triage: ReturnType<typeof createTriageService>;
  senders: Record<ChannelName, RecordingSender>;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  config: TriageConfig;
  /** Runs the outbox dispatcher until nothing is due. */
  drain(): Promise<void>;
  /** Everything sent, all channels, in order. */
  sent(): RecordedSend[];
  /** Inserts a classified report created "now" and hands it to triage. */
  file(
    text: string,
    classification?: Partial<Classification>,
    overrides?: Partial<Report>,
  ): Promise<{ report: Report; info: Awaited<ReturnType<ReturnType<typeof createTriageService>["onClassified"]>> }>;
  close(): Promise<void>;
}

export async function createTriageHarness(
  raw: unknown = TEST_TRIAGE_CONFIG,
  extra: { slackGroups?: Record<string, string[]>; catalogue?: Catalogue } = {},
): Promise<Harness> {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  let now = START;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    set: (d: Date) => {
      now = d;
    },
  };
  const config = parseTriageConfig(raw);
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
  const groups = extra.slackGroups ?? {};
  const triage = createTriageService({
    store,
    config,
    clock,
    logger: silentLogger,
    redactor: mrnRedactor,
    directory: { slackUserGroupMembers: async (group) => groups[group] ?? [] },
    catalogue: extra.catalogue ?? null,
  });
  let seq = 0;
  return {
    store,
    triage,
    senders,
    clock,
    config,
    async drain() {
      for (let i = 0; i < 50; i++) {
        const found = await dispatchOutboxOnce({
          store,
          senders: Object.values(senders),
          clock,
          logger: silentLogger,
          owner: "test",
        });
        if (!found) return;
      }
    },
    sent: () => all,
    async file(text, classification = {}, overrides = {}) {
      seq = await store.reports.nextSeq();
      const report = buildClassifiedReport(
        { seq, createdAt: clock.now(), updatedAt: clock.now(), text: asRedacted(text), ...overrides },
        { summary: text, classifiedAt: clock.now(), ...classification },
      );
      await store.reports.insert(report);
      const info = await triage.onClassified(report);
      return { report: (await store.reports.get(report.id))!, info };
    },
    close: () => store.close(),
  };
}
