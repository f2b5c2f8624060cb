/**
 * The botbuilder CloudAdapter. With an app id, Bot Framework authentication is enforced (JWTs from
 * the Bot Connector are validated; outbound calls get tokens); without one (demo, Bot Framework
 * Emulator, the local web chat) authentication is off, which is why main binds 127.0.0.1 then.
 * Connector and user-token clients are reused across turns (connector-cache.ts). botbuilder's
 * built-in public-cloud endpoints are used as they are; test/integration/teams-jwt.test.ts runs
 * them end to end against local fakes of login.botframework.com and login.microsoftonline.com.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import { AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity } from "botframework-connector";
import { AppError } from "../../../domain/errors";
import type { Logger } from "../../../ports/logger";
import { CachingBotFrameworkAuthentication } from "./connector-cache";
import { withQuietConsole } from "./quiet-console";
import { ReplyDeferredError } from "./reply-deferred-error";

export type MicrosoftAppType = "MultiTenant" | "SingleTenant" | "UserAssignedMSI";

export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: MicrosoftAppType;
}

/** jsonwebtoken's verification failures; botbuilder lets these escape as plain errors. */
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * The Bot Framework signing keys (OpenID metadata, JWKS) could not be fetched: DNS, network, or an
 * error status upstream. The message is generic on purpose; the cause stays out of logs and bodies.
 */
export class SigningKeysUnavailableError extends AppError {
  constructor() {
    super("CHANNEL_AUTH", "Bot Framework signing keys cannot be fetched");
  }
}

/**
 * What a failed token check means: the token is bad (AuthenticationError, 401), or the check could
 * not run because the keys could not be fetched. The only I/O in the check is that fetch, so any
 * other failure (node-fetch's network errors, botbuilder's "Failed to load openID config/Keys",
 * a 5xx AuthenticationError) is the keys being unavailable.
 */
function asAuthenticationError(err: unknown): unknown {
  if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
    return new AuthenticationError(`Unauthorized. ${err.message}`, 401);
  }
  if (err instanceof AuthenticationError && (err.statusCode ?? 401) < 500) return err;
  return new SigningKeysUnavailableError();
}

/**
 * botbuilder's configuration-driven authentication, except that a token whose signature does not
 * verify (or that is not valid yet) is refused with 401 like every other bad token: botbuilder
 * rethrows jsonwebtoken's error as is, and CloudAdapter answers anything that is not an
 * AuthenticationError with 500. Which requests are accepted is unchanged.
 */
class BotFrameworkAuthenticationWith401 extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await withQuietConsole(() => super.authenticateRequest(activity, authHeader));
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await withQuietConsole(() => super.authenticateStreamingRequest(authHeader, channelIdHeader));
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await withQuietConsole(() => super.authenticateChannelRequest(authHeader));
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }
}

/** botbuilder's configuration for these credentials (empty without an app id: authentication off). */
export function botAuthConfig(credentials: BotCredentials): Record<string, string> {
  return credentials.appId
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword ?? "",
        MicrosoftAppTenantId: credentials.tenantId ?? "",
        MicrosoftAppType: credentials.appType,
      }
    : {};
}

/**
 * The factory that makes the bot's outgoing credentials (the Entra ID token on every reply and
 * proactive send); credential-check.ts builds the same one to verify them at start-up.
 */
export function createBotCredentialFactory(credentials: BotCredentials): ConfigurationServiceClientCredentialFactory {
  return new ConfigurationServiceClientCredentialFactory(botAuthConfig(credentials));
}

/** CloudAdapter with its authenticate-then-run step public, for process-request.ts (which answers errors itself). */
export class ChannelAdapter extends CloudAdapter {
  authenticateAndRun(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createCloudAdapter(credentials: BotCredentials, logger: Logger): ChannelAdapter {
  const config = botAuthConfig(credentials);
  const auth = new CachingBotFrameworkAuthentication(
    new BotFrameworkAuthenticationWith401(config, createBotCredentialFactory(credentials)),
  );
  const adapter = new ChannelAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error.message, activityType: context.activity.type, name: context.activity.name },
      "bot turn failed",
    );
    // A deferred acknowledgement: the report is filed and its ack queued, so no "try again".
    if (context.activity.type !== "message" || error instanceof ReplyDeferredError) return;
    try {
      await context.sendActivity("Sorry, something went wrong on our side. Please try again in a minute.");
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "could not send the apology");
    }
  };
  return adapter;
}
