/** Acknowledgements first: background steps wait while messages are being taken in, but never for ever. */
import { createIntakeLoad, yieldToIntake } from "../../src/app/pipeline/intake-load";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { DEFAULT_INTAKE_LIMITS } from "../../src/app/intake/intake-deps";
import { loadCatalogue } from "../../src/config/catalogue";
import { silentLogger } from "../../src/ports/logger";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { FakeClock, mrnRedactor } from "../support/intake-harness";

describe("yieldToIntake", () => {
  it("waits while messages are in flight and goes on once they are answered", async () => {
    const load = createIntakeLoad();
    load.inFlight = 2;
    let done = false;
    const waiting = yieldToIntake(load, 60_000).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    load.inFlight = 0;
    await waiting;
    expect(done).toBe(true);
  });

  it("does not starve: with intake never quiet it goes on after its bounded wait", async () => {
    const load = createIntakeLoad();
    load.inFlight = 1;
    await expect(yieldToIntake(load, 20)).resolves.toBeUndefined();
  });

  it("the core counts the messages it is taking in", async () => {
    const load = createIntakeLoad();
    const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    const seen: number[] = [];
    try {
      const core = createBotCore({
        store,
        // Redaction runs while the message is being taken in: what the counter says then.
        redactor: { redact: (raw: string) => (seen.push(load.inFlight), mrnRedactor.redact(raw)) },
        gate: new ScriptedClassifier(),
        classifier: new ScriptedClassifier(),
        triage: null,
        catalogue: loadCatalogue(),
        clock: new FakeClock(new Date("2026-03-02T09:00:00Z")),
        logger: silentLogger,
        anonymousSalt: "salt",
        wakeClassifier: () => {},
        wakeOutbox: () => {},
        limits: DEFAULT_INTAKE_LIMITS,
        load,
      });
      const message = (i: number) => ({
        sender: {
          channel: "webchat" as const,
          userId: `u${i}`,
          userName: null,
          conversationKey: `webchat:u${i}`,
          direct: true,
        },
        text: "Epic keeps freezing when I open the MAR on 4 West",
        attachments: 0,
        deliveryId: `d${i}`,
      });
      await Promise.all([core.onMessage(message(1)), core.onMessage(message(2))]);
      expect(Math.max(...seen)).toBe(2);
      expect(load.inFlight).toBe(0);
    } finally {
      await store.close();
    }
  });
});
