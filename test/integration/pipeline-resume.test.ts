/**
 * The pipeline after intake (classify → take into triage → card/alerts → confirmation → done) is
 * resumable: a store failure at ANY write, followed by the worker re-driving the report once its
 * lease has passed, ends in exactly the state a clean run reaches — classified once, routed, one
 * triage card, one confirmation, job done.
 */
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { isTakenIn } from "../../src/app/pipeline/route-report";
import { destinationKey as destinationKeyOf } from "../../src/config/triage-config";
import type { Store } from "../../src/ports/store";
import { intakeWithTriage, message } from "../support/intake-harness";

type Harness = Awaited<ReturnType<typeof intakeWithTriage>>;
const LEASE_MS = 60_000;

/** Makes the store's `failAt`-th write (1-based) throw; counts writes. */
function faultyWrites(store: Store, failAt: number): { writes: () => number } {
  let writes = 0;
  const wrap = <T extends object>(target: T, names: (keyof T)[]) => {
    for (const name of names) {
      const original = (target[name] as (...a: unknown[]) => Promise<unknown>).bind(target);
      (target as Record<keyof T, unknown>)[name] = async (...args: unknown[]) => {
        writes += 1;
        if (writes === failAt) throw new Error(`injected store failure at write ${failAt}`);
        return original(...args);
      };
    }
  };
  wrap(store.reports, ["replace"]);
  wrap(store.outbox, ["enqueue"]);
  wrap(store.audit, ["append"]);
  return { writes: () => writes };
}

/** What the worker does: claim (if due) and run; errors are the worker's to log. */
async function workOnce(h: Harness): Promise<boolean> {
  const claimed = await h.store.reports.claimForClassification("worker", h.clock.now(), LEASE_MS);
  if (!claimed) return false;
  await classifyClaimedReport(h.deps, claimed).catch(() => undefined);
  return true;
}

async function outcome(h: Harness, id: string) {
  const report = (await h.store.reports.get(id))!;
  return {
    job: report.classifyJob.state,
    classified: report.history.filter((e) => e.action === "classified").length,
    routed: isTakenIn(report),
    card: (await h.store.outbox.get(`triage-card:${id}`)) !== null,
    confirmation: (await h.store.outbox.get(`intake:${id}:classified`)) !== null,
  };
}

async function fileOne(h: Harness): Promise<string> {
  const response = await h.core.onMessage(message("Epic is down on 4 West, cannot chart meds"));
  return response.replies[0]!.trackForReport!;
}

describe("resumable pipeline", () => {
  it("a clean run: classified once, routed, carded, confirmed, done", async () => {
    const h = await intakeWithTriage();
    const id = await fileOne(h);
    expect(await workOnce(h)).toBe(true);
    expect(await outcome(h, id)).toEqual({ job: "done", classified: 1, routed: true, card: true, confirmation: true });
  });

  it("a store failure at any write, then re-driven after the lease, ends as a clean run", async () => {
    const clean = await intakeWithTriage();
    const cleanId = await fileOne(clean);
    const counter = faultyWrites(clean.store, 0);
    await workOnce(clean);
    const total = counter.writes();
    expect(total).toBeGreaterThan(3);
    const expected = await outcome(clean, cleanId);

    for (let failAt = 1; failAt <= total; failAt++) {
      const h = await intakeWithTriage();
      const id = await fileOne(h);
      faultyWrites(h.store, failAt);
      await workOnce(h);
      // Nothing is claimable before the lease has passed (another instance may still be on it) ...
      h.clock.advance(LEASE_MS + 1);
      // ... then the worker re-drives it until nothing is left.
      for (let rounds = 0; rounds < 3 && (await workOnce(h)); rounds++) h.clock.advance(LEASE_MS + 1);
      expect({ failAt, ...(await outcome(h, id)) }).toEqual({ failAt, ...expected });
    }
  });
});

describe("safety alerts do not wait on the LLM", () => {
  it("the offline result raises the alert before the (hung) LLM answers; the LLM's answer adds none", async () => {
    const h = await intakeWithTriage();
    h.gate.when("wrong patient", { patientSafety: true, severity: "critical" });
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const llm = h.classifier;
    const slowLlm = {
      name: "llm",
      classify: async (text: Parameters<typeof llm.classify>[0]) => (await hung, llm.classify(text)),
    };
    const deps = { ...h.deps, classifier: slowLlm };
    const response = await h.core.onMessage(message("barcode scanner picked the wrong patient on 5 North"));
    const id = response.replies[0]!.trackForReport!;
    const claimed = await h.store.reports.claimForClassification("worker", h.clock.now(), LEASE_MS);
    const running = classifyClaimedReport(deps, claimed!);
    const alertKeys = deps.triage
      ? (await import("../../src/config/triage-config"))
          .loadTriageConfig(undefined, {
            systemIds: h.deps.catalogue.systems.map((s) => s.id),
          })
          .alerts.map((d) => `alert:${id}:${destinationKeyOf(d)}`)
      : [];
    expect(alertKeys.length).toBeGreaterThan(0);
    for (let i = 0; i < 100 && !(await h.store.outbox.get(alertKeys[0]!)); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await h.store.outbox.get(alertKeys[0]!)).not.toBeNull();
    release();
    await running;
    expect((await outcome(h, id)).job).toBe("done");
  });
});
