/**
 * The botbuilder CloudAdapter. With an app id, Bot Framework authentication is enforced (JWTs from
 * the Bot Connector are validated; outbound calls get tokens); without one (demo, Bot Framework
 * Emulator, the local web chat) authentication is off, which is why main binds 127.0.0.1 then.
 * Connector and user-token clients are reused across turns (connector-cache.ts).
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from "botbuilder";
import type { Logger } from "../../../ports/logger";
import { CachingBotFrameworkAuthentication } from "./connector-cache";

export type MicrosoftAppType = "MultiTenant" | "SingleTenant" | "UserAssignedMSI";

export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: MicrosoftAppType;
}

export function createCloudAdapter(credentials: BotCredentials, logger: Logger): CloudAdapter {
  const config: Record<string, string> = credentials.appId
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword ?? "",
        MicrosoftAppTenantId: credentials.tenantId ?? "",
        MicrosoftAppType: credentials.appType,
      }
    : {};
  const auth = new CachingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication(config, new ConfigurationServiceClientCredentialFactory(config)),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error.message, activityType: context.activity.type, name: context.activity.name },
      "bot turn failed",
    );
    if (context.activity.type !== "message") return;
    try {
      await context.sendActivity("Sorry, something went wrong on our side. Please try again in a minute.");
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "could not send the apology");
    }
  };
  return adapter;
}
