import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium as the tests and the slow-link bench launch it: the flags this machine's
 * closed network needs (no background connections, no updates, no QUIC), in one place.
 */
export const CHROMIUM_ARGS: readonly string[] = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}
