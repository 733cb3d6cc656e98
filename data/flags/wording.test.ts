import { describe, expect, it } from 'vitest';
import { contractName, contractRowLabel, financeRowLabel, listText, percent, projectRowLabel, subsidyRowLabel, yuan } from './wording.ts';

describe('finding wording', () => {
  it('prints fen as yuan with thousands separators', () => {
    expect(yuan(13_060_000)).toBe('130,600.00元');
    expect(yuan(5)).toBe('0.05元');
  });

  it('rounds a percentage half up to one decimal', () => {
    expect(percent(1, 3)).toBe('33.3%');
    expect(percent(2, 3)).toBe('66.7%');
    expect(percent(1, 8)).toBe('12.5%');
    expect(percent(1, 1)).toBe('100.0%');
  });

  it('names a contract by its number, or by its row when it has none', () => {
    expect(contractName({ number: 'KJP-2019-001', counterparty: '金坪公司', row: 4 })).toBe('合同KJP-2019-001（金坪公司）');
    expect(contractName({ number: null, counterparty: '覃永红', row: 5 })).toBe('合同台账第5行的合同（覃永红）');
    expect(contractRowLabel({ number: 'KJP-2019-001', counterparty: '金坪公司', row: 4 })).toBe('合同台账第4行（KJP-2019-001）');
  });

  it('labels ledger, project and subsidy rows for a reader', () => {
    expect(financeRowLabel('2026-Q3', 5)).toBe('2026年第三季度财务收支第5行');
    expect(projectRowLabel('2026', { row: 3, name: '道路硬化' })).toBe('2026年项目公示第3行（道路硬化）');
    expect(subsidyRowLabel('马头溪村', '耕地地力保护补贴', 5)).toBe('马头溪村耕地地力保护补贴名单第5行');
  });

  it('joins a list the Chinese way', () => {
    expect(listText(['甲'])).toBe('甲');
    expect(listText(['甲', '乙', '丙'])).toBe('甲、乙和丙');
  });
});
