/**
 * The two Microsoft services a Teams bot talks to besides the Bot Connector, faked on 127.0.0.1:
 *
 * - login.botframework.com: the OpenID metadata document and its JWKS, which botbuilder fetches to
 *   check the token on every inbound activity (keys carry `endorsements`, as the real ones do);
 * - login.microsoftonline.com: Entra ID's token endpoint, where the bot gets its own token
 *   (client credentials) for its replies, for the multi-tenant authority (/botframework.com) or a
 *   single tenant (/<tenant id>).
 *
 * botbuilder and MSAL are left on their built-in production URLs; `routeHttps` makes HTTPS
 * connections to exactly these two host names land on this server (a hosts-file entry plus a TLS
 * terminator, in effect), so the test runs the configuration a real deployment runs. Tokens are
 * signed here (RS256 with node:crypto) as the Bot Framework channel signs them.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export const BOTFRAMEWORK_LOGIN_HOST = "login.botframework.com";
export const ENTRA_LOGIN_HOST = "login.microsoftonline.com";
/** The issuer of channel tokens (botframework-connector's AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const CHANNEL_TOKEN_ISSUER = "https://api.botframework.com";
const OPENID_PATH = "/v1/.well-known/openidconfiguration";
const JWKS_PATH = "/v1/.well-known/keys";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Channels this key may sign for (the JWKS `endorsements`); botbuilder checks the activity's channelId. */
  endorsements: string[];
}

export function createSigningKey(kid: string, endorsements: string[] = ["msteams"]): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, publicKey, endorsements };
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

/** A compact JWS, RS256, with `kid` in the header. */
export function signJwt(payload: Record<string, unknown>, key: Pick<SigningKey, "kid" | "privateKey">): string {
  const header = { alg: "RS256", typ: "JWT", kid: key.kid, x5t: key.kid };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(sign("sha256", Buffer.from(input), key.privateKey))}`;
}

export interface ChannelTokenClaims {
  /** The bot's app id. */
  aud: string;
  /** The activity's serviceUrl, as the Bot Connector puts it in the token. */
  serviceurl: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. Default 3600. */
  expiresIn?: number;
  /** Seconds from now the token becomes valid. Default -300. */
  notBefore?: number;
}

/** The token the Bot Framework channel sends with an activity (claims as the real ones carry). */
export function channelToken(claims: ChannelTokenClaims, key: Pick<SigningKey, "kid" | "privateKey">): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      serviceurl: claims.serviceurl,
      nbf: now + (claims.notBefore ?? -300),
      exp: now + (claims.expiresIn ?? 3600),
      iss: claims.iss ?? CHANNEL_TOKEN_ISSUER,
      aud: claims.aud,
    },
    key,
  );
}

export interface TokenRequest {
  /** The authority's tenant segment: "botframework.com" (multi-tenant) or the bot's tenant id. */
  tenant: string;
  grantType: string | null;
  clientId: string | null;
  clientSecret: string | null;
  scope: string | null;
  /** The access token handed out, or null when the credentials were refused. */
  issued: string | null;
}

export interface FakeMicrosoftLogin {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly tokenRequests: TokenRequest[];
  /** Requests for the Bot Framework OpenID metadata document, its JWKS, and Entra ID's JWKS. */
  readonly fetches: { openId: number; jwks: number; entraJwks: number };
  /** Paths asked of either host that this fake does not serve (should stay empty). */
  readonly unexpected: string[];
  /**
   * While true, Entra ID's token endpoint is unreachable (connections are dropped), as in a network
   * outage; the Bot Framework OpenID documents still answer.
   */
  entraOutage: boolean;
  /**
   * While true, Entra ID accepts connections but never answers (a black-holed network); setting it
   * back to false drops the connections held so far.
   */
  entraStall: boolean;
  /** While true, the Bot Framework OpenID metadata document answers 503 (login.botframework.com down). */
  openIdOutage: boolean;
  /** Makes HTTPS connections to the two Microsoft login hosts (only those) reach this fake. Returns the undo. */
  routeHttps(): () => void;
  close(): Promise<void>;
}

export interface FakeMicrosoftLoginOptions {
  /** Keys published in the JWKS. */
  keys: SigningKey[];
  /** App registrations Entra ID knows: app id → client secret. */
  apps: Record<string, string>;
  /** Client secrets that were valid once and have expired (app id → secret): AADSTS7000222. */
  expiredSecrets?: Record<string, string>;
  /** Tenants that exist besides "botframework.com"; when given, any other tenant gets AADSTS90002. */
  tenants?: string[];
}

/** Entra ID's error answer: the JSON shape login.microsoftonline.com returns (code also in error_codes). */
export function entraError(status: number, error: string, code: number, description: string): [number, unknown] {
  const traceId = randomBytes(16).toString("hex");
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return [
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${randomBytes(16).toString("hex")} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: randomBytes(16).toString("hex"),
      error_uri: `https://${ENTRA_LOGIN_HOST}/error?code=${code}`,
    },
  ];
}

