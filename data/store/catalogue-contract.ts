import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../log/audit-log.ts';
import { parseLeaf, powerCatalogueDigest } from '../log/log-leaf.ts';
import type { PowerCatalogue } from '../power/power-catalogue.ts';
import { countyProjectThreshold } from '../power/test-catalogues.ts';
import type { CatalogueStore } from './catalogue-store.ts';
import type { Store } from './store.ts';

/**
 * What every backend must do with counties' power lists (catalogue-store.ts). `connect` opens a
 * second connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type CatalogueContractStore = CatalogueStore & Pick<Store, 'logSize' | 'logLeaves'>;

export type OpenCatalogueStore = () => Promise<{
  store: CatalogueContractStore;
  connect: () => Promise<CatalogueContractStore>;
  cleanup: () => Promise<void>;
}>;

const AT = ['2026-10-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z'] as const;

function named(c: PowerCatalogue, version: string): PowerCatalogue {
  return { ...c, version };
}

export function describeCatalogueContract(name: string, open: OpenCatalogueStore): void {
  describe(`Power list store contract: ${name}`, () => {
    let store: CatalogueContractStore;
    let connect: () => Promise<CatalogueContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('numbers each scope’s versions 1, 2 … and lists them with what was published', async () => {
      const first = countyProjectThreshold('430821', 10);
      const second = named(countyProjectThreshold('430821', 20), '430821-2026-2');
      const city = countyProjectThreshold('4308', 10);
      expect(await store.publishCatalogue(first, AT[0])).toMatchObject({ kind: 'published', catalogue: { scope: '430821', seq: 1 } });
      expect(await store.publishCatalogue(city, AT[0])).toMatchObject({ kind: 'published', catalogue: { scope: '4308', seq: 1 } });
      expect(await store.publishCatalogue(second, AT[1])).toMatchObject({ kind: 'published', catalogue: { scope: '430821', seq: 2 } });
      const listed = await store.listCatalogues();
      // by scope (as text), then version
      expect(listed.map((c) => [c.scope, c.seq, c.document.version, c.publishedAt])).toEqual([
        ['4308', 1, city.version, AT[0]],
        ['430821', 1, first.version, AT[0]],
        ['430821', 2, '430821-2026-2', AT[1]],
      ]);
      expect(listed[2]!.document).toEqual(second);
    });

    it('refuses a version name its scope already used, as a value, and logs nothing', async () => {
      const county = countyProjectThreshold('430821', 10);
      await store.publishCatalogue(county, AT[0]);
      const size = await store.logSize();
      expect(await store.publishCatalogue(countyProjectThreshold('430821', 20), AT[1])).toEqual({ kind: 'version-taken', scope: '430821', version: county.version });
      expect(await store.logSize()).toBe(size);
    });

    it('logs each version with a leaf whose digest covers the document as served, and the log audits clean', async () => {
      const { catalogue } = (await store.publishCatalogue(countyProjectThreshold('430821', 10), AT[0])) as { catalogue: { logIndex: number } };
      const leaves = await store.logLeaves(0, await store.logSize());
      const leaf = parseLeaf(leaves.find((l) => l.index === catalogue.logIndex)!.leaf);
      const [served] = await store.listCatalogues();
      expect(leaf).toEqual({ ok: true, leaf: { type: 'power-catalogue', scope: '430821', seq: 1, at: AT[0], sha256: powerCatalogueDigest(served!.document) } });
      expect(auditLog(leaves, []).findings).toEqual([]);
    });

    it('numbers versions published through two connections without a gap or a repeat', async () => {
      const other = await connect();
      await Promise.all([
        store.publishCatalogue(named(countyProjectThreshold('430821', 10), '430821-2026-1'), AT[0]),
        other.publishCatalogue(named(countyProjectThreshold('430821', 20), '430821-2026-2'), AT[0]),
        store.publishCatalogue(named(countyProjectThreshold('430821', 30), '430821-2026-3'), AT[1]),
      ]);
      expect((await other.listCatalogues()).map((c) => c.seq)).toEqual([1, 2, 3]);
    });

    it('refuses a document that is not a valid list and writes nothing', async () => {
      const size = await store.logSize();
      const broken = { ...countyProjectThreshold('430821', 10), items: [] as unknown[] } as unknown as PowerCatalogue;
      const duplicate = countyProjectThreshold('430821', 10);
      const twice = { ...duplicate, items: [...duplicate.items, duplicate.items[0]!] };
      for (const bad of [broken, twice]) await expect(store.publishCatalogue(bad, AT[0])).rejects.toThrow();
      expect(await store.logSize()).toBe(size);
      expect(await store.listCatalogues()).toEqual([]);
    });
  });
}
