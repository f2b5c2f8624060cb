/**
 * Delivers one window's digest to the CMIO destinations, exactly once per (period, destination):
 * a destination is sent only after its digest-run claim succeeds and is marked sent right after.
 * Two instances racing get one claim; a crash between claim and send leaves a claim that expires
 * (ttl), so a later run sends; a sent run is never sent again.
 */
import { renderDigestCard } from "../../adapters/digest/adaptive-card";
import { renderDigestBlocks } from "../../adapters/digest/block-kit";
import { renderDigestText } from "../../adapters/digest/text";
import type { Catalogue } from "../../domain/catalogue";
import type { Digest } from "../../domain/digest";
import type { DigestNarrator } from "../../domain/digest-facts";
import type { DigestWindow } from "../../domain/iso-week";
import type { BotMessage } from "../../domain/message";
import type { ChannelName, ChannelSender } from "../../ports/channel";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Store } from "../../ports/store";
import { buildDigest } from "./build-digest";

export interface DigestDestination {
  channel: ChannelName;
  /** A Teams conversation key / channel id, or a Slack channel id. */
  destination: string;
}

export interface SendDigestDeps {
  store: Pick<Store, "reports" | "digestRuns">;
  senders: readonly ChannelSender[];
  catalogue: Catalogue;
  narrator: DigestNarrator | null;
  /** PUBLIC_BASE_URL; without it the cards carry no chart. */
  publicBaseUrl: string | null | undefined;
  /** This instance's name in digest-run claims. */
  owner: string;
  clock: Clock;
  logger: Logger;
  /** How long a claim protects an unfinished send (default 10 min). */
  claimTtlMs?: number;
}

export type DeliveryOutcome = "sent" | "already_sent" | "in_progress" | "failed" | "no_sender";

export interface DigestDeliveryResult {
  destination: DigestDestination;
  outcome: DeliveryOutcome;
  /** The platform's message ref when sent. */
  messageRef?: string | null;
  error?: string;
}

/** Key of a destination in the digest-run store: "teams:19:abc@thread.tacv2", "slack:C0123". */
export function digestRunKey(d: DigestDestination): string {
  return `${d.channel}:${d.destination}`;
}

/** Stable chart URL served by the digest routes, or null without PUBLIC_BASE_URL. */
export function digestChartUrl(publicBaseUrl: string | null | undefined, period: string): string | null {
  if (!publicBaseUrl) return null;
  return `${publicBaseUrl.replace(/\/+$/, "")}/digest/${encodeURIComponent(period)}/chart.png`;
}

/** The digest as a channel message: the platform rendering plus a plain-text fallback. */
export function digestMessage(digest: Digest, channel: ChannelName, chartUrl: string | null): BotMessage {
  const text = renderDigestText(digest);
  const title = `CMIO weekly digest ${digest.period}`;
  if (channel === "slack") {
    const slack = renderDigestBlocks(digest, { chartUrl });
    return { title, text: slack.text, rendered: { slackBlocks: slack.blocks } };
  }
  return { title, text, rendered: { adaptiveCard: renderDigestCard(digest, { chartUrl }) } };
}

export async function sendDigest(
  deps: SendDigestDeps,
  window: DigestWindow,
  destinations: readonly DigestDestination[],
): Promise<DigestDeliveryResult[]> {
  const ttl = deps.claimTtlMs ?? 10 * 60_000;
  const chartUrl = digestChartUrl(deps.publicBaseUrl, window.period);
  let digest: Promise<Digest> | null = null;
  const built = () =>
    (digest ??= buildDigest(
      { reports: deps.store.reports, catalogue: deps.catalogue, narrator: deps.narrator, logger: deps.logger },
      window,
      deps.clock.now(),
    ));

  const results: DigestDeliveryResult[] = [];
  for (const destination of destinations) {
    const key = digestRunKey(destination);
    const sender = deps.senders.find((s) => s.channel === destination.channel);
    if (!sender) {
      deps.logger.warn({ destination: key }, "digest: no sender for this channel; is it configured?");
      results.push({ destination, outcome: "no_sender" });
      continue;
    }
    const claim = await deps.store.digestRuns.claim(window.period, key, deps.owner, deps.clock.now(), ttl);
    if (claim !== "claimed") {
      results.push({ destination, outcome: claim });
      continue;
    }
    try {
      const message = digestMessage(await built(), destination.channel, chartUrl);
      const messageRef = await sender.send({ conversationKey: null, destination: destination.destination }, message);
      await deps.store.digestRuns.markSent(window.period, key, deps.owner, deps.clock.now());
      deps.logger.info({ period: window.period, destination: key }, "digest sent");
      results.push({ destination, outcome: "sent", messageRef });
    } catch (err) {
      // The claim stays until its ttl expires, so a later run retries this destination.
      const error = err instanceof Error ? err.message : String(err);
      deps.logger.error({ period: window.period, destination: key, err: error }, "digest send failed");
      results.push({ destination, outcome: "failed", error });
    }
  }
  return results;
}