/** Entra ID's answer to a client-credentials request it refuses, or null when it issues a token. */
function refusal(options: FakeMicrosoftLoginOptions, request: TokenRequest): [number, unknown] | null {
  if (options.tenants && request.tenant !== "botframework.com" && !options.tenants.includes(request.tenant)) {
    return entraError(
      400,
      "invalid_request",
      90002,
      `Tenant '${request.tenant}' not found. Check to make sure you have the correct tenant ID and are signing in to the correct cloud.`,
    );
  }
  if (request.grantType !== "client_credentials") {
    return entraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
  }
  const appId = request.clientId ?? "";
  const secret = options.apps[appId];
  if (secret === undefined) {
    return entraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${appId}' was not found in the directory '${request.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  if (options.expiredSecrets?.[appId] !== undefined && options.expiredSecrets[appId] === request.clientSecret) {
    return entraError(
      401,
      "invalid_client",
      7000222,
      `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  if (secret !== request.clientSecret) {
    return entraError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    );
  }
  return null;
}

function readText(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function jwk(key: SigningKey): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: "jwk" });
  // x5t is normally the certificate thumbprint; botbuilder only reads kid, n, e and endorsements.
  const x5t = base64url(createHash("sha1").update(key.kid).digest());
  return { kty: "RSA", use: "sig", kid: key.kid, x5t, n, e, endorsements: key.endorsements };
}

const first = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;

export async function startFakeMicrosoftLogin(options: FakeMicrosoftLoginOptions): Promise<FakeMicrosoftLogin> {
  const tokenRequests: TokenRequest[] = [];
  const fetches = { openId: 0, jwks: 0, entraJwks: 0 };
  const unexpected: string[] = [];
  let openIdOutage = false;

  const botFramework = (method: string, path: string): [number, unknown] => {
    if (method === "GET" && path === OPENID_PATH) {
      fetches.openId += 1;
      if (openIdOutage) return [503, { error: "temporarily_unavailable" }];
      return [
        200,
        {
          issuer: CHANNEL_TOKEN_ISSUER,
          authorization_endpoint: "https://invalid.botframework.com",
          jwks_uri: `https://${BOTFRAMEWORK_LOGIN_HOST}${JWKS_PATH}`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        },
      ];
    }
    if (method === "GET" && path === JWKS_PATH) {
      fetches.jwks += 1;
      return [200, { keys: options.keys.map(jwk) }];
    }
    unexpected.push(`${method} ${BOTFRAMEWORK_LOGIN_HOST}${path}`);
    return [404, { error: "not_found" }];
  };

  const entra = (method: string, path: string, body: string): [number, unknown] => {
    const parts = path.split("/").filter(Boolean);
    const tenant = parts[0] ?? "";
    const base = `https://${ENTRA_LOGIN_HOST}/${tenant}`;
    // MSAL has login.microsoftonline.com's endpoints built in; this answers if it asks anyway.
    if (method === "GET" && parts.slice(1).join("/") === "v2.0/.well-known/openid-configuration") {
      return [
        200,
        {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        },
      ];
    }
    if (method === "GET" && parts.slice(1).join("/") === "discovery/v2.0/keys") {
      // Entra ID's own signing keys (botbuilder checks Emulator tokens against them): none of ours.
      fetches.entraJwks += 1;
      return [200, { keys: [] }];
    }
    if (method === "POST" && parts.slice(1).join("/") === "oauth2/v2.0/token") {
      const form = parseQuery(body);
      const request: TokenRequest = {
        tenant,
        grantType: first(form["grant_type"]),
        clientId: first(form["client_id"]),
        clientSecret: first(form["client_secret"]),
        scope: first(form["scope"]),
        issued: null,
      };
      tokenRequests.push(request);
      const refused = refusal(options, request);
      if (refused) return refused;
      request.issued = `fake-entra-token.${randomBytes(16).toString("hex")}`;
      return [200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: request.issued }];
    }
    unexpected.push(`${method} ${ENTRA_LOGIN_HOST}${path}`);
    return [404, { error: "not_found" }];
  };

  /** Client-side sockets made by routeHttps (kept alive in https.globalAgent's pool). */
  const routed = new Set<net.Socket>();
  let entraOutage = false;
  let entraStall = false;
  const stalled: net.Socket[] = [];
  const server = http.createServer((req, res) => {
    const toEntra = (req.headers.host ?? "").split(":")[0] === ENTRA_LOGIN_HOST;
    if (toEntra && entraOutage) {
      req.socket.destroy();
      return;
    }
    if (toEntra && entraStall) {
      stalled.push(req.socket);
      return;
    }
    void readText(req).then((body) => {
      const host = (req.headers.host ?? "").split(":")[0] ?? "";
      const path = (req.url ?? "").split("?")[0] ?? "";
      const method = req.method ?? "GET";
      const [status, payload] =
        host === BOTFRAMEWORK_LOGIN_HOST
          ? botFramework(method, path)
          : host === ENTRA_LOGIN_HOST
            ? entra(method, path, body)
            : [421, { error: `not a Microsoft login host: ${host}` }];
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests,
    fetches,
    unexpected,
    get entraOutage() {
      return entraOutage;
    },
    set entraOutage(value: boolean) {
      entraOutage = value;
    },
    get openIdOutage() {
      return openIdOutage;
    },
    set openIdOutage(value: boolean) {
      openIdOutage = value;
    },
    get entraStall() {
      return entraStall;
    },
    set entraStall(value: boolean) {
      entraStall = value;
      if (!value) for (const socket of stalled.splice(0)) socket.destroy();
    },
    routeHttps() {
      // node-fetch (botbuilder's OpenID metadata) and MSAL both use https.globalAgent.
      const agent = https.globalAgent as https.Agent & { createConnection: unknown };
      const own = Object.getOwnPropertyDescriptor(agent, "createConnection");
      agent.createConnection = (connectOptions: { host?: string; servername?: string }) => {
        const host = connectOptions.servername ?? connectOptions.host ?? "";
        if (host !== BOTFRAMEWORK_LOGIN_HOST && host !== ENTRA_LOGIN_HOST) {
          throw new Error(`HTTPS to ${host} is not faked in this test`);
        }
        const socket = net.connect({ host: "127.0.0.1", port });
        routed.add(socket);
        socket.once("close", () => routed.delete(socket));
        return socket;
      };
      return () => {
        if (own) Object.defineProperty(agent, "createConnection", own);
        else delete (agent as { createConnection?: unknown }).createConnection;
        // The agent keeps idle sockets to these hosts; the next test file (same worker, same
        // agent) must not pick one up after this server is gone.
        for (const socket of routed) socket.destroy();
        routed.clear();
      };
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
