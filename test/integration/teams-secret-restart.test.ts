/**
 * An expired client secret, end to end: the nurse's message is authentic, so the report is filed;
 * the in-turn acknowledgement cannot go out (no outgoing token), so it is queued in the outbox, and
 * the failed turn makes the credential check look again; the classification confirmation waits in
 * the outbox too. After the secret is replaced and the service restarted, the outbox sends the
 * acknowledgement with the new token and the confirmation replaces it in place.
 */
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { createTeamsChannel, type TeamsChannel } from "../../src/adapters/channels/teams";
import {
  observedSender,
  startTeamsCredentialCheck,
  type TeamsCredentialCheck,
} from "../../src/adapters/channels/teams/credential-check";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce, UNAVAILABLE_RETRY_MS } from "../../src/jobs/outbox-dispatcher";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { BOT, NURSE } from "../fakes/fake-core-teams";
import {
  channelToken,
  createSigningKey,
  startFakeMicrosoftLogin,
  type FakeMicrosoftLogin,
} from "../fakes/fake-microsoft-login";
import { intakeHarness } from "../support/intake-harness";
import { recordingLogger, until, type LogLine } from "../support/recording-logger";

const APP_ID = "6f1c2b9e-0000-4000-8000-00000000d001";
const EXPIRED_SECRET = "the-secret-that-expired-last-night";
const NEW_SECRET = "the-secret-created-this-morning";

describe("Teams with an expired client secret, then fixed and restarted", () => {
  const key = createSigningKey("bf-key-restart");
  let login: FakeMicrosoftLogin;
  let unroute: () => void;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    login = await startFakeMicrosoftLogin({
      keys: [key],
      apps: { [APP_ID]: NEW_SECRET },
      expiredSecrets: { [APP_ID]: EXPIRED_SECRET },
    });
    unroute = login.routeHttps();
    connector = await startFakeBotConnector();
  });
  afterAll(async () => {
    await connector.close();
    unroute();
    await login.close();
  });

  it("files the report, keeps the confirmation in the outbox, and sends it once the new secret is in", async () => {
    const h = await intakeHarness();
    const lines: LogLine[] = [];
    const logger = recordingLogger(lines);
    /** One service process: the Teams channel, its credential check and the HTTP server. */
    const boot = async (secret: string) => {
      const credentials = { appId: APP_ID, appPassword: secret, appType: "MultiTenant" as const };
      const teams: TeamsChannel = createTeamsChannel({
        ...credentials,
        core: h.core,
        conversations: h.store.conversations,
        clock: h.clock,
        logger,
      });
      const check: TeamsCredentialCheck = startTeamsCredentialCheck({ credentials, logger, adapter: teams.adapter });
      const server = createHttpServer({ logger, modules: [teams.routes] });
      const { url } = await listen(server, 0, "127.0.0.1");
      return {
        teams,
        check,
        url,
        async stop() {
          check.stop();
          await closeServer(server);
        },
      };
    };
    // As main wires it: the outbox's Teams sender reports its failures to the credential check.
    const dispatch = (p: { teams: TeamsChannel; check: TeamsCredentialCheck }) =>
      dispatchOutboxOnce({
        store: h.store,
        senders: [observedSender(p.teams.sender, p.check)],
        clock: h.clock,
        logger,
        owner: "test",
      });

    try {
      // 1. Started with the expired secret: the check says so at start-up.
      const before = await boot(EXPIRED_SECRET);
      expect(await before.check.first).toMatchObject({ state: "rejected", code: "AADSTS7000222" });
      const rejectedLines = () => lines.filter((l) => l.level === "error" && l.obj["code"] === "AADSTS7000222");
      expect(rejectedLines()).toHaveLength(1);

      // 2. A nurse reports a problem: filed, but the acknowledgement cannot be sent.
      const conversationId = "a:personal-restart-1";
      const res = await fetch(`${before.url}/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${channelToken({ aud: APP_ID, serviceurl: connector.url }, key)}`,
        },
        body: JSON.stringify({
          type: "message",
          id: "restart-1",
          channelId: "msteams",
          serviceUrl: connector.url,
          timestamp: new Date().toISOString(),
          from: NURSE,
          recipient: BOT,
          conversation: { id: conversationId, conversationType: "personal", tenantId: "tenant-1" },
          channelData: { tenant: { id: "tenant-1" } },
          text: "Omnicell on 7 North won't read badges",
        }),
      });
      expect(res.status).toBe(200);
      const [report] = await h.store.reports.find({});
      expect(report!.text).toBe("Omnicell on 7 North won't read badges");
      expect(connector.calls).toHaveLength(0);
      expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "bot turn failed" }));
      // The failed turn made the check ask Entra ID again (a second plain-words error line).
      await until(() => rejectedLines().length === 2);

      // 3. Classified: the confirmation is queued, and its send fails while the secret is expired.
      const claimed = await h.store.reports.claimForClassification("w", h.clock.now(), 60_000);
      await classifyClaimedReport(h.deps, claimed!);
      h.clock.advance(5_000); // past the wait for the acknowledgement's ref (there is none)
      expect(await dispatch(before)).toBe(true);
      // The channel is known to be unavailable: the messages (the acknowledgement the turn could not
      // send, queued as ack@<id>, and the confirmation) are kept (never given up) until it is fixed.
      const failed = lines.filter((l) => l.msg === "channel unavailable; message kept until it is fixed");
      expect(failed.map((l) => l.obj["key"])).toEqual([`ack@${report!.id}`, expect.stringMatching(/^intake:/)]);
      expect(failed[1]!.obj["err"]).toEqual(expect.stringContaining("AADSTS7000222"));
      const outboxKey = failed[1]!.obj["key"] as string;
      expect(await h.store.outbox.get(outboxKey)).toMatchObject({ state: "pending", attempts: 1 });
      await before.stop();

      // 4. A new secret and a restart: verified at start-up, and the waiting confirmation goes out.
      const after = await boot(NEW_SECRET);
      expect(await after.check.first).toMatchObject({ state: "verified" });
      h.clock.advance(UNAVAILABLE_RETRY_MS + 1); // the retry is due
      expect(await dispatch(after)).toBe(true);
      // The late acknowledgement goes out first, and the confirmation replaces it in place.
      const [sent] = await connector.waitFor(1);
      expect(sent!.conversationId).toBe(conversationId);
      expect(JSON.stringify(sent!.body)).toContain(`Got it — ${report!.id}`);
      expect(sent!.authorization).toBe(`Bearer ${login.tokenRequests.at(-1)!.issued}`);
      const [update] = await connector.waitFor(1, "update");
      expect(update!.activityId).toBe(sent!.assignedId);
      expect(JSON.stringify(update!.body)).toContain(`${report!.id} filed`);
      expect(connector.calls).toHaveLength(2);
      expect(await h.store.outbox.get(outboxKey)).toMatchObject({ state: "sent", attempts: 2 });
      await after.stop();

      // Neither secret was ever logged.
      const logged = JSON.stringify(lines);
      expect(logged).not.toContain(EXPIRED_SECRET);
      expect(logged).not.toContain(NEW_SECRET);
    } finally {
      await h.store.close();
    }
  });
});
