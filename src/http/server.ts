/**
 * The one restify server. It installs no global body parser: the Slack route needs the raw body
 * for its signature check, the Bot Framework route wants parsed JSON; each route group chooses.
 */
import restify from "restify";
import type { Logger } from "../ports/logger";
import { restifyLogger } from "./restify-log";

/** Something that adds routes to the shared server (health, Teams, Slack, web chat, charts). */
export interface RouteModule {
  readonly name: string;
  register(server: restify.Server): void;
}

export interface HttpServerOptions {
  logger: Logger;
  modules: readonly RouteModule[];
}

export function createHttpServer(options: HttpServerOptions): restify.Server {
  const server = restify.createServer({
    name: "clinician-feedback-bot",
    handleUncaughtExceptions: false,
    // restify's types want its bunyan-era Logger; at run time it uses pino (restify 11's own default).
    log: restifyLogger(options.logger) as unknown as restify.ServerOptions["log"],
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  for (const module of options.modules) module.register(server);
  server.on("restifyError", (req: restify.Request, _res: restify.Response, err: Error, next: (e?: Error) => void) => {
    options.logger.warn(
      { path: req.path(), code: (err as { code?: string }).code, err: err.message },
      "request failed",
    );
    next();
  });
  return server;
}

/**
 * Connections waiting to be accepted (the OS caps it at net.core.somaxconn). Node's default, 511,
 * overflowed in a 500/s burst: the kernel drops the SYNs of new connections, and their clients
 * wait 1, 3 or 7 s to try again — acknowledgements past Slack's 3 s before we ever saw the request.
 */
export const LISTEN_BACKLOG = 4096;

export async function listen(
  server: restify.Server,
  port: number,
  host: string,
): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, LISTEN_BACKLOG, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return { port: bound, url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}` };
}

/**
 * A listen failure a person can fix, in plain words ("port 3978 is in use; set PORT"); null for
 * anything else.
 */
export function listenProblem(err: unknown, port: number, host: string): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return `port ${port} is in use; set PORT to a free port (is the bot already running on ${host}:${port}?)`;
  if (code === "EACCES") return `port ${port} needs administrator rights on this machine; set PORT above 1023`;
  if (code === "EADDRNOTAVAIL") return `HOST ${host} is not an address of this machine; set HOST (e.g. 127.0.0.1)`;
  return null;
}

export async function closeServer(server: restify.Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
  });
}
