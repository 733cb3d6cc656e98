import { describe, expect, it } from 'vitest';
import { importPublication } from './import-publication.ts';
import type { ImportInput } from './import-result.ts';

const input = (text: string, extra: Partial<ImportInput> = {}): ImportInput => ({
  bytes: new TextEncoder().encode(text),
  format: 'csv',
  kind: 'finance',
  idMask: { keepStart: 6, keepEnd: 4 },
  ...extra,
});

describe('importPublication', () => {
  it('gives one error listing the headers found and expected when no header fits', async () => {
    const result = await importPublication(input('姓名,身份证号码,补贴金额\n张三,430802********7238,100', { period: '2026' }));
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.code).toBe('no-header');
    expect(result.errors[0]?.message).toContain('身份证号码');
    expect(result.errors[0]?.message).toContain('摘要');
  });

  it('never throws on garbage, and skips entirely empty rows', async () => {
    for (const text of ['', ',,,\n,,', '\u0000\u0001binary', '"unterminated']) {
      const result = await importPublication(input(text));
      expect(result.ok).toBe(false);
    }
    const ok = await importPublication(input('2026年7月\n日期,摘要,收入,支出\n,,,\n2026-07-01,租金,1.00,\n,,,'));
    expect(ok.ok && ok.content.kind === 'finance' && ok.content.entries.length).toBe(1);
  });

  it('caps a flood of errors', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `2026-07-01,行${i},abc,`);
    const result = await importPublication(input(['2026年7月', '日期,摘要,收入,支出', ...rows].join('\n')));
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toHaveLength(200);
    expect(result.errors.at(-1)?.code).toBe('too-many-issues');
  });
});
