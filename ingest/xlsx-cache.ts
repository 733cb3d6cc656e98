/**
 * The XLSX twins of publications, kept once made: a version never changes (a correction is a new
 * id), only whether it is taken down, which is part of the key. Making the spreadsheet of a
 * maximal ledger takes seconds of CPU (20,000 rows: 1.7 s here), so it is not made again for every
 * reader. Bounded by bytes; the least recently read goes first.
 */
export function xlsxCache(maxBytes = 64 * 1024 * 1024) {
  const entries = new Map<string, Uint8Array<ArrayBuffer>>();
  const pending = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  let bytes = 0;
  return {
    async get(key: string, make: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      // readers asking at once share one making
      let making = pending.get(key);
      if (!making) {
        making = make().finally(() => pending.delete(key));
        pending.set(key, making);
      }
      const made = await making;
      if (!entries.has(key) && made.byteLength <= maxBytes) {
        entries.set(key, made);
        bytes += made.byteLength;
        for (const [old, value] of entries) {
          if (bytes <= maxBytes) break;
          entries.delete(old);
          bytes -= value.byteLength;
        }
      }
      return made;
    },
  };
}
