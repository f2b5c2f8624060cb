/**
 * Reuses Bot Connector clients across turns. botbuilder's CloudAdapter builds, for every inbound
 * activity and every proactive send, a new ConnectorClient (an @azure/core-client pipeline of ~10
 * policies, new credentials) and a new UserTokenClient (a second pipeline) although neither holds
 * per-turn state; that costs ~0.5 ms CPU per reply (bench/ack-path.ts). The old BotFrameworkAdapter
 * cached them per service URL and app id; this wrapper does the same for any
 * BotFrameworkAuthentication. Authentication itself is untouched: every request is still validated
 * by the wrapped instance, and a client is only reused for the same app id (taken from the
 * validated claims, as botbuilder does), service URL and audience; credentials are still checked
 * when a client is first made for a key, and tokens come from botbuilder's own token cache.
 */
import {
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from "botframework-connector";
import type { Activity } from "botbuilder";
import { failFastOnRateLimit } from "./rate-limit-policy";

/** Distinct (app id, service URL, audience) clients kept; Teams uses a handful of service URLs. */
export const MAX_CACHED_CONNECTORS = 64;

/** The bot's app id as botbuilder derives it: the audience claim (channel), else the appid claim (Emulator). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue("aud") ?? claims.getClaimValue("appid") ?? "";
}

/** A small insertion-ordered cache of promises; a rejected creation is forgotten so the next turn retries. */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const made = make();
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, made);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A ConnectorFactory for one app id whose clients come from (and go into) the shared cache. */
function cachingFactory(
  inner: ConnectorFactory,
  appId: string,
  cache: PromiseCache<ConnectorClient>,
): ConnectorFactory {
  return {
    create: (serviceUrl: string, audience?: string) =>
      cache.get(JSON.stringify([appId, serviceUrl, audience ?? null]), async () => {
        const client = await inner.create(serviceUrl, audience);
        // A 429 fails at once with its Retry-After, for the outbox to wait (rate-limit-policy.ts).
        failFastOnRateLimit(client);
        return client;
      }),
  };
}

/** Delegates everything to `inner`; only the connector factories and user-token clients are cached. */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: PromiseCache<ConnectorClient>;
  private readonly tokenClients: PromiseCache<UserTokenClient>;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    max = MAX_CACHED_CONNECTORS,
  ) {
    super();
    this.connectors = new PromiseCache(max);
    this.tokenClients = new PromiseCache(max);
  }

  /** How many connector clients are cached (for tests). */
  get cachedConnectors(): number {
    return this.connectors.size;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return cachingFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCachingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    const appId = appIdOf(result.claimsIdentity);
    return { ...result, connectorFactory: cachingFactory(result.connectorFactory, appId, this.connectors) };
  }
}
