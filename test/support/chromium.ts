/**
 * Debian's chromium driven by playwright-core (scripts/ensure-chromium.sh installs it). The flags
 * keep it off the network: this machine has none, and background fetches would only fail.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const describeWithChromium: jest.Describe = existsSync(CHROMIUM)
  ? describe
  : (((name: string, fn: () => void) => {
      console.warn(`SKIPPED "${name}": ${CHROMIUM} is missing (run scripts/ensure-chromium.sh)`);
      describe.skip(name, fn);
    }) as jest.Describe);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
