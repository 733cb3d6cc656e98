import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

const parse = (env: Record<string, string>) => parseConfig({ PORTAL_DATA_DIR: '/tmp/x', ...env }, '/');

describe('configuration', () => {
  it('keeps the base URL without a trailing slash, so URLs are joined as baseUrl + /v/…/', () => {
    const result = parse({ PORTAL_BASE_URL: 'https://cunwu.example.cn/' });
    expect(result.ok && result.config.baseUrl).toBe('https://cunwu.example.cn');
  });

  it('reads a region as its code without trailing zero pairs, and 000000 as the whole country', () => {
    const region = (code: string) => {
      const result = parse({ PORTAL_REGION: code });
      return result.ok ? result.config.region : result.message;
    };
    expect([region('430800'), region('4308'), region('430000'), region('43'), region('000000'), region('00')]).toEqual(['4308', '4308', '43', '43', '', '']);
    expect(region('4308021')).toMatch(/PORTAL_REGION/);
  });

  it('prints the national 纪检监察 hotline 12388 on posters when no supervision phones are configured', () => {
    for (const value of [undefined, '', '  ']) {
      const result = parse(value === undefined ? {} : { PORTAL_SUPERVISION_PHONES: value });
      expect(result.ok && result.config.supervisionPhones).toEqual([{ label: '纪检监察举报电话', number: '12388' }]);
    }
  });

  it('reads supervision phones as label:number pairs, with half- or full-width separators', () => {
    const result = parse({ PORTAL_SUPERVISION_PHONES: '县纪委监委:0744-8888888；乡镇纪委：0744 5551234; 举报电话:12388;' });
    expect(result.ok && result.config.supervisionPhones).toEqual([
      { label: '县纪委监委', number: '0744-8888888' },
      { label: '乡镇纪委', number: '07445551234' },
      { label: '举报电话', number: '12388' },
    ]);
  });

  it('rejects a supervision phone without a number, naming the variable and the entry', () => {
    const result = parse({ PORTAL_SUPERVISION_PHONES: '县纪委监委:0744-8888888;举报电话' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('PORTAL_SUPERVISION_PHONES');
    expect(result.message).toContain('“举报电话”应写成“名称:号码”');
  });

  it('rejects letters in a phone number and more numbers than a poster has room for', () => {
    expect(parse({ PORTAL_SUPERVISION_PHONES: '热线:12388a' }).ok).toBe(false);
    expect(parse({ PORTAL_SUPERVISION_PHONES: 'a:111;b:222;c:333;d:444;e:555' }).ok).toBe(false);
    expect(parse({ PORTAL_SUPERVISION_PHONES: 'a:111;b:222;c:333;d:444' }).ok).toBe(true);
  });
});

describe('public phones', () => {
  it('lists the supervision phones and PORTAL_PUBLIC_PHONES by their digits, however they are written', () => {
    const result = parse({
      PORTAL_SUPERVISION_PHONES: '县纪委监委:0744-8888888;举报电话:12388',
      PORTAL_PUBLIC_PHONES: '（0744）810 1000、0744－3256110, +86 138 2609 2975；0744-8888888',
    });
    expect(result.ok && result.config.publicPhones).toEqual(['07448888888', '12388', '07448101000', '07443256110', '13826092975']);
  });

  it('allows only the national hotline when nothing is configured', () => {
    const result = parse({});
    expect(result.ok && result.config.publicPhones).toEqual(['12388']);
  });

  it('refuses an entry that is not a phone number, naming the variable and the entry', () => {
    const result = parse({ PORTAL_PUBLIC_PHONES: '0744-8101000、镇纪委' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('PORTAL_PUBLIC_PHONES');
    expect(result.message).toContain('“镇纪委”不是电话号码');
  });

  it('takes a postgres:// URL for PORTAL_DATABASE_URL, keeps SQLite when it is unset or blank, and refuses anything else', () => {
    const url = 'postgres://portal@db.internal:5432/cunwu';
    expect(parseConfig({ PORTAL_DATABASE_URL: url }, '/srv')).toMatchObject({ ok: true, config: { databaseUrl: url } });
    expect(parseConfig({ PORTAL_DATABASE_URL: '  ' }, '/srv')).toMatchObject({ ok: true, config: { databaseUrl: null } });
    expect(parseConfig({}, '/srv')).toMatchObject({ ok: true, config: { databaseUrl: null } });
    const refused = parseConfig({ PORTAL_DATABASE_URL: 'mysql://root@localhost/test' }, '/srv');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('PORTAL_DATABASE_URL');
  });
});

describe('Open311 api_keys', () => {
  it('needs no key when PORTAL_OPEN311_KEYS is unset or blank, and reads a comma list otherwise', () => {
    expect(parse({})).toMatchObject({ ok: true, config: { open311: { apiKeys: [] } } });
    expect(parse({ PORTAL_OPEN311_KEYS: ' ' })).toMatchObject({ ok: true, config: { open311: { apiKeys: [] } } });
    expect(parse({ PORTAL_OPEN311_KEYS: 'fms-key-0123456789abcdef, another-key-0123456789,fms-key-0123456789abcdef' })).toMatchObject({
      ok: true,
      config: { open311: { apiKeys: ['fms-key-0123456789abcdef', 'another-key-0123456789'] } },
    });
  });

  it('refuses a key short enough to guess or with characters a form would mangle, naming the variable', () => {
    for (const value of ['short', 'fms-key-0123456789abcdef,has space 0123456789', 'key+with/slash0123456789']) {
      const result = parse({ PORTAL_OPEN311_KEYS: value });
      expect(result.ok, value).toBe(false);
      if (!result.ok) expect(result.message).toContain('PORTAL_OPEN311_KEYS');
    }
  });
});
