/**
 * Child-process entry of `startRemoteConnector()`: runs the fake Bot Connector, says its URL,
 * answers "how many activities so far", closes on request (or when the parent goes away).
 */
import { startFakeBotConnector } from "../../test/fakes/fake-bot-connector";
import type { FromChild, ToChild } from "./remote-connector";

async function run(): Promise<void> {
  const connector = await startFakeBotConnector();
  const say = (message: FromChild) => process.send?.(message);
  const close = async () => {
    await connector.close();
    process.disconnect?.();
  };
  process.on("message", (message: ToChild) => {
    if (message.type === "sent") say({ type: "sent", count: connector.sent().length });
    else void close();
  });
  process.once("disconnect", () => void connector.close());
  say({ type: "ready", url: connector.url });
}

run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
  process.disconnect?.();
});
