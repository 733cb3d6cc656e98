import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Division } from '../region.ts';
import { complaintInputSchema, DEFAULT_COMPLAINT_CATEGORIES } from './complaint.ts';
import { contactName, pastePlaceIndex, pastePrefill } from './paste-prefill.ts';

const d = (code: string, name: string, parent: string | null, level: Division['level'], officialName = name): Division => ({ code, name, officialName, parent, level });
// A prefecture with two counties; 长岭村 twice, in townships of different counties; 头溪村 inside 马头溪村.
const DIVISIONS: Division[] = [
  d('4308', '张家界市', '43', 'prefecture'),
  d('430802', '永定区', '4308', 'county'),
  d('430802108', '王家坪镇', '430802', 'township'),
  d('430802108001', '王家坪居委会', '430802108', 'village'),
  d('430802108214', '马头溪村', '430802108', 'village', '马头溪村委会'),
  d('430802108220', '长岭村', '430802108', 'village', '长岭村村民委员会'),
  d('430802104', '新桥镇', '430802', 'township'),
  d('430802104211', '长潭村', '430802104', 'village'),
  d('430821', '慈利县', '4308', 'county'),
  d('430821211', '三官寺土家族乡', '430821', 'township'),
  d('430821211227', '龙岗村', '430821211', 'village'),
  d('430821211230', '长岭村', '430821211', 'village', '长岭村委会'),
  d('430821211301', '头溪村', '430821211', 'village'),
];
const places = pastePlaceIndex(DIVISIONS);
const best = (text: string, scope?: string) => places.find(text, scope === undefined ? {} : { scope }).best?.village.code ?? null;

describe('the village of a pasted message', () => {
  it('finds the village and its township in a message pasted from a WeChat group, and says why', () => {
    const guess = places.find('王家坪镇马头溪村三组有几户耕地补贴没发，联系人老王 13907441234');
    expect(guess.best?.village.code).toBe('430802108214');
    expect(guess.best?.matched.map((m) => [m.code, m.text])).toEqual([
      ['430802108214', '马头溪村'],
      ['430802108', '王家坪镇'],
    ]);
    expect(guess.ambiguous).toBe(false);
  });

  it('finds the village from its name without 村, with or without the township', () => {
    expect(best('马头溪三组有几户耕地补贴没发')).toBe('430802108214');
    expect(best('王家坪马头溪 路灯坏了')).toBe('430802108214');
    expect(best('马头溪村委会的账没公开')).toBe('430802108214');
    expect(best('三官寺龙岗 低保')).toBe('430821211227');
  });

  it('reads 王家坪马头溪 as the township and its village, offering the village called 王家坪 as an alternative', () => {
    const guess = places.find('王家坪马头溪有几户补贴没发');
    expect(guess.best?.matched.map((m) => m.level)).toEqual(['village', 'township']);
    expect(guess.alternatives.map((a) => a.village.code)).toEqual(['430802108001']);
    expect(guess.best!.score).toBeGreaterThan(guess.alternatives[0]!.score);
  });

  it('does not take the 头溪 inside 马头溪 for the village 头溪村', () => {
    const guess = places.find('马头溪村三组耕地补贴没发');
    expect(guess.best?.village.code).toBe('430802108214');
    expect(guess.alternatives).toEqual([]);
  });

  it('picks between two villages of one name by the township or county named', () => {
    expect(best('王家坪镇长岭村有几户补贴没发')).toBe('430802108220');
    expect(best('三官寺土家族乡长岭村有几户补贴没发')).toBe('430821211230');
    expect(best('慈利县长岭村有几户补贴没发')).toBe('430821211230');
    expect(best('永定区长岭 补贴没发')).toBe('430802108220');
    const guess = places.find('慈利县长岭村有几户补贴没发');
    expect(guess.alternatives.map((a) => a.village.code)).toEqual(['430802108220']);
    expect(guess.ambiguous).toBe(false);
  });

  it('says it cannot tell two villages of one name apart when nothing else is named', () => {
    const guess = places.find('长岭村有几户补贴没发');
    expect(guess.ambiguous).toBe(true);
    expect([guess.best?.village.code, ...guess.alternatives.map((a) => a.village.code)].sort()).toEqual(['430802108220', '430821211230']);
  });

  it('counts only the divisions under the staff member’s scope', () => {
    const guess = places.find('长岭村有几户补贴没发', { scope: '430821211' });
    expect(guess.best?.village.code).toBe('430821211230');
    expect(guess.alternatives).toEqual([]);
    expect(best('王家坪镇马头溪村补贴没发', '430821')).toBeNull();
  });

  it('names the township when no village is named, and nothing for a message without places', () => {
    expect(places.find('王家坪镇有几户补贴没发').area?.code).toBe('430802108');
    expect(places.find('王家坪镇有几户补贴没发').best).toBeNull();
    expect(places.find('有几户补贴没发，村里说不清楚')).toEqual({ best: null, alternatives: [], ambiguous: false, area: null });
  });

  it('lists the townships named that the village is not in', () => {
    const guess = places.find('王家坪镇龙岗村修路的钱没公开');
    expect(guess.best?.village.code).toBe('430821211227');
    expect(guess.best?.elsewhere.map((e) => e.code)).toEqual(['430802108']);
  });

  it('finds villages among the real divisions of 张家界市, two 长潭村 told apart by their township', () => {
    const real = z.array(Division).parse(JSON.parse(readFileSync(new URL('../regions/4308.json', import.meta.url), 'utf8')));
    const index = pastePlaceIndex(real);
    expect(index.find('王家坪马头溪三组耕地补贴没发').best?.village.code).toBe('430802108214');
    expect(index.find('沅古坪镇长潭村 低保不公').best?.village.code).toBe('430802104211');
    expect(index.find('桑植县澧源镇长潭村 低保不公').best?.village.code).toBe('430822100206');
    expect(index.find('长潭村 低保不公').ambiguous).toBe(true);
  });
});

