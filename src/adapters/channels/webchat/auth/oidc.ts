/**
 * OpenID Connect sign-in with openid-client (authorization code flow, PKCE S256, state and nonce):
 * discovery of the issuer, the authorization redirect, the code exchange at the token endpoint and
 * the id_token checks (signature via the issuer's JWKS, iss, aud, exp, nonce) are the library's.
 * The id_token's signature is checked against the issuer's JWKS even though it comes straight from
 * the token endpoint (enableNonRepudiationChecks; the OIDC spec would let TLS stand in for it).
 * Discovery happens on the first sign-in and is retried on the next one if the IdP was unreachable.
 * Plain http is accepted only for an issuer on loopback (a local test or development IdP).
 */
import * as client from "openid-client";
import { isLoopbackHost } from "../../../../config/bind-rule";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  /** Where the IdP sends the browser back: PUBLIC_BASE_URL/auth/callback. */
  redirectUri: string;
  groupsClaim: string;
}

/** What the browser must bring back (kept server-side, keyed by state). */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

export interface SignedInUser {
  /** The id_token subject: the web chat user id. */
  id: string;
  name: string;
  email: string | null;
  groups: string[];
}

export interface OidcClient {
  start(): Promise<{ url: string; pending: PendingLogin }>;
  /** Exchanges the code in `callbackUrl` and checks the id_token; throws when anything does not verify. */
  finish(callbackUrl: URL, pending: PendingLogin): Promise<SignedInUser>;
}

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<client.Configuration> | null = null;
  const discover = (): Promise<client.Configuration> => {
    if (!config) {
      const issuer = new URL(settings.issuer);
      const insecure = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname);
      config = client
        .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
          execute: insecure
            ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
            : [client.enableNonRepudiationChecks],
        })
        .catch((err: unknown) => {
          config = null;
          throw err;
        });
    }
    return config;
  };

  return {
    async start() {
      const configuration = await discover();
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        response_type: "code",
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    async finish(callbackUrl, pending) {
      const configuration = await discover();
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const id = stringClaim(claims, "sub");
      if (!id) throw new Error("the id_token has no subject");
      const email = stringClaim(claims, "email");
      const groups = claims[settings.groupsClaim];
      return {
        id,
        name: (
          stringClaim(claims, "name") ??
          stringClaim(claims, "preferred_username") ??
          email ??
          "Signed-in user"
        ).slice(0, 80),
        email,
        groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string").slice(0, 200) : [],
      };
    },
  };
}
