/**
 * The composition root: the only place that reads the environment and wires adapters to the core.
 * With no configuration it runs demo mode: embedded store in ./data, offline classifier, web chat
 * at http://127.0.0.1:3978/.
 */
import os from "node:os";
import path from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import type restify from "restify";
import { createBotCore } from "./app/intake/bot-core-service";
import type { BotCore } from "./app/intake/core-types";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "./app/intake/intake-deps";
import { sendDigest } from "./app/digest/send-digest";
import { createTriageService } from "./app/triage/triage-service";
import type { TriageDeps } from "./app/triage/triage-deps";
import { createRegexRedactor } from "./adapters/redaction/regex-redactor";
import { createLoopLagMonitor } from "./http/loop-lag";
import { createIntakeLoad, yieldToIntake } from "./app/pipeline/intake-load";
import { warmUpTextPath } from "./app/pipeline/warm-up";
import { chooseLogFormat, createLogger } from "./adapters/pino-logger";
import { createSlackChannel, type SlackChannel } from "./adapters/channels/slack/create-slack-channel";
import { createTeamsChannel } from "./adapters/channels/teams";
import { observedSender, startTeamsCredentialCheck } from "./adapters/channels/teams/credential-check";
import { createWebChat } from "./adapters/channels/webchat";
import { createOidcClient } from "./adapters/channels/webchat/auth/oidc";
import { dashboardAccess } from "./adapters/channels/webchat/auth/dashboard-access";
import { createWebChatSignIn, type WebChatSignIn } from "./adapters/channels/webchat/auth/sign-in";
import { mayTriageWebchat } from "./app/triage/authorize-triager";
import { loadCatalogue } from "./config/catalogue";
import { dashboardEnabled, isLoopbackHost, openChannels, teamsServed, webchatEnabled } from "./config/bind-rule";
import { parseEnv, rawEnv, type Env } from "./config/env";
import { itsmSettings } from "./config/itsm-env";
import { createItsmConnector, describeItsm } from "./adapters/itsm/create-itsm";
import { observeConnector } from "./adapters/itsm/connector-health";
import { itsmWebhookRoutes } from "./adapters/itsm/webhook-route";
import { applyTicketEvent } from "./app/itsm/apply-ticket-event";
import { createTicketDelivery } from "./app/itsm/deliver-ticket";
import { describeEnvFile, loadEnvFile, type EnvFileResult } from "./config/env-file";
import { loadTriageConfig, unusableDestinations } from "./config/triage-config";
import { classifiersFromEnv, loadOnUse, storeFromEnv } from "./compose-from-env";
import { serveStore } from "./adapters/store/store-over-port";
import { AppError, ConfigError } from "./domain/errors";
import { createDashboardRoutes } from "./http/dashboard-routes";
import { createDigestRoutes } from "./http/digest-routes";
import { healthRoutes } from "./http/health-routes";
import { closeServer, createHttpServer, listen, listenProblem, type RouteModule } from "./http/server";
import { startClassificationWorker } from "./jobs/classification-worker";
import { startDigestScheduler } from "./jobs/digest-scheduler";
import { startAckReminderJob } from "./jobs/ack-reminders";
import { startRetentionScheduler } from "./jobs/retention-scheduler";
import { startIntakeTimeoutJob } from "./jobs/intake-timeout";
import { startOutboxDispatcher } from "./jobs/outbox-dispatcher";
import type { PollLoop } from "./jobs/poll-loop";
import { startPipelineThread } from "./jobs/pipeline-thread";
import type { PipelineThreadData } from "./pipeline-thread-main";
import type { ChannelSender } from "./ports/channel";
import type { Store } from "./ports/store";
import { systemClock } from "./ports/clock";
import { renderStartupSummary } from "./startup-summary";
import { anonymousSalt, connectStore } from "./store-startup";
import { shutDown } from "./graceful-shutdown";

