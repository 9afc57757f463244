// Launching Debian's Chromium through playwright-core (never a downloaded browser build).
// Under CI=true a missing Chromium is a failure; elsewhere the browser suites skip and say why.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser suites can run here. Throws under CI, where they must run. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM} does not exist: apt-get install -y chromium`);
  }
  console.warn(`[parley] skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium to run them)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
