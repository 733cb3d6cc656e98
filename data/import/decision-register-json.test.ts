import { describe, expect, it } from 'vitest';
import { importDecisionRecordsJson } from './decision-register-json.ts';

const run = (body: string) => importDecisionRecordsJson({ bytes: new TextEncoder().encode(body), village: '430802108214' });

describe('四议两公开 records as JSON', () => {
  it('refuses text no one can store or read before anything else, each named by its path', () => {
    const result = run(JSON.stringify({ records: [{ village: '430802108214', title: '村道硬化\u0001', steps: [{ note: '\udc00' }] }] }));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid-text', 'records.0.title'],
      ['invalid-text', 'records.0.steps.0.note'],
    ]);
    expect(result.errors[0]?.message).toMatch(/^字段 records\.0\.title含有不可见的控制字符 U\+0001/);
    // without them the same body is judged by the schema instead
    const plain = run(JSON.stringify({ records: [{ village: '430802108214', title: '村道硬化', steps: [{ note: 'x' }] }] }));
    expect(plain.ok || plain.errors.every((e) => e.code !== 'invalid-text')).toBe(true);
  });
});
