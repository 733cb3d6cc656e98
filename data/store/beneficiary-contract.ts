import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPublication } from '../new-publication.ts';
import type { SubsidyContent } from '../publication.ts';
import type { BeneficiaryIndex } from './flag-store.ts';
import type { BeneficiaryLookup } from './beneficiary-lookup.ts';
import type { BeneficiaryKey, Store } from './store.ts';

/**
 * What every backend must do with beneficiaries' keyed fingerprints (BeneficiaryIndex, written by
 * `publish`). Part of the flag contract: describeFlagContract calls it with the store of the
 * running test.
 */
export type BeneficiaryContractStore = BeneficiaryIndex & Pick<Store, 'publish' | 'tombstone' | 'logSize'>;

export function describeBeneficiaryContract(current: () => BeneficiaryContractStore): void {
  describe('beneficiaries', () => {
    /** 张三 in VILLAGE and OTHER_VILLAGE (one township); 李四 in VILLAGE and in another township; each also in lists that differ in programme or period. */
    const seed = async () => {
      await current().publish(subsidyList('pub-v1', VILLAGE, PROGRAMME, '2026', [[4, ZHANG], [5, LI]]));
      await current().publish(subsidyList('pub-v2', OTHER_VILLAGE, PROGRAMME, '2026', [[7, ZHANG]]));
      await current().publish(subsidyList('pub-v3', NEXT_TOWNSHIP_VILLAGE, PROGRAMME, '2026', [[3, LI]]));
      await current().publish(subsidyList('pub-v4', OTHER_VILLAGE, '生猪调出大县奖励', '2026', [[2, LI]]));
      await current().publish(subsidyList('pub-v5', OTHER_VILLAGE, PROGRAMME, '2025', [[2, ZHANG]]));
    };
    const zhang = { programme: PROGRAMME, period: '2026', match: 'id', rows: [{ village: VILLAGE, publicationId: 'pub-v1', row: 4 }, { village: OTHER_VILLAGE, publicationId: 'pub-v2', row: 7 }] };

    it('finds one person paid by two villages of a township, in the same programme and period only', async () => {
      await seed();
      const groups = await current().duplicateBeneficiaries('430802108');
      expect(groups).toEqual([zhang]);
      expect(JSON.stringify(groups)).not.toContain(fingerprint(ZHANG.id));
      expect(await current().duplicateBeneficiaries('430802109')).toEqual([]);
      // 李四 is in both townships: the county sees it, neither township does
      expect(await current().duplicateBeneficiaries('430802')).toEqual([
        zhang,
        { programme: PROGRAMME, period: '2026', match: 'id', rows: [{ village: VILLAGE, publicationId: 'pub-v1', row: 5 }, { village: NEXT_TOWNSHIP_VILLAGE, publicationId: 'pub-v3', row: 3 }] },
      ]);
    });

    it('forgets a duplicate once a corrected list without the person supersedes one, and sees it again when a later version has them', async () => {
      await seed();
      await current().publish(subsidyList('pub-v2b', OTHER_VILLAGE, PROGRAMME, '2026', [[8, WANG]]));
      expect(await current().duplicateBeneficiaries('430802108')).toEqual([]);
      await current().publish(subsidyList('pub-v2c', OTHER_VILLAGE, PROGRAMME, '2026', [[8, WANG], [9, ZHANG]]));
      expect(await current().duplicateBeneficiaries('430802108')).toEqual([{ ...zhang, rows: [zhang.rows[0], { village: OTHER_VILLAGE, publicationId: 'pub-v2c', row: 9 }] }]);
    });

    it('forgets a duplicate once one of the lists is taken down', async () => {
      await seed();
      await current().tombstone('pub-v2', '误公开了完整身份证号', TAKEN_DOWN_AT);
      expect(await current().duplicateBeneficiaries('430802108')).toEqual([]);
    });

    it('refuses fingerprints on a list that is not a subsidy list or for a row the list does not have, publishing nothing', async () => {
      const list = subsidyList('pub-x', VILLAGE, PROGRAMME, '2026', [[4, ZHANG]]);
      await expect(current().publish({ ...list, beneficiaryKeys: [{ row: 5, key: fingerprint(ZHANG.id), match: 'id' }] })).rejects.toThrow(/row 5/);
      await expect(current().publish({ ...list, beneficiaryKeys: [{ row: 4, key: ZHANG.id, match: 'id' }] })).rejects.toThrow(/HMAC/);
      expect(await current().logSize()).toBe(0);
    });
  });
}

