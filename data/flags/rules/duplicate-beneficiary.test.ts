import { describe, expect, it } from 'vitest';
import type { BeneficiaryDuplicate } from '../rule-input.ts';
import { duplicateBeneficiary } from './duplicate-beneficiary.ts';
import { publication, ruleInput, VILLAGE } from './test-builders.ts';

const settings = duplicateBeneficiary.settings.parse({});
const OTHER = '430821211227';

const group: BeneficiaryDuplicate = {
  programme: '耕地地力保护补贴',
  period: '2026',
  match: 'id',
  rows: [
    { village: VILLAGE, villageName: '康家坪村', publicationId: 'subsidy-kjp', row: 5, name: '张永红' },
    { village: OTHER, villageName: '龙岗村', publicationId: 'subsidy-lg', row: 12, name: '张永红' },
  ],
};

describe('duplicate-beneficiary', () => {
  it('raises one finding per group that has a row of this village', () => {
    expect(duplicateBeneficiary.run(ruleInput({ duplicates: [group] }), settings)).toEqual([
      {
        rule: 'duplicate-beneficiary',
        village: VILLAGE,
        key: `耕地地力保护补贴:2026:${OTHER},${VILLAGE}:张永红`,
        title: '张永红在2026年“耕地地力保护补贴”名单中出现2次（康家坪村第5行和龙岗村第12行）',
        detail:
          '2026年“耕地地力保护补贴”发放名单中，张永红出现在康家坪村第5行和龙岗村第12行。这几行的身份证号相同（系统用加密指纹比对完整号码，号码本身不保存、不公开）。请核实是否为同一人、是否重复发放；如是录入重复或已追回，请说明。',
        amount: null,
        evidence: [
          { publicationId: 'subsidy-kjp', village: VILLAGE, kind: 'subsidy', row: 5, label: '康家坪村耕地地力保护补贴名单第5行' },
          { publicationId: 'subsidy-lg', village: OTHER, kind: 'subsidy', row: 12, label: '龙岗村耕地地力保护补贴名单第12行' },
        ],
        sample: false,
      },
    ]);
  });

  it('raises nothing for a group without a row of this village', () => {
    const elsewhere = { ...group, rows: group.rows.map((r) => ({ ...r, village: OTHER })) };
    expect(duplicateBeneficiary.run(ruleInput({ duplicates: [elsewhere] }), settings)).toEqual([]);
    expect(duplicateBeneficiary.run(ruleInput({ duplicates: [] }), settings)).toEqual([]);
  });

  it('says a name-and-masked-number match is only possibly the same person', () => {
    const [finding] = duplicateBeneficiary.run(ruleInput({ duplicates: [{ ...group, match: 'name-masked-id' }] }), settings);
    expect(finding?.detail).toContain('姓名相同，身份证号公开部分（前后几位）也相同，可能是同一人');
  });

  it('keeps the key when row numbers change, and marks sample lists', () => {
    const moved = { ...group, rows: group.rows.map((r) => ({ ...r, row: r.row + 3 })) };
    const a = duplicateBeneficiary.run(ruleInput({ duplicates: [group] }), settings)[0];
    const b = duplicateBeneficiary.run(ruleInput({ duplicates: [moved] }), settings)[0];
    expect(b?.key).toBe(a?.key);
    const sample = publication(
      { kind: 'subsidy', title: '补贴', programme: '耕地地力保护补贴', period: '2026', rows: [], totals: { amount: 0, quantity: null, count: 0 }, notes: [] },
      { id: 'subsidy-kjp', sample: true },
    );
    expect(duplicateBeneficiary.run(ruleInput({ duplicates: [group], publications: [sample] }), settings)[0]?.sample).toBe(true);
  });
});
