/**
 * Child-process entry of `startRemoteConnector()`: the fake Bot Connector, which (like the real one)
 * both POSTs the activities to the bot, at an open-loop rate, and receives the bot's replies. Says
 * its URL; runs a load on request and answers with the latencies it saw, then once every request has
 * finished; counts the activities received; closes on request (or when the parent goes away).
 */
import http from "node:http";
import { startFakeBotConnector } from "../../test/fakes/fake-bot-connector";
import { runOpenLoop } from "./open-loop";
import type { FromChild, ToChild } from "./remote-connector";
import { postActivity, teamsActivity } from "./teams-load";

async function main(): Promise<void> {
  const connector = await startFakeBotConnector();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const say = (message: FromChild) => process.send?.(message);
  const close = async () => {
    agent.destroy();
    await connector.close();
    process.disconnect?.();
  };
  process.on("message", (message: ToChild) => {
    if (message.type === "sent") {
      say({ type: "sent", count: connector.sent().length });
      return;
    }
    if (message.type === "close") {
      void close();
      return;
    }
    const { id, botUrl, rate, seconds, drainMs, texts } = message;
    const fire = () => postActivity(agent, botUrl, teamsActivity(texts, connector.url));
    void runOpenLoop(rate, seconds, fire, drainMs).then(({ settled, ...result }) => {
      say({ type: "result", id, result });
      void settled.then(() => say({ type: "settled", id }));
    });
  });
  process.once("disconnect", () => void connector.close());
  say({ type: "ready", url: connector.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
  process.disconnect?.();
});
