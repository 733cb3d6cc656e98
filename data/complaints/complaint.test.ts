import { describe, expect, it } from 'vitest';
import { complaintInputSchema, DEFAULT_COMPLAINT_CATEGORIES, feedbackSchema, staffActionSchema } from './complaint.ts';

const schema = complaintInputSchema(DEFAULT_COMPLAINT_CATEGORIES);
const base = { village: '430802108214', category: '惠农补贴', text: '第17行的补贴金额和我家实际领到的不一样，请核实。' };
const fieldsRefused = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message.split(' / ')[0]!.replace(/（.*$/, '')]);

describe('the complaint schemas refuse invalid text in every field a person types', () => {
  it('in the complaint, its category and its contact, once each, before trimming and masking', () => {
    expect(schema.safeParse({ ...base, contact: { name: '张秀英', phone: '138 1234 5678' } }).success).toBe(true);
    expect(fieldsRefused(schema.safeParse({ ...base, text: `${base.text}\ud800` }))).toEqual([['text', '含有残缺的字符 U+D800']]);
    // one message even where the length check would also fail
    expect(fieldsRefused(schema.safeParse({ ...base, text: '\u0000' }))).toEqual([['text', '含有不可见的控制字符 U+0000']]);
    expect(fieldsRefused(schema.safeParse({ ...base, category: '惠农补贴\ufffe' }))).toEqual([['category', '含有非字符 U+FFFE']]);
    expect(fieldsRefused(schema.safeParse({ ...base, contact: { name: '张\u009b秀英', phone: '1381234567\ufffd8' } }))).toEqual([
      ['contact.name', '含有不可见的控制字符 U+009B'],
      ['contact.phone', '含有乱码替换符“\ufffd”'],
    ]);
    // line breaks and tabs are text
    expect(schema.safeParse({ ...base, text: `${base.text}\r\n\t第二段。` }).success).toBe(true);
  });

  it('in what staff write and in the villager’s feedback', () => {
    const staff = staffActionSchema();
    expect(fieldsRefused(staff.safeParse({ type: 'dispatch', department: '镇\u0001农经站' }))).toEqual([['department', '含有不可见的控制字符 U+0001']]);
    expect(fieldsRefused(staff.safeParse({ type: 'close', resolution: '已解决\udfff' }))).toEqual([['resolution', '含有残缺的字符 U+DFFF']]);
    expect(staff.safeParse({ type: 'reply', text: '已核实。\n附：明细' }).success).toBe(true);
    expect(fieldsRefused(feedbackSchema().safeParse({ satisfied: true, comment: '满意\u007f' }))).toEqual([['comment', '含有不可见的控制字符 U+007F']]);
  });
});
