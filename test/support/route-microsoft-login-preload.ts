/**
 * Loaded into a service child process (NODE_OPTIONS `--require`) so that the real service talks to
 * the fake Microsoft login (test/fakes/fake-microsoft-login.ts) running in the test process:
 * HTTPS connections to login.botframework.com and login.microsoftonline.com, and only those, land
 * on 127.0.0.1:$FAKE_MICROSOFT_LOGIN_PORT, as routeHttps() does in process. botbuilder and MSAL
 * stay on their production URLs, so the service runs the configuration a real deployment runs.
 */
import https from "node:https";
import net from "node:net";

const HOSTS = new Set(["login.botframework.com", "login.microsoftonline.com"]);
const port = Number(process.env.FAKE_MICROSOFT_LOGIN_PORT);

if (Number.isInteger(port) && port > 0) {
  const agent = https.globalAgent as https.Agent & { createConnection: unknown };
  agent.createConnection = (options: { host?: string; servername?: string }) => {
    const host = options.servername ?? options.host ?? "";
    if (!HOSTS.has(host)) throw new Error(`HTTPS to ${host} is not faked in this test`);
    return net.connect({ host: "127.0.0.1", port });
  };
}
