import { appendFile } from 'node:fs/promises';
import type { Notice, Notifier } from '../../data/notify/notifier.ts';

/**
 * The default notifier (issue 13, point 4): each notice a line of JSON appended to a file in the
 * data folder, readable by the portal's user only, for an SMS or WeChat gateway the operator runs
 * to pick up (docs/console.md). Nothing leaves the machine by itself.
 */
export function fileNotifier(file: string): Notifier {
  return {
    async send(notices: readonly Notice[]) {
      if (notices.length === 0) return;
      const at = new Date().toISOString();
      await appendFile(file, notices.map((n) => `${JSON.stringify({ at, ...n })}\n`).join(''), { mode: 0o600 });
    },
  };
}
