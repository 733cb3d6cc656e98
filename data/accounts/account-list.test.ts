import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvGrid } from '../import/csv-grid.ts';
import { decodeText } from '../import/decode-text.ts';
import type { Grid } from '../import/grid.ts';
import type { ImportIssue } from '../import/import-result.ts';
import { normaliseMobile, readAccountList, type AccountListResult } from './account-list.ts';
import { ROLES, type Role } from './role.ts';

const SAMPLE_BYTES = readFileSync(new URL('../../test/fixtures/430800-张家界市-监督平台账号名册.csv', import.meta.url));
const SAMPLE_TEXT = decodeText(SAMPLE_BYTES).text;
const SAMPLE = csvGrid(SAMPLE_TEXT);

/** The sample's people as plain fields, split by hand (no quoted cells in it), sheet row included. */
const SAMPLE_ROWS = SAMPLE_TEXT.replace(/^\uFEFF/, '')
  .split(/\r?\n/)
  .map((line, i) => ({ row: i + 1, cells: line.split(',') }))
  .filter(({ row, cells }) => row > 2 && cells.length === 6)
  .map(({ row, cells }) => ({ row, name: cells[1], mobile: cells[2], office: cells[3], title: cells[4], scope: cells[5] ?? '' }));

/**
 * The role each of the sample's posts is, worked out for this test from 职务 and the length of the
 * code alone: the posts that mean one thing everywhere, and the three 干部 titles by level.
 */
function expectedRole(title: string, scope: string): Role {
  if (scope === '430800') return 'city';
  const byTitle: Record<string, Role> = {
    村报账员: 'village-accountant',
    村党组织书记: 'village-secretary',
    村务监督委员会主任: 'supervision-chair',
    乡镇纪委书记: 'township-discipline',
    乡镇纪委干部: 'township-discipline',
    经管站站长: 'township-finance',
    经管站会计: 'township-finance',
    纪委监委干部: 'county-discipline',
    巡察干部: 'county-discipline',
    农经干部: 'county-bureau',
    财政干部: 'county-bureau',
  };
  const fixed = byTitle[title];
  if (fixed) return fixed;
  if (title === '民政干部' || title === '干部') return scope.length === 9 ? 'department-staff' : 'county-bureau';
  throw new Error(`the test has no role for ${title}`);
}

