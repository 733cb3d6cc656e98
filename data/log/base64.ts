/**
 * Standard base64 (RFC 4648 §4, with padding), as signed notes, checkpoints and the log's JSON
 * use it. Decoding is strict: Node's own decoder skips characters it does not know, so a
 * signature or root with a stray character would otherwise decode to something else.
 */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes, or null unless `text` is canonical padded base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // the unused bits of the last character must be zero, or two texts would name one value
  if (bytes.toString('base64') !== text) return null;
  return new Uint8Array(bytes);
}
