/**
 * ITSM connector: tickets created through the outbox against the fake ServiceNow on 127.0.0.1
 * (search by correlation id + create = two HTTP calls each), and the signed status webhook's
 * latency (signature, replay log, status change, notes to reporters, card update queued), in
 * process on the embedded store. Prints figures only; no goal is asserted.
 */
import { performance } from "node:perf_hooks";
import { FakeServiceNow } from "../test/fakes/fake-servicenow";
import { WEBHOOK_SECRET, createItsmHarness, nurse } from "../test/integration/itsm-harness";

const scale = Number(process.env.BENCH_SCALE ?? "1");
const N = Math.max(20, Math.round(200 * scale));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const auth = { type: "basic" as const, username: "bench", password: "bench" };
  const fake = await FakeServiceNow.start(auth);
  const h = await createItsmHarness({
    kind: "servicenow",
    instanceUrl: fake.url,
    auth,
    webhookSecret: WEBHOOK_SECRET,
    statusMap: {},
    categoryMap: {},
    timeoutMs: 10_000,
  });
  fake.webhook = { url: h.webhookUrl, secret: WEBHOOK_SECRET, now: () => h.clock.now() };
  try {
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      // A day apart: every report is its own incident (outside the clustering window).
      h.clock.advance(25 * 3600_000);
      ids.push(
        (await h.file(`Workstation ${i} on unit ${i % 7} cannot reach the EHR`, { system: "ehr" }, nurse(i))).id,
      );
    }
    const started = performance.now();
    await h.drain();
    const createMs = performance.now() - started;
    const made = fake.incidents.length;
    console.log(
      `itsm: ${made} ServiceNow incidents created through the outbox in ${createMs.toFixed(0)} ms ` +
        `(${((made / createMs) * 1000).toFixed(0)}/s, ${(createMs / made).toFixed(1)} ms each incl. card updates queued)`,
    );
    const latencies: number[] = [];
    for (const incident of fake.incidents) {
      const t0 = performance.now();
      const answer = await fake.setState(incident.number, "6", "fixed");
      latencies.push(performance.now() - t0);
      if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `itsm: status webhook (signed, resolved) p50 ${quantile(latencies, 0.5).toFixed(1)} ms, ` +
        `p99 ${quantile(latencies, 0.99).toFixed(1)} ms over ${latencies.length}`,
    );
  } finally {
    await fake.close();
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
