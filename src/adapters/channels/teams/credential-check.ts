/**
 * Checks, at start-up and every few minutes, that Entra ID gives the bot its outgoing token (the one
 * every reply and proactive send carries). A wrong or expired MICROSOFT_APP_PASSWORD otherwise
 * shows only as one error per turn while nurses hear nothing back. The token is asked for through
 * botbuilder's own credential factory (cloud-adapter.ts), for the public cloud's Bot Framework
 * audience and login endpoint, exactly as ConfigurationBotFrameworkAuthentication asks for replies.
 *
 * Wire it in main (only when MICROSOFT_APP_ID is set):
 *   const teamsCheck = startTeamsCredentialCheck({ credentials, logger, adapter: teams.adapter });
 *   healthRoutes(store, components, () => [teamsCheck.health()]);  …  teamsCheck.stop() on shutdown.
 */
import type { CloudAdapter } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import type { ComponentHealth } from "../../../http/health-routes";
import { AppError } from "../../../domain/errors";
import type { ChannelSender } from "../../../ports/channel";
import { systemClock, type Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import { createBotCredentialFactory, type BotCredentials } from "./cloud-adapter";
import { entraRejection, rejectionLine, withoutSecret, type EntraRejection } from "./entra-errors";

/** checking: the first answer is not in yet; unverified: Entra ID could not be reached (not a refusal). */
export type TeamsCredentialState = "checking" | "verified" | "rejected" | "unverified";

export interface TeamsCredentialStatus {
  state: TeamsCredentialState;
  /** The plain-words line for a refusal or a failed check (never the secret); null when verified. */
  reason: string | null;
  /** Entra ID's code when it refused, e.g. "AADSTS7000222". */
  code: string | null;
  checkedAt: Date | null;
}

export interface TeamsCredentialCheckOptions {
  credentials: BotCredentials & { appId: string };
  logger: Logger;
  clock?: Clock;
  /** Re-check interval while verified or rejected. Default 5 minutes. */
  recheckMs?: number;
  /** Retry interval after a network failure. Default 30 s. */
  retryMs?: number;
  /**
   * `first` resolves as "unverified" (with the start-up warning) when Entra ID has not answered by
   * then, so start-up never waits longer; the check goes on. Default 10 s.
   */
  firstAnswerMs?: number;
  /** When given, a turn that fails with an Entra ID refusal triggers a re-check (its onTurnError is wrapped). */
  adapter?: CloudAdapter;
  /** Gets a fresh outgoing token; default: botbuilder's credential factory for these credentials. */
  getToken?: () => Promise<string>;
}

export interface TeamsCredentialCheck {
  status(): TeamsCredentialStatus;
  /** For /readyz: not ready only while Entra ID is known to refuse the credentials. */
  health(): ComponentHealth;
  /** The first check's outcome, or "unverified" after `firstAnswerMs` (resolves, never rejects). */
  readonly first: Promise<TeamsCredentialStatus>;
  /** Checks now (joins a check already running). */
  recheck(): Promise<TeamsCredentialStatus>;
  /** Tells the check about a failed send; an Entra ID refusal in it triggers a re-check. */
  noteFailure(err: unknown): void;
  stop(): void;
}

export const VERIFIED_LINE = "Teams: on at /api/messages (MICROSOFT_APP_ID set; credentials verified)";
const DEFAULT_RECHECK_MS = 5 * 60_000;
const DEFAULT_RETRY_MS = 30_000;
const DEFAULT_FIRST_ANSWER_MS = 10_000;
/** A burst of failing turns triggers one re-check, not one each. */
const MIN_TRIGGERED_GAP_MS = 10_000;

/** A fresh token (MSAL skips its cache) through the factory the CloudAdapter uses for replies. */
export function botbuilderTokenGetter(credentials: BotCredentials & { appId: string }): () => Promise<string> {
  const factory = createBotCredentialFactory(credentials);
  return async () => {
    const made = await factory.createCredentials(
      credentials.appId,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      AuthenticationConstants.ToChannelFromBotLoginUrl,
      true,
    );
    const withToken = made as { getToken?: (forceRefresh?: boolean) => Promise<string> };
    if (typeof withToken.getToken !== "function") throw new Error("these credentials cannot be checked ahead");
    return withToken.getToken.call(made, true);
  };
}

export function startTeamsCredentialCheck(options: TeamsCredentialCheckOptions): TeamsCredentialCheck {
  const { credentials, logger } = options;
  const clock = options.clock ?? systemClock;
  const getToken = options.getToken ?? botbuilderTokenGetter(credentials);
  const secret = credentials.appPassword;
  let current: TeamsCredentialStatus = { state: "checking", reason: null, code: null, checkedAt: null };
  let running: Promise<TeamsCredentialStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let startupLogged = false;
  let lastTriggered = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
    timer.unref();
  };

  const report = (next: TeamsCredentialStatus, rejection: EntraRejection | null, first: boolean) => {
    const previous = current.state;
    current = next;
    const startup = first ? { startup: true } : {};
    if (next.state === "verified") {
      if (first) logger.info(startup, VERIFIED_LINE);
      else if (previous !== "verified") logger.info({}, "Teams: credentials verified again; replies can go out");
    } else if (next.state === "rejected") {
      // Every rejected check is logged: replies are failing until someone fixes the secret.
      logger.error({ ...startup, code: rejection?.code, appId: credentials.appId }, next.reason!);
    } else if (first || previous !== "unverified") {
      logger.warn(startup, next.reason!);
    }
  };

  const runOnce = async (): Promise<TeamsCredentialStatus> => {
    let next: TeamsCredentialStatus;
    let rejection: EntraRejection | null = null;
    try {
      await getToken();
      next = { state: "verified", reason: null, code: null, checkedAt: clock.now() };
    } catch (err) {
      rejection = entraRejection(err, credentials.appId);
      next = rejection
        ? { state: "rejected", reason: rejectionLine(rejection), code: rejection.code, checkedAt: clock.now() }
        : {
            state: "unverified",
            reason: withoutSecret(
              `Teams: could not verify the bot's credentials with Entra ID yet (${(err as Error).message}); retrying in the background`,
              secret,
            ),
            code: null,
            checkedAt: clock.now(),
          };
    }
    // Decided now: the start-up line may have been the "no answer yet" warning meanwhile.
    if (!stopped) report(next, rejection, !startupLogged);
    startupLogged = true;
    schedule(
      next.state === "unverified" ? (options.retryMs ?? DEFAULT_RETRY_MS) : (options.recheckMs ?? DEFAULT_RECHECK_MS),
    );
    return next;
  };

  const check = (): Promise<TeamsCredentialStatus> => {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const noteFailure = (err: unknown) => {
    if (stopped || !entraRejection(err, credentials.appId)) return;
    const now = Date.now();
    if (now - lastTriggered < MIN_TRIGGERED_GAP_MS) return;
    lastTriggered = now;
    void check();
  };

  const adapter = options.adapter;
  const previousOnTurnError = adapter?.onTurnError;
  if (adapter && previousOnTurnError) {
    adapter.onTurnError = async (context, error) => {
      noteFailure(error);
      await previousOnTurnError(context, error);
    };
  }

  const unanswered = (): TeamsCredentialStatus => ({
    state: "unverified",
    reason: `Teams: could not verify the bot's credentials with Entra ID yet (no answer in ${firstAnswerMs >= 1000 ? `${Math.round(firstAnswerMs / 1000)} s` : `${firstAnswerMs} ms`}); retrying in the background`,
    code: null,
    checkedAt: clock.now(),
  });
  const firstAnswerMs = options.firstAnswerMs ?? DEFAULT_FIRST_ANSWER_MS;
  let firstTimer: NodeJS.Timeout | null = null;
  const first = Promise.race([
    check(),
    new Promise<TeamsCredentialStatus>((resolve) => {
      firstTimer = setTimeout(() => {
        if (startupLogged || stopped) return;
        report(unanswered(), null, true);
        startupLogged = true;
        resolve(current);
      }, firstAnswerMs);
      firstTimer.unref();
    }),
  ]).finally(() => {
    if (firstTimer) clearTimeout(firstTimer);
  });
  return {
    status: () => current,
    health: () => ({
      name: "teams",
      ready: current.state !== "rejected",
      detail:
        current.state === "verified"
          ? "credentials verified"
          : current.state === "rejected"
            ? `credentials rejected (${current.code ?? "Entra ID"})`
            : current.state === "checking"
              ? "checking credentials"
              : "credentials not verified yet",
      reason: current.state === "rejected" ? current.reason : null,
    }),
    first,
    recheck: check,
    noteFailure,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (firstTimer) clearTimeout(firstTimer);
      timer = null;
      if (adapter && previousOnTurnError) adapter.onTurnError = previousOnTurnError;
    },
  };
}

/**
 * `sender` that tells `check` about failed sends (the outbox's proactive path, outside any turn).
 * While Entra ID refuses the credentials, a send fails as CHANNEL_UNAVAILABLE without trying, and a
 * send refused with an AADSTS code becomes one: the outbox then keeps the message (never "dead")
 * until the secret is fixed, instead of giving up after its usual dozen tries.
 */
export function observedSender(
  sender: ChannelSender,
  check: Pick<TeamsCredentialCheck, "noteFailure" | "status">,
  appId = "",
): ChannelSender {
  return {
    ...sender,
    async send(target, message, options) {
      const known = check.status();
      if (known.state === "rejected")
        throw new AppError("CHANNEL_UNAVAILABLE", known.reason ?? "Teams credentials refused by Entra ID");
      try {
        return await sender.send(target, message, options);
      } catch (err) {
        check.noteFailure(err);
        const refusal = entraRejection(err, appId);
        if (refusal) throw new AppError("CHANNEL_UNAVAILABLE", rejectionLine(refusal), { cause: err });
        throw err;
      }
    },
  };
}
