/**
 * Whether the store's commits survive a power cut: the server checks it before it accepts writes,
 * because a 201 promises that what it answered for is kept. Its own small capability, each backend
 * saying it in its own settings.
 */
export interface StoreDurability {
  durability(): Promise<DurabilityReport>;
}

export interface DurabilityReport {
  durable: boolean;
  /** the settings it was judged by, as the operator would look them up: journal_mode=wal, synchronous=full */
  summary: string;
}
