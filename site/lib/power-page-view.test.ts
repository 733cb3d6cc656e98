import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import type { SiteInfo } from './page-model.ts';
import { amountRangeText, amountText, buildPowerIndexView, buildPowerItemView, legalBasisView } from './power-page-view.ts';
import { powerIndexPath, powerItemPath } from './urls.ts';

const SITE: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const item = (code: string) => {
  const found = DEFAULT_CATALOGUE.items.find((i) => i.code === code);
  if (!found) throw new Error(code);
  return found;
};

describe('power page view', () => {
  it('writes tier amounts in 万元 as the rules state them, and smaller ones in 元', () => {
    expect(amountText(5_000_000)).toBe('5万元');
    expect(amountText(10_000_000)).toBe('10万元');
    expect(amountText(1_500_000)).toBe('1.5万元');
    expect(amountText(200_000)).toBe('2000元');
    expect(amountText(1_234_567)).toBe('12345.67元');
    expect(amountRangeText({ amountMinFen: 5_000_000, amountMaxFen: 10_000_000 })).toBe('5万元以上、不足10万元');
    expect(amountRangeText({ amountMinFen: null, amountMaxFen: 1_000_000 })).toBe('不足1万元');
    expect(amountRangeText({ amountMinFen: 20_000_000, amountMaxFen: null })).toBe('20万元以上');
    expect(amountRangeText({ amountMinFen: null, amountMaxFen: null })).toBeNull();
  });

  it('says when a tiered item applies, then its note', () => {
    const view = buildPowerItemView(SITE, DEFAULT_CATALOGUE, item('project-construction-50k-100k'));
    expect(view.applies[0]).toBe('金额：5万元以上、不足10万元');
    expect(view.applies[1]).toContain('岳阳县');
  });

  it('builds a page for every default item, its list of steps matching the chart box for box', () => {
    for (const i of DEFAULT_CATALOGUE.items) {
      const view = buildPowerItemView(SITE, DEFAULT_CATALOGUE, i);
      expect(view.steps.map((s) => s.name)).toEqual(i.steps.map((s) => s.name));
      expect(view.chart.boxes.map((b) => b.seq)).toEqual(view.steps.map((s) => s.seq));
      view.steps.forEach((s, n) => {
        const box = view.chart.boxes[n]!.lines.join('').replace(/\s/g, '');
        expect(box, `${i.code} ${s.seq}`).toContain(`${s.seq}.${s.name}`.replace(/\s/g, ''));
        expect(box).toContain(`执行：${s.actor}`);
        if (s.quorum !== null) expect(box).toContain(`表决：${s.quorum}`.replace(/\s/g, ''));
        if (s.deadline !== null) expect(box).toContain(`时限：${s.deadline}`.replace(/\s/g, ''));
      });
      expect(view.legalBasis.length).toBe(i.legalBasis.length);
      expect(view.disclosures.length).toBe(i.steps.filter((s) => s.disclosure !== null).length);
      expect(view.crumbs.map((c) => c.href)).toEqual(['/', powerIndexPath(), null]);
    }
  });

  it('groups every item of the list by category, each linking to its own page', () => {
    const view = buildPowerIndexView(SITE, DEFAULT_CATALOGUE);
    expect(view.groups.map((g) => g.name)).toEqual(['集体管理事项', '便民服务事项']);
    const items = view.groups.flatMap((g) => g.items);
    expect(items).toHaveLength(DEFAULT_CATALOGUE.items.length);
    expect(items.map((i) => i.href).sort()).toEqual(DEFAULT_CATALOGUE.items.map((i) => powerItemPath(i.code)).sort());
    expect(new Set(items.map((i) => i.href)).size).toBe(items.length);
    for (const g of view.groups) {
      const codes = DEFAULT_CATALOGUE.items.filter((i) => g.id === i.category).map((i) => powerItemPath(i.code));
      expect(g.items.map((i) => i.href)).toEqual(codes);
    }
  });

  it('keeps a rule’s words apart from the addresses it was read at', () => {
    expect(legalBasisView('《组织法》第二十二条：提前十天通知 — https://a.example/x ；https://b.example/y?z=1')).toEqual({
      text: '《组织法》第二十二条：提前十天通知',
      sources: [{ label: 'a.example', href: 'https://a.example/x' }, { label: 'b.example', href: 'https://b.example/y?z=1' }],
    });
    expect(legalBasisView('地方规定')).toEqual({ text: '地方规定', sources: [] });
    // a path that reads as a landline (0925-22846368) would get the whole page withheld
    expect(legalBasisView('一号文件 — http://www.handmsg.com/page/2023/0925/22846368.shtml').sources).toEqual([{ label: 'www.handmsg.com', href: null }]);
  });

  it('links each item page to the printable A4 notice of the same item', () => {
    const view = buildPowerItemView(SITE, DEFAULT_CATALOGUE, item('major-decision'));
    expect(view.printable).toEqual({ label: '打印本流程图（A4）', href: '/power/major-decision.pdf' });
    expect(buildPowerItemView(SITE, DEFAULT_CATALOGUE, item('seal-major')).printable?.href).toBe('/power/seal-major.pdf');
  });

  it('builds item paths under /power/ that a code cannot escape', () => {
    expect(powerIndexPath()).toBe('/power/');
    expect(powerItemPath('major-decision')).toBe('/power/major-decision/');
    expect(powerItemPath('../x')).toBe('/power/..%2Fx/');
  });
});
