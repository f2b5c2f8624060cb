/**
 * A small OpenID Connect provider on 127.0.0.1 speaking the real protocol, for the web chat
 * sign-in tests: discovery (/.well-known/openid-configuration), the authorization endpoint (which
 * "signs in" whoever the test chose and redirects back with a code), the token endpoint (client
 * authentication, one-time codes, PKCE S256, redirect_uri check) and a JWKS; id_tokens are RS256
 * JWTs signed with node:crypto. Knobs let a test forge what an attacker would.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOidcUser {
  sub: string;
  name?: string;
  email?: string;
  groups?: string[];
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  nonce: string | null;
  challenge: string | null;
  user: FakeOidcUser;
}

export interface FakeOidcProvider {
  readonly url: string;
  /** Who the next visit to the authorization endpoint signs in. */
  loginAs: FakeOidcUser;
  /** Attacks: sign id_tokens with a key not in the JWKS, or for another audience, or with another nonce. */
  forge: { foreignKey?: boolean; audience?: string; nonce?: string };
  readonly tokenRequests: number;
  close(): Promise<void>;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function jwt(payload: Record<string, unknown>, kid: string, key: KeyObject): string {
  const input = `${b64(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${b64(JSON.stringify(payload))}`;
  return `${input}.${b64(sign("sha256", Buffer.from(input), key))}`;
}

export async function startFakeOidcProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<FakeOidcProvider> {
  const real = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const codes = new Map<string, IssuedCode>();
  let tokenRequests = 0;
  let issuer = "";
  const state = {
    loginAs: { sub: "nobody" } as FakeOidcUser,
    forge: {} as FakeOidcProvider["forge"],
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        scopes_supported: ["openid", "profile", "email"],
      });
    }
    if (req.method === "GET" && url.pathname === "/jwks") {
      return json(res, 200, {
        keys: [{ ...real.publicKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" }],
      });
    }
    if (req.method === "GET" && url.pathname === "/authorize") {
      const q = url.searchParams;
      if (q.get("client_id") !== client.clientId || q.get("redirect_uri") !== client.redirectUri)
        return json(res, 400, { error: "invalid_request" });
      if (q.get("response_type") !== "code" || !(q.get("scope") ?? "").split(" ").includes("openid"))
        return json(res, 400, { error: "invalid_request" });
      const code = randomBytes(16).toString("base64url");
      codes.set(code, {
        clientId: client.clientId,
        redirectUri: client.redirectUri,
        nonce: q.get("nonce"),
        challenge: q.get("code_challenge_method") === "S256" ? q.get("code_challenge") : null,
        user: state.loginAs,
      });
      const back = new URL(client.redirectUri);
      back.searchParams.set("code", code);
      if (q.get("state")) back.searchParams.set("state", q.get("state")!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/token") {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        tokenRequests += 1;
        const form = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
        const [id, secret] = basic
          ? Buffer.from(basic[1]!, "base64").toString().split(":").map(decodeURIComponent)
          : [form.get("client_id"), form.get("client_secret")];
        if (id !== client.clientId || secret !== client.clientSecret)
          return json(res, 401, { error: "invalid_client" });
        const code = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (!code || form.get("grant_type") !== "authorization_code" || form.get("redirect_uri") !== code.redirectUri)
          return json(res, 400, { error: "invalid_grant" });
        const verifier = form.get("code_verifier") ?? "";
        if (!code.challenge || createHash("sha256").update(verifier).digest("base64url") !== code.challenge)
          return json(res, 400, { error: "invalid_grant" });
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: issuer,
          aud: state.forge.audience ?? client.clientId,
          iat: now,
          exp: now + 300,
          nonce: state.forge.nonce ?? code.nonce ?? undefined,
          ...code.user,
        };
        const key = state.forge.foreignKey ? foreign.privateKey : real.privateKey;
        return json(res, 200, {
          access_token: randomBytes(16).toString("base64url"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: jwt(claims, "k1", key),
        });
      });
      return;
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: issuer,
    get loginAs() {
      return state.loginAs;
    },
    set loginAs(user: FakeOidcUser) {
      state.loginAs = user;
    },
    get forge() {
      return state.forge;
    },
    set forge(value) {
      state.forge = value;
    },
    get tokenRequests() {
      return tokenRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