function printProblems(title: string, problems: string[]): void {
  process.stderr.write(`${title}\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
}

async function main(): Promise<void> {
  let env: Env;
  let envFile: EnvFileResult;
  try {
    envFile = loadEnvFile(process.env);
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      printProblems("The bot cannot start: the configuration has problems.", err.problems);
      process.exit(1);
    }
    throw err;
  }
  const logFormat = chooseLogFormat(env.LOG_FORMAT, process.stdout.isTTY);
  const logger = createLogger(env.LOG_LEVEL, undefined, logFormat);
  const clock = systemClock;
  const owner = env.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`;

  let catalogue;
  let triageConfig;
  try {
    catalogue = loadCatalogue(env.CATALOGUE_FILE);
    triageConfig = loadTriageConfig(env.TRIAGE_CONFIG_FILE, { systemIds: catalogue.systems.map((s) => s.id) });
  } catch (err) {
    if (err instanceof ConfigError) {
      printProblems("The bot cannot start: a configuration file has problems.", err.problems);
      process.exit(1);
    }
    throw err;
  }

  let storeWhy = "";
  let storeName = "";
  let store: Store;
  // The pipeline in a thread of its own (below); never with an in-memory store (tests).
  const threaded = env.PIPELINE_THREAD !== "off" && (env.MONGODB_URI !== undefined || env.DATA_DIR !== ":memory:");
  try {
    store = await connectStore(() => {
      // With the thread, it checkpoints the embedded store's WAL (never on an acknowledgement's time).
      const opened = storeFromEnv(env, logger, { checkpointElsewhere: threaded });
      storeWhy = opened.why;
      storeName = opened.store.describe();
      return opened.store;
    }, logger);
  } catch (err) {
    printProblems("The bot cannot start: the store is not reachable.", [`${storeName}: ${(err as Error).message}`]);
    process.exit(1);
  }

  const classifiers = classifiersFromEnv(env, catalogue, logger);
  const loops: PollLoop[] = [];
  let classificationLoop: PollLoop | null = null;
  let outboxLoop: PollLoop | null = null;
  const wakeOutbox = () => outboxLoop?.wake();
  let slack: SlackChannel | null = null;
  // Bound late: the Slack channel needs the core, the core needs triage, triage asks Slack who is in a user group.
  let webchatSignIn: WebChatSignIn | null = null;
  const directory = {
    slackUserGroupMembers: (group: string) => slack?.userGroupMembers(group) ?? Promise.resolve([]),
    webchatIdentity: (userId: string) => webchatSignIn?.identity(userId) ?? null,
  };
  const redactor = createRegexRedactor(catalogue);
  const itsmConfig = itsmSettings(env);
  const rawItsm = createItsmConnector(itsmConfig, clock);
  // Observed for /readyz: "degraded" while the tool is unreachable or refuses our credentials.
  const observedItsm = rawItsm ? observeConnector(rawItsm, clock) : null;
  const itsm = observedItsm?.connector ?? null;
  const triageDeps: TriageDeps = {
    store,
    config: triageConfig,
    clock,
    logger,
    catalogue,
    redactor,
    wakeOutbox,
    directory,
    timeZone: env.DIGEST_TIMEZONE,
    itsm: itsm?.kind ?? null,
  };
  const triage = createTriageService(triageDeps);
  const intake: IntakeDeps = {
    store,
    redactor,
    gate: classifiers.offline,
    classifier: classifiers.classifier,
    triage,
    catalogue,
    clock,
    logger,
    anonymousSalt: await anonymousSalt(env, store),
    wakeClassifier: () => classificationLoop?.wake(),
    wakeOutbox,
    limits: { ...DEFAULT_INTAKE_LIMITS, maxInFlight: env.INTAKE_MAX_IN_FLIGHT, maxQueueWaitMs: env.INTAKE_MAX_WAIT_MS },
    load: createIntakeLoad(),
  };
  const core: BotCore = createBotCore(intake);

  const modules: RouteModule[] = [];
  let teamsCheck: ReturnType<typeof startTeamsCredentialCheck> | null = null;
  const senders: ChannelSender[] = [];
  const lines: string[] = [
    describeEnvFile(envFile),
    `Store: ${store.describe()} (${storeWhy})`,
    `Classifier: ${classifiers.describe}`,
    describeItsm(itsmConfig),
  ];

  const raw = rawEnv(process.env);
  if (teamsServed(raw)) {
    const teams = createTeamsChannel({
      appId: env.MICROSOFT_APP_ID,
      appPassword: env.MICROSOFT_APP_PASSWORD,
      tenantId: env.MICROSOFT_APP_TENANT_ID,
      appType: env.MICROSOFT_APP_TYPE,
      core,
      conversations: store.conversations,
      clock,
      logger,
      redactor,
    });
    // With an app id, the outgoing credentials are checked now and every few minutes (an expired client
    // secret otherwise makes the bot silently unable to answer); the check logs its own line.
    teamsCheck = env.MICROSOFT_APP_ID
      ? startTeamsCredentialCheck({
          credentials: {
            appId: env.MICROSOFT_APP_ID,
            appPassword: env.MICROSOFT_APP_PASSWORD,
            tenantId: env.MICROSOFT_APP_TENANT_ID,
            appType: env.MICROSOFT_APP_TYPE,
          },
          logger,
          adapter: teams.adapter,
        })
      : null;
    modules.push(teams.routes);
    senders.push(teamsCheck ? observedSender(teams.sender, teamsCheck, env.MICROSOFT_APP_ID) : teams.sender);
    lines.push(
      env.MICROSOFT_APP_ID
        ? "Teams: on at /api/messages, Bot Framework authentication enforced (MICROSOFT_APP_ID set)"
        : `Teams: Bot Framework Emulator only, unauthenticated on ${env.HOST} (MICROSOFT_APP_ID not set)`,
    );
  } else {
    lines.push(`Teams: off (MICROSOFT_APP_ID not set; the Emulator endpoint is served on a loopback HOST only)`);
  }
  if (!isLoopbackHost(env.HOST) && env.ALLOW_UNAUTHENTICATED_BIND)
    for (const channel of openChannels(raw))
      logger.warn(
        { startup: true },
        `ALLOW_UNAUTHENTICATED_BIND=true: HOST ${env.HOST} serves an open channel: ${channel}`,
      );

  if (env.SLACK_BOT_TOKEN) {
    // Over capacity the loop runs late: new chat events are refused (Slack redelivers) until it caught up.
    const load = intake.load;
    const lag =
      env.INTAKE_SHED_LAG_MS > 0
        ? createLoopLagMonitor({
            thresholdMs: env.INTAKE_SHED_LAG_MS,
            busyWithIntake: () => load !== undefined && performance.now() - load.starvedAt < 1000,
          })
        : null;
    slack = createSlackChannel({
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET ?? "",
      appToken: env.SLACK_APP_TOKEN,
      slackApiUrl: env.SLACK_API_URL,
      core,
      conversations: store.conversations,
      idempotency: store.idempotency,
      clock,
      logger,
      redactor,
      ...(lag ? { overloaded: () => lag.overloaded() } : {}),
      // From the moment a chat event is read until it is answered, background work waits its turn.
      ...(load
        ? {
            activity: {
              started: () => (load.inFlight += 1),
              finished: () => (load.inFlight -= 1),
            },
          }
        : {}),
    });
    if (!env.SLACK_APP_TOKEN) modules.push(slack.routes);
    senders.push(slack.sender);
    lines.push(
      env.SLACK_APP_TOKEN
        ? "Slack: on, Socket Mode (SLACK_APP_TOKEN set)"
        : "Slack: on at /slack/events (SLACK_BOT_TOKEN set)",
    );
  } else {
    lines.push("Slack: off (SLACK_BOT_TOKEN not set)");
  }

  const webchatOn = webchatEnabled(raw);
  if (webchatOn && env.WEBCHAT_OIDC_ISSUER && env.WEBCHAT_OIDC_CLIENT_ID && env.PUBLIC_BASE_URL) {
    if (triageConfig.triagers.webchat.allowAll) {
      printProblems("The bot cannot start: web chat sign-in is on, but anyone signed in could triage.", [
        env.TRIAGE_CONFIG_FILE
          ? "triage config triagers.webchat.allowAll is true: list IT's web chat users (triagers.webchat.userIds: subjects or e-mails) or IdP groups (triagers.webchat.groups) instead"
          : "TRIAGE_CONFIG_FILE is not set, so the demo rule (any web chat user triages) applies: set it and name IT's web chat users or IdP groups under triagers.webchat",
      ]);
      process.exit(1);
    }
    const redirectUri = new URL("/auth/callback", env.PUBLIC_BASE_URL).href;
    webchatSignIn = createWebChatSignIn({
      oidc: createOidcClient({
        issuer: env.WEBCHAT_OIDC_ISSUER,
        clientId: env.WEBCHAT_OIDC_CLIENT_ID,
        clientSecret: env.WEBCHAT_OIDC_CLIENT_SECRET,
        scopes: env.WEBCHAT_OIDC_SCOPES,
        redirectUri,
        groupsClaim: env.WEBCHAT_OIDC_GROUPS_CLAIM,
      }),
      redirectUri,
      clock,
      logger,
      mayTriage: (userId, identity) => mayTriageWebchat(triageConfig, userId, identity),
    });
  }
  if (webchatOn) {
    const webchat = createWebChat({
      core,
      conversations: store.conversations,
      clock,
      logger,
      redactor,
      signIn: webchatSignIn,
    });
    modules.push(webchat.routes);
    senders.push(webchat.sender);
  }

  const unusable = unusableDestinations(
    triageConfig,
    senders.map((s) => s.channel),
  );
  if (unusable.length > 0) {
    const hint = env.TRIAGE_CONFIG_FILE
      ? []
      : ["TRIAGE_CONFIG_FILE is not set, so everything goes to the demo web chat: set it to name your triage channels"];
    printProblems("The bot cannot start: the triage configuration names channels that are off.", [
      ...unusable,
      ...hint,
    ]);
    process.exit(1);
  }
  const digestDestinations = triageConfig.digest;
  if (itsm && itsmConfig.kind !== "none")
    modules.push(
      itsmWebhookRoutes({
        connector: itsm,
        secret: itsmConfig.webhookSecret,
        idempotency: store.idempotency,
        clock,
        logger,
        apply: (kind, event) => applyTicketEvent(triageDeps, kind, event),
      }),
    );
  modules.push(
    healthRoutes(
      store,
      () => ({ classifier: classifiers.describe }),
      () => [...(teamsCheck ? [teamsCheck.health()] : []), ...(observedItsm ? [observedItsm.health()] : [])],
    ),
    createDigestRoutes({
      renderChart: (digest) =>
        loadOnUse<typeof import("./adapters/digest/chart")>("./adapters/digest/chart").renderDigestChart(digest),
      reports: store.reports,
      catalogue,
      narrator: classifiers.narrator,
      logger,
      timeZone: env.DIGEST_TIMEZONE,
      publicBaseUrl: env.PUBLIC_BASE_URL,
      clock,
      ...(webchatSignIn ? { mayRead: (req: restify.Request) => webchatSignIn?.current(req) !== null } : {}),
    }),
  );

  const dashboardOn = dashboardEnabled(raw);
  if (dashboardOn)
    modules.push(
      createDashboardRoutes({
        reports: store.reports,
        catalogue,
        timeZone: env.DIGEST_TIMEZONE,
        clock,
        logger,
        // With sign-in: signed-in users with triage rights (IT and those named for it, e.g. the CMIO).
        signIn: webchatSignIn ? dashboardAccess(webchatSignIn) : null,
      }),
    );

  // Regular expressions compile on first use (and again for the first two-byte text): at start, not on a nurse's message.
  const warmUpMs = await warmUpTextPath(redactor, classifiers.offline);
  logger.debug({ ms: Math.round(warmUpMs) }, "text path warmed up");
  const server = createHttpServer({ logger, modules });
  let url: string;
  try {
    ({ url } = await listen(server, env.PORT, env.HOST));
  } catch (err) {
    const problem = listenProblem(err, env.PORT, env.HOST);
    if (!problem) throw err;
    printProblems("The bot cannot start:", [problem]);
    await store.close();
    process.exit(1);
  }
  if (webchatOn)
    lines.push(
      `Web chat: on at ${url}/ (${env.WEBCHAT_ENABLED === "true" ? "WEBCHAT_ENABLED=true" : "demo mode: no Teams app id or Slack token set"}), ${
        webchatSignIn
          ? `sign-in with OpenID Connect at ${env.WEBCHAT_OIDC_ISSUER}`
          : "no sign-in (loopback demo: the browser names its user)"
      }`,
    );
  else
    lines.push(
      `Web chat: off (${env.WEBCHAT_ENABLED === "false" ? "WEBCHAT_ENABLED=false" : "Teams or Slack configured"})`,
    );

  lines.push(
    dashboardOn
      ? `Dashboard: on at ${url}/dashboard, ${webchatSignIn ? "signed-in users with triage rights only" : "this machine (loopback clients) only"}`
      : `Dashboard: off (${env.DASHBOARD_ENABLED === "false" ? "DASHBOARD_ENABLED=false" : "HOST is not loopback and web chat sign-in is not set"})`,
  );

  if (slack && env.SLACK_APP_TOKEN) {
    // Socket Mode keeps reconnecting while Slack is unreachable; Teams, web chat and the jobs must not wait.
    void slack.start().then(
      () => logger.info("Slack: Socket Mode connected"),
      (err: unknown) => logger.error({ err: (err as Error).message }, "Slack: Socket Mode could not start"),
    );
  } else await slack?.start();
  // The pipeline in a thread of its own, so its CPU never delays an acknowledgement. With MongoDB it
  // opens its own connection; the embedded store stays this loop's alone and the thread asks for each
  // read and write through a message port (two SQLite writers in one process wait for each other's
  // lock synchronously, which blocked the event loop under load).
  // Background work on this loop (the thread's store calls, the outbox's sends) waits while messages
  // are being taken in, for a bounded while: acknowledgements first.
  const backgroundTurn = (): Promise<void> => yieldToIntake(intake.load);
  if (threaded) {
    // The thread's file beside this one: .ts under tsx, .js when built.
    const file = path.join(__dirname, `pipeline-thread-main${path.extname(__filename)}`);
    const spawn = (): Worker => {
      const workerData: PipelineThreadData = {
        owner,
        leaseMs: env.PIPELINE_LEASE_MS,
        anonymousSalt: intake.anonymousSalt,
        logFormat,
      };
      const channel = store.kind === "embedded" ? new MessageChannel() : null;
      if (channel) {
        serveStore(store, channel.port1, backgroundTurn);
        workerData.storePort = channel.port2;
        workerData.storeDescription = store.describe();
      }
      // Its heap is bounded: past it the thread dies, a new one starts, and its report is re-driven.
      let worker: Worker;
      try {
        worker = new Worker(file, {
          workerData,
          // Under tsx (npm start) the thread needs its require hook: the CLI's ESM loader does not
          // reach a worker's .ts entry ("Unknown file extension"). Built (.js): nothing to add.
          ...(path.extname(file) === ".ts" ? { execArgv: ["--require", require.resolve("tsx/cjs")] } : {}),
          transferList: channel ? [channel.port2] : [],
          resourceLimits: { maxOldGenerationSizeMb: 256 },
        });
      } catch (err) {
        channel?.port1.close();
        throw err;
      }
      if (channel) worker.on("exit", () => channel.port1.close());
      return worker;
    };
    classificationLoop = startPipelineThread({ spawn, logger, wakeOutbox });
  } else classificationLoop = startClassificationWorker(intake, { owner, leaseMs: env.PIPELINE_LEASE_MS });
  lines.push(
    threaded
      ? `Pipeline: classification, clustering and routing in a worker thread (PIPELINE_THREAD=${env.PIPELINE_THREAD})`
      : `Pipeline: in the event loop (${env.PIPELINE_THREAD === "off" ? "PIPELINE_THREAD=off" : "in-memory store"})`,
  );
  outboxLoop = startOutboxDispatcher({
    store,
    senders,
    turn: backgroundTurn,
    clock,
    logger,
    owner,
    leaseMs: Math.min(60_000, env.PIPELINE_LEASE_MS),
    itsm:
      itsm && itsmConfig.kind !== "none"
        ? createTicketDelivery(triageDeps, { connector: itsm, categoryMap: itsmConfig.categoryMap })
        : null,
  });
  loops.push(classificationLoop, outboxLoop, startIntakeTimeoutJob(intake), startAckReminderJob(triageDeps));
  const scheduler = startDigestScheduler({
    schedule: env.DIGEST_SCHEDULE,
    timeZone: env.DIGEST_TIMEZONE,
    destinations: digestDestinations,
    store,
    owner,
    clock,
    logger,
    deliver: (window, destinations) =>
      sendDigest(
        {
          store,
          senders,
          catalogue,
          narrator: classifiers.narrator,
          publicBaseUrl: env.PUBLIC_BASE_URL,
          owner,
          clock,
          logger,
        },
        window,
        destinations,
      ),
  });
  const retention =
    env.RETENTION_DAYS > 0
      ? startRetentionScheduler({
          schedule: env.RETENTION_SCHEDULE,
          timeZone: env.DIGEST_TIMEZONE,
          days: env.RETENTION_DAYS,
          store,
          owner,
          clock,
          logger,
        })
      : null;
  lines.push(
    retention
      ? `Retention: closed reports' text and reporter erased after ${env.RETENTION_DAYS} days ("${env.RETENTION_SCHEDULE}" in ${env.DIGEST_TIMEZONE})`
      : "Retention: off (RETENTION_DAYS not set): report text is kept",
  );
  lines.push(
    digestDestinations.length > 0
      ? `Digest: "${env.DIGEST_SCHEDULE}" in ${env.DIGEST_TIMEZONE} to ${digestDestinations.length} destination(s)`
      : "Digest: no destination configured (TRIAGE_CONFIG_FILE digest list empty); `npm run cli -- digest` prints it",
  );
  if (logFormat === "text") process.stdout.write(renderStartupSummary(url, webchatOn, lines));
  else {
    for (const line of lines) logger.info({ startup: true }, line);
    logger.info({ url }, `Listening on ${url}`);
  }
  // Which structured-output mode the LLM server takes, found once; it logs one line (a mismatch as an error).
  if (!threaded) void classifiers.prepare();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    scheduler.stop();
    retention?.stop();
    teamsCheck?.stop();
    await shutDown(
      {
        stopIntake: async () => {
          await Promise.allSettled([closeServer(server), slack?.stop()]);
        },
        stopJobs: async () => {
          await Promise.allSettled(loops.map((l) => l.stop()));
        },
        closeStore: () => store.close(),
      },
      logger,
    );
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  const code = err instanceof AppError ? err.code : "INTERNAL";
  process.stderr.write(`The bot stopped: ${(err as Error).message} (${code})\n`);
  process.exit(1);
});
