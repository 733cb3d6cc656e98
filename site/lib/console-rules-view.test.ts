import { describe, expect, it } from 'vitest';
import { missRates } from '../../data/complaints/classify.ts';
import { DEFAULT_CLASSIFY_RULES } from '../../data/complaints/default-classify-rules.ts';
import { buildRulesView } from './console-rules-view.ts';

const site = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const csrf = { name: '_csrf', value: 'tok' };
const CILI = { code: '430821', name: '慈利县' };

const view = (over: Partial<Parameters<typeof buildRulesView>[0]> = {}) =>
  buildRulesView({
    site,
    csrf,
    county: CILI,
    current: null,
    rules: DEFAULT_CLASSIFY_RULES,
    versions: [],
    rates: [],
    corrections: 0,
    capped: false,
    mayUpload: false,
    powerItemName: (code) => (code === 'subsidy-payout' ? '惠农补贴资金申报和发放' : null),
    ...over,
  });

describe('the console’s page of a county’s classification rules', () => {
  it('says the defaults are in force until the county saves its own, and lists every rule by name with its weighted words', () => {
    const page = view();
    expect(page.inForce).toContain('平台默认的分类规则');
    expect(page.rules).toHaveLength(DEFAULT_CLASSIFY_RULES.rules.length);
    expect(page.rules).toContainEqual(expect.objectContaining({ kind: '小微权力事项', target: '惠农补贴资金申报和发放' }));
    expect(page.rules.find((r) => r.kind === '类别' && r.target === '惠农补贴')?.terms).toMatch(/^补贴×3、/);
    expect(page.upload).toBeNull();
    expect(page.download).toBe('/console/classification/rules.json?county=430821');
  });

  it('names the version in force and who saved it, in China time, and offers the upload to those who may save', () => {
    const page = view({ current: { version: 3, savedBy: '慈利县纪委', at: '2026-12-07T01:00:00.000Z' }, versions: [{ version: 3, savedBy: '慈利县纪委', at: '2026-12-07T01:00:00.000Z' }], mayUpload: true });
    expect(page.inForce).toBe('慈利县分类规则第 3 版（慈利县纪委，2026-12-07 09:00 保存）');
    expect(page.versions).toEqual(['第 3 版：慈利县纪委，2026-12-07 09:00']);
    expect(page.upload).toEqual({ action: '/console/classification/upload?county=430821', field: 'rules', countyField: 'county' });
  });

  it('shows where the rules miss: chosen against suggested, with rates, and none as （无）', () => {
    const rates = missRates([
      { kind: 'category', suggested: '其他', chosen: '干部作风' },
      { kind: 'category', suggested: '惠农补贴', chosen: '惠农补贴' },
      { kind: 'power-item', suggested: 'subsidy-payout', chosen: null },
    ]);
    const page = view({ rates, corrections: 3 });
    expect(page.misses.rows).toContainEqual({ kind: '类别', value: '干部作风', chosen: 1, missed: '1（100%）', suggested: 0, overridden: '0' });
    expect(page.misses.rows).toContainEqual({ kind: '小微权力事项', value: '惠农补贴资金申报和发放', chosen: 0, missed: '0', suggested: 1, overridden: '1（100%）' });
    expect(page.misses.rows).toContainEqual(expect.objectContaining({ kind: '小微权力事项', value: '（无）', chosen: 1 }));
  });
});
