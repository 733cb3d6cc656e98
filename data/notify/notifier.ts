/**
 * Telling an official that something waits for them (issue 13, point 4): a small interface, so a
 * portal sends through whatever reaches its officials. The default writes each notice as a line of
 * JSON to a file in the data folder (scripts/lib/file-notifier.ts), for an operator's own SMS or
 * WeChat gateway to pick up; docs/console.md says how an SMS or WeChat template-message adapter is
 * written. A notice carries the account's mobile for such a gateway; it is never published.
 */
export interface Notice {
  /** the account it is for */
  accountId: string;
  name: string;
  mobile: string;
  /** 投诉 12 已转交王家坪镇民政办 …; plain Chinese, one line */
  text: string;
  /** the console page to open */
  link: string;
  /** why it was sent; 'tracking-code' (issue 17) goes to a complainant staff recorded, not to an account: accountId is then complaint:<public id> */
  reason: 'dispatched' | 'reminder' | 'tracking-code';
}

export interface Notifier {
  send(notices: readonly Notice[]): Promise<void>;
}