describe('the contact and the public text of a pasted message', () => {
  const prefill = (text: string, allow?: string[]) => pastePrefill(text, places, allow ? { allow } : {});

  it('moves a mobile number to the private contact and masks it in the public text', () => {
    for (const written of ['13907441234', '139 0744 1234', '139-0744-1234', '+86 139 0744 1234']) {
      const p = prefill(`马头溪村三组有几户耕地补贴没发，联系人老王 ${written}`);
      expect(p.contact.phone).toBe('13907441234');
      expect(p.publicText).toContain('139****1234');
      expect(p.publicText.replace(/\D/g, '')).not.toContain('13907441234');
      expect(p.removed).toContainEqual({ kind: 'mobile', digits: '13907441234', masked: '139****1234', usedAsContact: true });
    }
  });

  it('takes a landline with its area code as the contact, as the complaint form stores it', () => {
    const p = prefill('马头溪村的路灯坏了，电话 0744-8101000');
    expect(p.contact.phone).toBe('07448101000');
    expect(p.publicText).not.toContain('8101000');
  });

  it('gives a form the complaint schema accepts', () => {
    const p = prefill('王家坪镇马头溪村三组有几户耕地补贴没发，联系人老王 139-0744-1234');
    const input = complaintInputSchema(DEFAULT_COMPLAINT_CATEGORIES).safeParse({
      village: p.village.best?.village.code,
      category: '惠农补贴',
      text: p.publicText,
      contact: { name: p.contact.name ?? undefined, phone: p.contact.phone ?? undefined },
    });
    expect(input.success).toBe(true);
    expect(input.data?.contact).toEqual({ name: '老王', phone: '13907441234' });
  });

  it('uses the first phone as the contact and still masks the others', () => {
    const p = prefill('长潭村低保不公，我的手机13907441234，我哥的13807445678');
    expect(p.contact.phone).toBe('13907441234');
    expect(p.removed.filter((r) => r.kind === 'mobile').map((r) => r.kind === 'mobile' && r.usedAsContact)).toEqual([true, false]);
    expect(p.publicText).not.toContain('13807445678');
  });

  it('masks ID and bank card numbers without keeping them anywhere', () => {
    const p = prefill('马头溪村补贴没发到卡上，身份证430802199001011328，卡号6222021234567890123');
    expect(p.removed.map((r) => r.kind)).toEqual(['id-number', 'bank-card']);
    expect(JSON.stringify(p)).not.toContain('430802199001011328');
    expect(JSON.stringify(p)).not.toContain('6222021234567890123');
    expect(p.contact.phone).toBeNull();
  });

  it('leaves a number the portal publishes in the text and out of the contact', () => {
    const p = prefill('镇里电话0744-8222222打不通，马头溪村的补贴没发', ['0744 8222222']);
    expect(p.contact.phone).toBeNull();
    expect(p.publicText).toContain('0744-8222222');
  });

  it('offers the name after 联系人 or 我叫, or after 我是 when a phone follows, and masks it in the public text', () => {
    const p = prefill('马头溪村三组补贴没发，联系人老王 13907441234');
    expect(p.contact.name).toBe('老王');
    expect(p.publicText).toBe('马头溪村三组补贴没发，联系人老* 139****1234');
    expect(p.removed).toContainEqual({ kind: 'name', name: '老王', masked: '老*' });
    expect(contactName('我是张三，电话13907441234')).toBe('张三');
    expect(contactName('我叫张三丰，马头溪村的')).toBe('张三丰');
    expect(contactName('联系人：李四 0744-8101000')).toBe('李四');
  });

  it('offers no name where 我是 says who, not what name', () => {
    expect(contactName('我是三组的，电话13907441234')).toBeNull();
    expect(contactName('我是党员，补贴的事要公开')).toBeNull();
    expect(contactName('联系人：村主任')).toBeNull();
    expect(prefill('马头溪村补贴没发').contact).toEqual({ name: null, phone: null });
  });
});