/**
 * What every backend must do to find a villager's own rows by their fingerprints (BeneficiaryLookup,
 * 查我的补贴): current versions not taken down, newest first, each key with its match only.
 */
export type BeneficiaryLookupContractStore = BeneficiaryLookup & Pick<Store, 'publish' | 'tombstone'>;

export function describeBeneficiaryLookupContract(current: () => BeneficiaryLookupContractStore): void {
  describe('a beneficiary’s own rows', () => {
    const id = (p: { id: string }) => ({ key: fingerprint(p.id), match: 'id' as const });

    it('finds a person’s rows in every village and list, and no one else’s', async () => {
      await current().publish(subsidyList('pub-a', VILLAGE, PROGRAMME, '2026', [[4, ZHANG], [5, LI]]));
      await current().publish(subsidyList('pub-b', OTHER_VILLAGE, '生猪调出大县奖励', '2025', [[7, ZHANG]]));
      expect(await current().beneficiaryRows([id(ZHANG)], 50)).toEqual([
        { village: VILLAGE, publicationId: 'pub-a', row: 4 },
        { village: OTHER_VILLAGE, publicationId: 'pub-b', row: 7 },
      ]);
      expect(await current().beneficiaryRows([id(WANG)], 50)).toEqual([]);
      expect(await current().beneficiaryRows([], 50)).toEqual([]);
      // a fingerprint is looked for with its own match only
      expect(await current().beneficiaryRows([{ key: fingerprint(ZHANG.id), match: 'name-masked-id' }], 50)).toEqual([]);
      expect(await current().beneficiaryRows([id(ZHANG)], 1)).toHaveLength(1);
    });

    it('leaves out a version corrected since, and one taken down', async () => {
      await current().publish(subsidyList('pub-a', VILLAGE, PROGRAMME, '2026', [[4, ZHANG]]));
      await current().publish(subsidyList('pub-a2', VILLAGE, PROGRAMME, '2026', [[4, ZHANG], [5, LI]]));
      await current().publish(subsidyList('pub-b', OTHER_VILLAGE, PROGRAMME, '2026', [[7, ZHANG]]));
      await current().tombstone('pub-b', '误公开了完整身份证号', TAKEN_DOWN_AT);
      expect(await current().beneficiaryRows([id(ZHANG)], 50)).toEqual([{ village: VILLAGE, publicationId: 'pub-a2', row: 4 }]);
    });
  });
}

// ——— fixtures ———

const VILLAGE = '430802108214';
const OTHER_VILLAGE = '430802108215';
const NEXT_TOWNSHIP_VILLAGE = '430802109201';
const PROGRAMME = '耕地地力保护补贴';
const TAKEN_DOWN_AT = '2026-07-07T02:00:00.000Z';

/** Made-up ID numbers: the store only ever sees their fingerprints and masked forms. */
const ZHANG = { name: '张三', id: '430802199001017238' };
const LI = { name: '李四', id: '430802198505054321' };
const WANG = { name: '王五', id: '430802197212126543' };

function fingerprint(idNumber: string): string {
  return createHmac('sha256', 'contract-test-secret').update(idNumber, 'utf8').digest('hex');
}

function subsidyList(id: string, village: string, programme: string, period: string, people: ReadonlyArray<readonly [number, { name: string; id: string }]>) {
  const rows = people.map(([row, p]) => ({
    row,
    seq: String(row),
    name: p.name,
    idNumber: `${p.id.slice(0, 6)}********${p.id.slice(14)}`,
    phone: null,
    bankCard: null,
    quantity: '1.00',
    unit: '亩',
    rate: 10_000,
    rateText: '100',
    amount: 10_000,
    datePaid: '2026-06-30',
    channel: '一卡通',
    remark: null,
  }));
  const content: SubsidyContent = { kind: 'subsidy', title: `${period}年${programme}发放花名册`, programme, period, rows, totals: { amount: rows.length * 10_000, quantity: null, count: rows.length }, notes: [] };
  const beneficiaryKeys: BeneficiaryKey[] = people.map(([row, p]) => ({ row, key: fingerprint(p.id), match: 'id' }));
  return { ...newPublication({ id, village, content, publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } }), beneficiaryKeys };
}
