import { describe, expect, it } from 'vitest';
import { IssueLog } from './issues.ts';
import { freeText, maskedNumber, maskText } from './personal-fields.ts';

const where = { row: 5, column: 'H', field: 'remark' };
const mask = { keepStart: 6, keepEnd: 4, allow: ['0744-8101000'] };

describe('freeText and maskText', () => {
  it('masks a landline in a remark and says how to keep a hotline, naming the cell', () => {
    const log = new IssueLog();
    expect(freeText('如有疑问请拨打 0731-84561234', where, '备注', log, mask)).toBe('如有疑问请拨打 0731-*****234');
    expect(log.warnings).toEqual([
      {
        code: 'unmasked-in-text',
        ...where,
        message: '第5行H列（备注）的文字中有未打码的电话号码，已自动打码后发布。电话号码 0731-*****234 已隐去中间数字；如是公开的监督或举报电话，请在 PORTAL_PUBLIC_PHONES 中登记后重新上传。',
        messageEn:
          'Row 5, column H (备注): the text contains an unmasked phone number; it has been masked before publishing. The phone number 0731-*****234 has its middle digits hidden; if it is a public supervision or complaints hotline, list it in PORTAL_PUBLIC_PHONES and upload again.',
      },
    ]);
  });

  it('keeps a configured number, in another written form, without a warning', () => {
    const log = new IssueLog();
    expect(maskText('举报电话（0744）810 1000', where, null, log, mask)).toBe('举报电话（0744）810 1000');
    expect(log.warnings).toEqual([]);
  });

  it('masks a long number Excel stored as a number cell, whose last digits are already lost', () => {
    const log = new IssueLog();
    const value = freeText(Number('430802196401241328'), where, '备注', log, mask);
    expect(value).toBe('430802********1344');
    expect(log.warnings.map((w) => w.code)).toEqual(['unmasked-in-text']);
    expect(freeText(3.7, where, '备注', new IssueLog(), mask)).toBe('3.7');
  });
});

describe('maskedNumber', () => {
  it('masks a whole number a cell only pretends to have masked', () => {
    const log = new IssueLog();
    expect(maskedNumber('id-number', '13826092975****', where, '身份证号', log, mask)).toBe('138****2975****');
  });

  it('masks a number inside the part of a malformed value that a generous ID format keeps', () => {
    const log = new IssueLog();
    const value = maskedNumber('id-number', '13826092975，身份证号见村委会存档的原始登记表格复印件第三页', where, '身份证号', log, { keepStart: 40, keepEnd: 40 });
    expect(value).toBe('138****2975,************始登记表格复印件第三页');
    expect(log.warnings.map((w) => w.code)).toEqual(['invalid-id-number']);
  });
});
