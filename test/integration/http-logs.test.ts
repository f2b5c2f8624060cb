/**
 * No request or header dump in logs: restify's own error lines (a response it cannot format) go
 * through our logger without headers, and the pino logger censors authorization, cookies, tokens
 * and secrets wherever they appear. Tested by planting a token and grepping the captured output.
 */
import { Writable } from "node:stream";
import { createLogger } from "../../src/adapters/pino-logger";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { recordingLogger, until, type LogLine } from "../support/recording-logger";

const PLANTED = "planted-secret-7f3a9c";

describe("logs never carry a request's credentials", () => {
  it("restify's own error line (unformattable response) reaches our logger without the request's headers", async () => {
    const lines: LogLine[] = [];
    const server = createHttpServer({
      logger: recordingLogger(lines),
      modules: [
        {
          name: "broken",
          register: (s) =>
            s.get("/broken", (_req, res, next) => {
              res.send(200, { value: BigInt(1) }); // JSON cannot format a BigInt: restify logs a formatter error
              next();
            }),
        },
      ],
    });
    const { url } = await listen(server, 0, "127.0.0.1");
    try {
      const response = await fetch(`${url}/broken?token=${PLANTED}`, {
        headers: { authorization: `Bearer ${PLANTED}`, cookie: `session=${PLANTED}`, "x-api-key": PLANTED },
      });
      expect(response.status).toBeGreaterThanOrEqual(500);
      await until(() => lines.some((l) => l.obj.source === "restify"));
      const text = JSON.stringify(lines);
      expect(text).toContain("/broken");
      expect(text).not.toContain(PLANTED);
    } finally {
      await closeServer(server);
    }
  });

  it("the pino logger censors authorization, cookies, tokens and secrets", () => {
    let output = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        output += chunk.toString("utf8");
        callback();
      },
    });
    const logger = createLogger("debug", sink);
    logger.warn({ headers: { authorization: `Bearer ${PLANTED}`, cookie: `a=${PLANTED}` } }, "headers");
    logger.warn({ req: { headers: { authorization: PLANTED, cookie: PLANTED, "set-cookie": PLANTED } } }, "req");
    logger.error({ token: PLANTED, botToken: PLANTED, accessToken: PLANTED, bearer: PLANTED }, "tokens");
    logger.info({ config: { signingSecret: PLANTED, appPassword: PLANTED, apiKey: PLANTED, password: PLANTED } }, "c");
    logger.info({ client: { secret: PLANTED, clientSecret: PLANTED } }, "secrets");
    expect(output.split("\n").filter(Boolean)).toHaveLength(5);
    expect(output).toContain("[secret]");
    expect(output).not.toContain(PLANTED);
  });
});
