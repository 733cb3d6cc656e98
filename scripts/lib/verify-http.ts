import type { z } from 'zod';

/**
 * How `verify` reads a portal: text, JSON checked against a schema, or bytes, each answered as a
 * value (never thrown) that says which address failed and how, so every failure can be named.
 */
export type Fetched<T> = { ok: true; value: T } | { ok: false; url: string; status: number | null; detail: string };
export type Http = ReturnType<typeof httpClient>;

export function httpClient(fetchFn: typeof fetch) {
  const get = async (url: string): Promise<Fetched<Response>> => {
    try {
      const res = await fetchFn(url, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/json, text/plain, */*' } });
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, url, status: res.status, detail: `HTTP ${res.status}` };
      }
      return { ok: true, value: res };
    } catch (error) {
      return { ok: false, url, status: null, detail: error instanceof Error ? error.message : String(error) };
    }
  };
  const read = async <T>(url: string, body: (res: Response) => Promise<T>): Promise<Fetched<T>> => {
    const res = await get(url);
    if (!res.ok) return res;
    try {
      return { ok: true, value: await body(res.value) };
    } catch (error) {
      return { ok: false, url, status: null, detail: error instanceof Error ? error.message : String(error) };
    }
  };
  const text = async (url: string): Promise<{ ok: true; text: string } | { ok: false; url: string; status: number | null; detail: string }> => {
    const res = await read(url, (r) => r.text());
    return res.ok ? { ok: true, text: res.value } : res;
  };
  return {
    text,
    bytes: (url: string) => read(url, async (r) => new Uint8Array(await r.arrayBuffer())),
    async json<T>(url: string, schema: z.ZodType<T>): Promise<Fetched<T>> {
      const res = await text(url);
      if (!res.ok) return res;
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        return { ok: false, url, status: 200, detail: 'not JSON' };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return { ok: false, url, status: 200, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      return { ok: true, value: parsed.data };
    },
  };
}

export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}
