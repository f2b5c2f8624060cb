import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
} from "botbuilder";
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from "botframework-connector";
import { CachingBotFrameworkAuthentication } from "../../src/adapters/channels/teams/connector-cache";

/** botbuilder's own authentication (here without an app id), counting the clients it makes. */
class CountingAuthentication extends BotFrameworkAuthentication {
  readonly created: string[] = [];
  failNextCreate = false;

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  private counting(factory: ConnectorFactory): ConnectorFactory {
    return {
      create: async (serviceUrl: string, audience?: string) => {
        this.created.push(serviceUrl);
        if (this.failNextCreate) {
          this.failNextCreate = false;
          throw new Error("credentials unavailable");
        }
        return factory.create(serviceUrl, audience);
      },
    };
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.counting(result.connectorFactory) };
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.counting(this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }
}

function botbuilderAuth(config: Record<string, string> = {}): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(config, new ConfigurationServiceClientCredentialFactory(config));
}

function activity(serviceUrl: string): Activity {
  return {
    type: "message",
    id: "1",
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:u", name: "u" },
    recipient: { id: "28:bot", name: "bot" },
    conversation: { id: "a:u", isGroup: false, name: "" },
    text: "hi",
  } as Activity;
}

async function clientFor(auth: BotFrameworkAuthentication, serviceUrl: string): Promise<ConnectorClient> {
  const result = await auth.authenticateRequest(activity(serviceUrl), "");
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

function claims(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: "aud", value: appId },
    { type: "appid", value: appId },
  ]);
}

describe("CachingBotFrameworkAuthentication", () => {
  it("reuses one connector client per service URL across turns", async () => {
    const counting = new CountingAuthentication(botbuilderAuth());
    const auth = new CachingBotFrameworkAuthentication(counting);
    const first = await clientFor(auth, "http://127.0.0.1:1/");
    const second = await clientFor(auth, "http://127.0.0.1:1/");
    const other = await clientFor(auth, "http://127.0.0.1:2/");
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(other.conversations).toBeDefined();
    expect(counting.created).toEqual(["http://127.0.0.1:1/", "http://127.0.0.1:2/"]);
  });

  it("keys proactive clients by the app id of the claims as well", async () => {
    const counting = new CountingAuthentication(botbuilderAuth());
    const auth = new CachingBotFrameworkAuthentication(counting);
    const url = "http://127.0.0.1:1/";
    const a = await auth.createConnectorFactory(claims("app-a")).create(url, "aud");
    const again = await auth.createConnectorFactory(claims("app-a")).create(url, "aud");
    const b = await auth.createConnectorFactory(claims("app-b")).create(url, "aud");
    const otherAudience = await auth.createConnectorFactory(claims("app-a")).create(url, "other");
    expect(again).toBe(a);
    expect(b).not.toBe(a);
    expect(otherAudience).not.toBe(a);
    expect(counting.created).toHaveLength(3);
  });

  it("reuses the user-token client per app id", async () => {
    const auth = new CachingBotFrameworkAuthentication(botbuilderAuth());
    const first = await auth.createUserTokenClient(claims("app-a"));
    expect(await auth.createUserTokenClient(claims("app-a"))).toBe(first);
    expect(await auth.createUserTokenClient(claims("app-b"))).not.toBe(first);
  });

  it("does not keep a failed creation: the next turn tries again", async () => {
    const counting = new CountingAuthentication(botbuilderAuth());
    const auth = new CachingBotFrameworkAuthentication(counting);
    counting.failNextCreate = true;
    await expect(clientFor(auth, "http://127.0.0.1:1/")).rejects.toThrow("credentials unavailable");
    const client = await clientFor(auth, "http://127.0.0.1:1/");
    expect(client.conversations).toBeDefined();
    expect(counting.created).toHaveLength(2);
    expect(auth.cachedConnectors).toBe(1);
  });

  it("keeps at most the configured number of clients, dropping the oldest", async () => {
    const counting = new CountingAuthentication(botbuilderAuth());
    const auth = new CachingBotFrameworkAuthentication(counting, 2);
    const first = await clientFor(auth, "http://127.0.0.1:1/");
    await clientFor(auth, "http://127.0.0.1:2/");
    await clientFor(auth, "http://127.0.0.1:3/");
    expect(auth.cachedConnectors).toBe(2);
    expect(await clientFor(auth, "http://127.0.0.1:1/")).not.toBe(first);
    expect(counting.created).toHaveLength(4);
  });

  it("leaves authentication to botbuilder: with an app id, a request without a token is rejected", async () => {
    const auth = new CachingBotFrameworkAuthentication(
      botbuilderAuth({
        MicrosoftAppId: "00000000-0000-4000-8000-000000000001",
        MicrosoftAppPassword: "not-a-real-secret",
        MicrosoftAppType: "MultiTenant",
      }),
    );
    await expect(auth.authenticateRequest(activity("http://127.0.0.1:1/"), "")).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(auth.cachedConnectors).toBe(0);
  });
});
