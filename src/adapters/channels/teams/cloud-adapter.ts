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
} from "botbuilder";
import { AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity } from "botframework-connector";
import type { Logger } from "../../../ports/logger";
import { CachingBotFrameworkAuthentication } from "./connector-cache";
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

function asAuthenticationError(err: unknown): unknown {
  if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
    return new AuthenticationError(`Unauthorized. ${err.message}`, 401);
  }
  return err;
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
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await super.authenticateChannelRequest(authHeader);
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

export function createCloudAdapter(credentials: BotCredentials, logger: Logger): CloudAdapter {
  const config = botAuthConfig(credentials);
  const auth = new CachingBotFrameworkAuthentication(
    new BotFrameworkAuthenticationWith401(config, createBotCredentialFactory(credentials)),
  );
  const adapter = new CloudAdapter(auth);
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
