/**
 * A report's triage card is posted once, whatever order a crash leaves the pipeline's writes in.
 * The interleaving seen on MongoDB/FerretDB under kill -9: the head's routing was written (history
 * "routed") but the process died before its first card was queued; on restart a similar report
 * joined it and queued a card refresh before the head's own take-in was re-driven. The refresh had
 * no card ref and no first post to wait for, so it posted a new card, and the re-driven head then
 * posted its first card: two cards for one incident.
 */
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import type { ChannelSender } from "../../src/ports/channel";
import { silentLogger } from "../../src/ports/logger";
import { routedEntry } from "../../src/app/pipeline/route-report";
import { parseDestination } from "../../src/config/triage-config";
import { asRedacted } from "../../src/domain/redacted-text";
import { buildClassifiedReport } from "../fixtures/build-report";
import { createTriageHarness, type Harness } from "./triage-harness";

const TEXT = "Epic froze when opening the MAR on 4 West";

describe("triage card: one post per incident after a crash between routing and queueing the card", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness();
  });
  afterEach(() => h.close());

  /** The head as a crash left it: classified, routed (history written), its first card never queued. */
  async function routedWithoutCard() {
    const seq = await h.store.reports.nextSeq();
    const head = buildClassifiedReport(
      {
        seq,
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
        text: asRedacted(TEXT),
        history: [routedEntry(parseDestination("slack:C0TRIAGE")!, h.clock.now())],
      },
      { summary: TEXT, classifiedAt: h.clock.now(), system: "ehr_other", kind: "disruption" },
    );
    await h.store.reports.insert(head);
    expect(await h.store.outbox.get(`triage-card:${head.id}`)).toBeNull();
    return head;
  }

  const newPostsTo = (channel: string) =>
    h.senders.slack.sent.filter((s) => s.target.destination === channel && s.replaceRef === null);

  it("a joiner's card refresh does not post a second card before the head is re-driven", async () => {
    const head = await routedWithoutCard();
    h.clock.advance(1_000);
    const { report: joiner } = await h.file(`${TEXT} again`, { system: "ehr_other", kind: "disruption" });
    expect(joiner.clusterId).toBe(head.id);
    await h.drain();
    // The pipeline re-drives the head after its lease: its take-in queues what the crash left out.
    h.clock.advance(10_000);
    await h.triage.onClassified((await h.store.reports.get(head.id))!);
    for (let i = 0; i < 10; i++) {
      await h.drain();
      h.clock.advance(3_000);
    }
    const cards = newPostsTo("C0TRIAGE");
    expect(cards).toHaveLength(1);
    expect(cards[0]!.message.title).toContain(head.id);
    // The card shows the cluster, and its later updates replace it in place.
    const recorded = (await h.store.reports.get(head.id))!.triageMessageRef;
    expect(recorded).not.toBeNull();
  });

  it("killed after the joiner's refresh reached the platform, before its ref was recorded: one card", async () => {
    const head = await routedWithoutCard();
    h.clock.advance(1_000);
    await h.file(`${TEXT} again`, { system: "ehr_other", kind: "disruption" });

    // The platform remembers each post's outbox key (Slack metadata) and a re-driven send looks it up.
    const posts: { destination: string | null; key: string | undefined; ref: string; title?: string }[] = [];
    let hangAfterPost = true;
    const platform: ChannelSender = {
      channel: "slack",
      async send(target, message, options) {
        if (options?.replaceRef) return options.replaceRef;
        const earlier = options?.mayHaveBeenSent ? posts.find((p) => p.key === options.outboxKey) : undefined;
        if (earlier) return earlier.ref;
        const ref = `C0TRIAGE:${posts.length + 1}`;
        posts.push({ destination: target.destination, key: options?.outboxKey, ref, title: message.title });
        // The first post reaches the platform, then the process is killed (this send never returns).
        if (hangAfterPost) {
          hangAfterPost = false;
          return new Promise<string>(() => undefined);
        }
        return ref;
      },
    };
    const dispatch = () =>
      dispatchOutboxOnce({ store: h.store, senders: [platform], clock: h.clock, logger: silentLogger, owner: "o" });
    void dispatch(); // the instance that is killed mid-send
    await new Promise((r) => setTimeout(r, 200));

    // Restarted: the head's take-in is re-driven after its lease, and the outbox drains.
    h.clock.advance(10_000);
    await h.triage.onClassified((await h.store.reports.get(head.id))!);
    for (let i = 0; i < 40; i++) {
      await dispatch();
      h.clock.advance(3_000);
    }
    const cards = posts.filter((p) => p.destination === "C0TRIAGE");
    expect(cards.map((c) => `${c.key} ${c.title}`)).toEqual([expect.stringContaining(head.id)]);
    expect((await h.store.reports.get(head.id))!.triageMessageRef).toBe(cards[0]!.ref);
  });

  it("without any re-drive the joiner's refresh still gives the incident its card once", async () => {
    const head = await routedWithoutCard();
    h.clock.advance(1_000);
    await h.file(`${TEXT} again`, { system: "ehr_other", kind: "disruption" });
    for (let i = 0; i < 10; i++) {
      await h.drain();
      h.clock.advance(3_000);
    }
    const cards = newPostsTo("C0TRIAGE");
    expect(cards).toHaveLength(1);
    expect(cards[0]!.message.title).toContain(head.id);
  });
});