function accepted(result: AccountListResult) {
  if (!result.ok) throw new Error(`expected the list to be accepted: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result;
}

function refused(result: AccountListResult) {
  if (result.ok) throw new Error('expected the list to be refused');
  return result;
}

function where(issue: ImportIssue) {
  return { code: issue.code, row: issue.row, column: issue.column, field: issue.field };
}

function csv(lines: string[]): Grid {
  return csvGrid(lines.join('\r\n'));
}

const TITLE = '永定区小微权力监督平台账号名册';
const HEADER = '序号,姓名,手机号,单位,职务,区划代码';

describe('readAccountList on the city sample', () => {
  const result = accepted(readAccountList([SAMPLE], { adminScope: '430800' }));

  it('reads all 1,272 people with no errors', () => {
    expect(SAMPLE_ROWS).toHaveLength(1272);
    expect(result.accounts).toHaveLength(1272);
    expect(result.summary.total).toBe(1272);
  });

  it('gives each post its role, counted per role as the 职务 column says', () => {
    const counts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    for (const r of SAMPLE_ROWS) counts[expectedRole(r.title ?? '', r.scope)]++;
    expect(counts['village-accountant']).toBe(253);
    expect(result.summary.byRole).toEqual(counts);
    const byRow = new Map(result.accounts.map((a) => [a.row, a.role]));
    for (const r of SAMPLE_ROWS) expect(byRow.get(r.row), `row ${r.row}`).toBe(expectedRole(r.title ?? '', r.scope));
  });

  it('counts the accounts per level from the length of their codes', () => {
    const lengths = { city: 0, county: 0, township: 0, village: 0 };
    for (const r of SAMPLE_ROWS) {
      if (r.scope === '430800') lengths.city++;
      else if (r.scope.length === 6) lengths.county++;
      else if (r.scope.length === 9) lengths.township++;
      else if (r.scope.length === 12) lengths.village++;
    }
    expect(result.summary.byLevel).toEqual(lengths);
  });

  it('keeps each village post at a 12-digit code and the city at 430800 as written', () => {
    const village = result.accounts.filter((a) => ['village-accountant', 'village-secretary', 'supervision-chair'].includes(a.role));
    expect(village).toHaveLength(758);
    for (const a of village) expect(a.scope).toMatch(/^\d{12}$/);
    expect(result.accounts.filter((a) => a.role === 'city').map((a) => a.scope)).toEqual(Array(10).fill('430800'));
  });

  it('keeps the office as the department of township offices and county bureaus only', () => {
    for (const a of result.accounts) {
      const dispatched = a.role === 'department-staff' || a.role === 'county-bureau';
      expect(a.department, `row ${a.row}`).toBe(dispatched ? a.office : null);
    }
  });

  it('takes name, mobile, office and title from their columns, row by row', () => {
    const first = result.accounts.find((a) => a.row === 3);
    expect(first).toEqual({
      name: '钟春花',
      mobile: '13800130001',
      office: '张家界市纪委监委',
      title: '纪委监委干部',
      role: 'city',
      department: null,
      scope: '430800',
      row: 3,
    });
  });

  it('accepts the city administrator written either way, 430800 or 4308', () => {
    expect(accepted(readAccountList([SAMPLE], { adminScope: '4308' })).accounts).toHaveLength(1272);
  });

  it('refuses, for 永定区’s administrator, every row outside 永定区, naming each row', () => {
    const outside = SAMPLE_ROWS.filter((r) => !r.scope.startsWith('430802')).map((r) => r.row);
    expect(outside.length).toBeGreaterThan(300);
    const { errors } = refused(readAccountList([SAMPLE], { adminScope: '430802' }));
    const listed = errors.filter((e) => e.code === 'scope-outside');
    // the log lists the first 199 problems and says there are more
    expect(listed.map((e) => e.row)).toEqual(outside.slice(0, 199));
    expect(errors.at(-1)?.code).toBe('too-many-issues');
    expect(listed[0]).toMatchObject({ column: 'F', field: 'scope' });
    expect(listed[0]?.message).toContain('第3行');
  });

  it('accepts 永定区’s own rows for 永定区’s administrator', () => {
    const lines = SAMPLE_TEXT.replace(/^\uFEFF/, '').split(/\r?\n/);
    const own = lines.filter((l, i) => i < 2 || l.split(',')[5]?.startsWith('430802'));
    const result = accepted(readAccountList([csv(own)], { adminScope: '430802' }));
    expect(result.accounts).toHaveLength(own.length - 2);
    expect(result.accounts.every((a) => a.scope.startsWith('430802'))).toBe(true);
  });
});

describe('readAccountList errors', () => {
  const grid = csv([
    TITLE,
    HEADER,
    '1,向家富,13800130001,马头溪村村民委员会,村报账员,430802108214',
    '2,钟海波,1380013000,马头溪村村民委员会,村党组织书记,430802108214',
    '3,王金秀,13800130003,马头溪村村务监督委员会,村务监督委员会主任,4308021082145',
    '4,吴丽娟,13800130004,马头溪村村民委员会,保洁员,430802108214',
    '5,田世军,13800130005,王家坪镇人民政府,村报账员,430802108',
    '6,符春花,13800130001,王家坪镇民政办,民政干部,430802108',
    '7,,13800130007,王家坪镇党政办,干部,430802108',
    '8,向昌伦,13800130008,张家界市纪委监委,纪委监委干部,430800',
  ]);
  const { errors } = refused(readAccountList([grid], { adminScope: '430802' }));

  it('names row, column and field of each problem', () => {
    expect(errors.map(where)).toEqual([
      { code: 'mobile-invalid', row: 4, column: 'C', field: 'mobile' },
      { code: 'scope-invalid', row: 5, column: 'F', field: 'scope' },
      { code: 'role-unknown', row: 6, column: 'E', field: 'title' },
      { code: 'role-level', row: 7, column: 'F', field: 'scope' },
      { code: 'mobile-duplicate', row: 8, column: 'C', field: 'mobile' },
      { code: 'name-missing', row: 9, column: 'B', field: 'name' },
      { code: 'scope-outside', row: 10, column: 'F', field: 'scope' },
    ]);
  });

  it('says where in Chinese and English, with the 序号 alongside the row', () => {
    const bad = errors.find((e) => e.code === 'mobile-invalid');
    expect(bad?.message).toMatch(/^第4行（序号2）C列（手机号）：手机号应为1开头的11位数字，这里是10位/);
    expect(bad?.messageEn).toMatch(/^Row 4 \(no\. 2\), column C \(手机号\): a mobile is 11 digits/);
  });

  it('names the other row of a duplicated mobile, masked', () => {
    const dup = errors.find((e) => e.code === 'mobile-duplicate');
    expect(dup?.message).toContain('138****0001');
    expect(dup?.message).toContain('第3行重复');
    expect(dup?.messageEn).toContain('row 3');
  });

  it('names the office, title and possible roles when it cannot tell the role', () => {
    const unknown = errors.find((e) => e.code === 'role-unknown');
    expect(unknown?.message).toContain('马头溪村村民委员会');
    expect(unknown?.message).toContain('保洁员');
    expect(unknown?.message).toContain('村报账员；村党组织书记、村委会主任；村务监督委员会主任');
    expect(unknown?.messageEn).toContain('village-accountant, village-secretary, supervision-chair');
  });

  it('says at which level a misplaced post is held', () => {
    const level = errors.find((e) => e.code === 'role-level');
    expect(level?.message).toContain('村级');
    expect(level?.message).toContain('乡镇级');
  });

  it('never echoes a whole mobile number', () => {
    for (const e of errors) {
      expect(e.message).not.toMatch(/1\d{10}/);
      expect(e.messageEn).not.toMatch(/1\d{10}/);
    }
  });

  it('refuses a list with no header, and one with no 职务 column', () => {
    expect(refused(readAccountList([csv(['姓名,单位', '张三,马头溪村'])], { adminScope: '430802' })).errors.map(where)).toEqual([
      { code: 'header-missing', row: null, column: null, field: null },
    ]);
    const noTitle = csv(['姓名,手机号,单位,区划代码', '张三,13800130001,马头溪村,430802108214']);
    expect(refused(readAccountList([noTitle], { adminScope: '430802' })).errors.map(where)).toEqual([
      { code: 'column-missing', row: 1, column: null, field: 'title' },
    ]);
  });

  it('refuses an empty office, which an account must have', () => {
    const noOffice = csv([HEADER, '1,张三,13800130001,,村报账员,430802108214']);
    expect(refused(readAccountList([noOffice], { adminScope: '430802' })).errors.map(where)).toEqual([
      { code: 'office-invalid', row: 2, column: 'D', field: 'office' },
    ]);
  });
});

describe('readAccountList layouts', () => {
  const standard = csv([
    TITLE,
    HEADER,
    '1,向家富,13800130001,马头溪村村民委员会,村报账员,430802108214',
    '2,钟海波,13800130002,王家坪镇民政办,民政干部,430802108',
    '3,向家富,13800130003,永定区农业农村局,农经干部,430802',
  ]);

  it('reads columns in another order under variant headers the same, without a 序号 column', () => {
    const variant = csv([
      TITLE,
      '行政区划代码,岗位,姓 名,工作单位,手机号码（登录账号）',
      '430802108214,村报账员,向家富,马头溪村村民委员会,138 0013 0001',
      '430802108,民政干部,钟海波,王家坪镇民政办,+86 138-0013-0002',
      '430802,农经干部,向家富,永定区农业农村局,１３８００１３０００３',
    ]);
    const a = accepted(readAccountList([standard], { adminScope: '430802' }));
    const b = accepted(readAccountList([variant], { adminScope: '430802' }));
    expect(b.accounts).toEqual(a.accounts);
    expect(b.summary).toEqual(a.summary);
  });

  it('takes two people of the same name with their own mobiles as two accounts', () => {
    const result = accepted(readAccountList([standard], { adminScope: '430802' }));
    expect(result.accounts.filter((a) => a.name === '向家富').map((a) => a.mobile)).toEqual(['13800130001', '13800130003']);
  });

  it('reads number cells of an XLSX sheet as codes and mobiles', () => {
    const xlsx: Grid = {
      sheet: '账号名册',
      rows: [
        { row: 1, cells: ['张家界市监督平台账号名册', null, null, null, null, null] },
        { row: 2, cells: ['序号', '姓名', '手机号', '单位', '职务', '区划代码'] },
        { row: 3, cells: [1, '钟春花', 13800130001, '张家界市纪委监委', '纪委监委干部', 430800] },
        { row: 4, cells: [2, '田世军', 13800130002, '马头溪村村民委员会', '村党组织书记', 430802108214] },
      ],
    };
    const result = accepted(readAccountList([xlsx], { adminScope: '430800' }));
    expect(result.accounts.map((a) => [a.scope, a.mobile, a.role])).toEqual([
      ['430800', '13800130001', 'city'],
      ['430802108214', '13800130002', 'village-secretary'],
    ]);
  });

  it('finds the list on a later sheet of a workbook', () => {
    const cover: Grid = { sheet: '说明', rows: [{ row: 1, cells: ['填表说明：手机号为登录账号'] }] };
    expect(accepted(readAccountList([cover, standard], { adminScope: '430802' })).accounts).toHaveLength(3);
  });

  it('skips empty rows and a note below the list', () => {
    const withNote = csv([...SAMPLE_TEXT.split(/\r?\n/).slice(0, 6), ',,,,,', '注：手机号为登录账号，请核对后上传。']);
    expect(accepted(readAccountList([withNote], { adminScope: '430800' })).accounts.map((a) => a.row)).toEqual([3, 4, 5, 6]);
  });
});

describe('normaliseMobile', () => {
  it.each([
    ['13800130001', '13800130001'],
    ['138 0013 0001', '13800130001'],
    ['138-0013-0001', '13800130001'],
    ['+8613800130001', '13800130001'],
    ['＋86 138 0013 0001', '13800130001'],
    ['１３８００１３０００１', '13800130001'],
    ['0744-8221234', '07448221234'],
    ['861380013000', '861380013000'],
  ])('%s → %s', (written, mobile) => {
    expect(normaliseMobile(written)).toBe(mobile);
  });
});
