import { z } from 'zod';
import { covers } from '../region.ts';
import { cellText, columnLetter, isEmptyRow, type Grid, type GridRow } from '../import/grid.ts';
import { splitHeader } from '../import/header-map.ts';
import type { ImportIssue } from '../import/import-result.ts';
import { IssueLog, place, quote } from '../import/issues.ts';
import { isFooterLine } from '../import/table-layout.ts';
import { Mobile, NewAccount, maskedMobile } from './account.ts';
import { roleFor } from './role-from-title.ts';
import { ROLE_LEVEL, ROLE_NAME, ROLES, scopeLevel, scopePrefix, type Role, type ScopeLevel } from './role.ts';

/**
 * The account list (监督平台账号名册) a higher administrator uploads, as villages and townships
 * already keep it: 姓名, 手机号, 单位, 职务, 区划代码, one person a row. Read into drafts of accounts,
 * every problem named by row and column, for the dry run every upload goes through; nothing is
 * created here.
 */

/** An account as the list gives it: the account to be made, less the admin flag, plus the row it came from. */
export const AccountDraft = NewAccount.omit({ admin: true }).extend({
  /** 1-based sheet row, as the official sees it in Excel */
  row: z.number().int().positive(),
});
export type AccountDraft = z.infer<typeof AccountDraft>;

export interface AccountListSummary {
  total: number;
  byRole: Record<Role, number>;
  byLevel: Record<ScopeLevel, number>;
}

export type AccountListResult =
  | { ok: true; accounts: AccountDraft[]; warnings: ImportIssue[]; summary: AccountListSummary }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

type Field = 'seq' | 'name' | 'mobile' | 'office' | 'title' | 'scope';

/** Header names per field, as people write them; brackets and spaces in a header are ignored. */
const HEADERS: Record<Field, readonly string[]> = {
  seq: ['序号', '编号'],
  name: ['姓名', '名字', '人员姓名'],
  mobile: ['手机号', '手机号码', '手机', '联系电话', '电话', '移动电话', '联系方式', '电话号码'],
  office: ['单位', '所在单位', '工作单位', '单位名称', '部门'],
  title: ['职务', '岗位', '职位', '职务岗位', '岗位职务'],
  scope: ['区划代码', '行政区划代码', '所属区划', '所属区划代码', '区划编码', '行政区划', '区划', '代码'],
};

const FIELD_NAME: Record<Exclude<Field, 'seq'>, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'name' },
  mobile: { zh: '手机号', en: 'mobile' },
  office: { zh: '单位', en: 'office' },
  title: { zh: '职务', en: 'title' },
  scope: { zh: '区划代码', en: 'division code' },
};

const LEVEL_NAME: Record<ScopeLevel, string> = { city: '市级', county: '县级', township: '乡镇级', village: '村级' };

/** A title line may sit above the header; past this many rows the header is not coming. */
const HEADER_SEARCH_ROWS = 20;

interface Column {
  index: number;
  letter: string;
  header: string;
}
type Columns = Partial<Record<Field, Column>>;

export function readAccountList(grids: Grid[], options: { adminScope: string }): AccountListResult {
  const log = new IssueLog();
  const admin = options.adminScope.trim();
  if (scopeLevel(admin) === null) {
    log.error(
      'admin-scope-invalid',
      { row: null, column: null, field: null },
      `管理员的区划代码「${quote(admin)}」不是有效的区划代码（4、6、9或12位数字）。`,
      `The administrator's division code "${quote(admin)}" is not a division code (4, 6, 9 or 12 digits).`,
    );
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  const found = grids.map((grid) => ({ grid, header: findHeader(grid) })).find((g) => g.header !== null);
  if (!found?.header) {
    log.error(
      'header-missing',
      { row: null, column: null, field: null },
      '没有找到表头：账号名册须有“姓名”“手机号”“区划代码”列，以及“单位”“职务”列。',
      'No header row found: an account list needs columns 姓名 (name), 手机号 (mobile) and 区划代码 (division code), and 单位 (office) and 职务 (title).',
    );
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  const { grid, header } = found;
  const columns = header.columns;
  for (const field of ['office', 'title'] as const) {
    if (!columns[field]) {
      log.error(
        'column-missing',
        { row: header.row, column: null, field },
        `第${header.row}行表头缺少“${FIELD_NAME[field].zh}”列：没有它无法确定账号的角色。`,
        `The header in row ${header.row} has no ${FIELD_NAME[field].en} (${FIELD_NAME[field].zh}) column, without which the role cannot be told.`,
      );
    }
  }
  if (log.hasErrors) return { ok: false, errors: log.errors, warnings: log.warnings };

  const accounts: AccountDraft[] = [];
  const firstRowOfMobile = new Map<string, number>();
  for (const row of grid.rows) {
    if (row.row <= header.row || isEmptyRow(row) || isFooterLine(row)) continue;
    const draft = readRow(row, columns, scopePrefix(admin), firstRowOfMobile, log);
    if (draft) accounts.push(draft);
  }
  if (accounts.length === 0 && !log.hasErrors) {
    log.error(
      'no-rows',
      { row: null, column: null, field: null },
      '账号名册表头下面没有任何人员。',
      'The account list has no people below its header.',
    );
  }
  if (log.hasErrors) return { ok: false, errors: log.errors, warnings: log.warnings };
  return { ok: true, accounts, warnings: log.warnings, summary: summarise(accounts) };
}

/** 13800130001, ＋86 138-0013-0001, 138 0013 0001 → 13800130001; anything else as cleaned, for the check to refuse. */
export function normaliseMobile(text: string): string {
  const compact = text.normalize('NFKC').replace(/[\s\-‐‑‒–—―]/g, '');
  return compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
}

// ——— private helpers ———

function findHeader(grid: Grid): { row: number; columns: Columns } | null {
  let seen = 0;
  for (const row of grid.rows) {
    if (isEmptyRow(row)) continue;
    if (++seen > HEADER_SEARCH_ROWS) break;
    const columns = mapColumns(row);
    if (columns.name && columns.mobile && columns.scope) return { row: row.row, columns };
  }
  return null;
}

/** Each field to its column: an exact header name first, else the longest name a header contains. */
function mapColumns(row: GridRow): Columns {
  const columns: Columns = {};
  const rank: Partial<Record<Field, number>> = {};
  row.cells.forEach((cell, index) => {
    const written = cellText(cell);
    const match = matchHeader(written);
    if (!match) return;
    const previous = rank[match.field];
    if (previous !== undefined && previous <= match.rank) return;
    rank[match.field] = match.rank;
    columns[match.field] = { index, letter: columnLetter(index), header: written.replace(/\s+/g, ' ') };
  });
  return columns;
}

function matchHeader(header: string): { field: Field; rank: number } | null {
  const base = splitHeader(header).base;
  if (base === '' || base.length > 12) return null;
  let best: { field: Field; rank: number } | null = null;
  let bestLength = 0;
  for (const [field, names] of Object.entries(HEADERS) as [Field, readonly string[]][]) {
    const exact = names.indexOf(base);
    if (exact >= 0) return { field, rank: exact };
    for (const [i, name] of names.entries()) {
      if (name.length >= 2 && base.includes(name) && name.length > bestLength) {
        best = { field, rank: 1000 + i };
        bestLength = name.length;
      }
    }
  }
  return best;
}

function readRow(row: GridRow, columns: Columns, adminPrefix: string, firstRowOfMobile: Map<string, number>, log: IssueLog): AccountDraft | null {
  const text = (field: Field): string => {
    const column = columns[field];
    return column ? cellText(row.cells[column.index]) : '';
  };
  const seq = text('seq') || null;
  const before = log.errors.length;
  const fail = (code: string, field: Exclude<Field, 'seq'>, zh: string, en: string): void => {
    const column = columns[field];
    const where = { row: row.row, column: column?.letter ?? null, field };
    const p = place(where, column?.header, seq);
    log.error(code, where, `${p.zh}：${zh}`, `${p.en}: ${en}`);
  };

  const name = text('name');
  const office = text('office');
  const title = text('title');
  if (name === '') fail('name-missing', 'name', '姓名为空。', 'the name is empty.');

  const mobile = normaliseMobile(text('mobile'));
  if (!Mobile.safeParse(mobile).success) {
    const digits = mobile.replace(/\D/g, '').length;
    const zh = mobile === '' ? '手机号为空' : `手机号应为1开头的11位数字，这里${digits === mobile.length ? `是${digits}位` : '含有数字以外的字符'}`;
    const en = mobile === '' ? 'the mobile is empty' : `a mobile is 11 digits starting with 1; this ${digits === mobile.length ? `has ${digits}` : 'has characters other than digits'}`;
    fail('mobile-invalid', 'mobile', `${zh}。手机号是登录账号，必须填写正确。`, `${en}. The mobile is the login and must be right.`);
  } else {
    const first = firstRowOfMobile.get(mobile);
    if (first === undefined) firstRowOfMobile.set(mobile, row.row);
    else {
      fail(
        'mobile-duplicate',
        'mobile',
        `手机号 ${maskedMobile(mobile)} 与第${first}行重复。一个手机号只能登录一个人的账号；同名的两人请各填自己的手机号。`,
        `mobile ${maskedMobile(mobile)} is also in row ${first}. A mobile is one person's login; two people of the same name each give their own.`,
      );
    }
  }

  const scope = text('scope').normalize('NFKC').replace(/\s+/g, '');
  const level = scopeLevel(scope);
  if (level === null) {
    const written = scope === '' ? '为空' : `「${quote(scope)}」不是4、6、9或12位数字`;
    fail('scope-invalid', 'scope', `区划代码${written}（市6位如430800，县6位，乡镇9位，村12位）。`, `the division code ${scope === '' ? 'is empty' : `"${quote(scope)}" is not 4, 6, 9 or 12 digits`} (city 430800, county 6 digits, township 9, village 12).`);
  } else if (!covers(adminPrefix, scopePrefix(scope))) {
    fail('scope-outside', 'scope', `区划代码 ${scope} 不在您管理的范围（${adminPrefix}）内，只能导入本级及下级的账号。`, `division code ${scope} is outside your scope (${adminPrefix}); you import accounts at or below your own scope only.`);
  }

  const found = level === null ? null : roleFor(office, title, scope);
  if (level !== null && found === null) {
    const could = ROLES.filter((r) => ROLE_LEVEL[r].includes(level));
    fail(
      'role-unknown',
      'title',
      `无法从单位「${quote(office) || '（空）'}」和职务「${quote(title) || '（空）'}」判断角色。${LEVEL_NAME[level]}账号可以是：${could.map((r) => ROLE_NAME[r]).join('；')}。请改用其中一个职务名称，或从名册中删去这一行。`,
      `cannot tell the role from office "${quote(office)}" and title "${quote(title)}". An account at ${level} level may be: ${could.join(', ')}. Use one of these titles, or remove the row.`,
    );
  } else if (level !== null && found !== null && !ROLE_LEVEL[found.role].includes(level)) {
    const held = ROLE_LEVEL[found.role].map((l) => LEVEL_NAME[l]).join('或');
    fail(
      'role-level',
      'scope',
      `职务「${quote(title)}」（${ROLE_NAME[found.role]}）只能设在${held}，区划代码 ${scope} 却是${LEVEL_NAME[level]}。请核对区划代码或职务。`,
      `title "${quote(title)}" is ${found.role}, held at ${ROLE_LEVEL[found.role].join(' or ')} level, but division code ${scope} is at ${level} level. Check the code or the title.`,
    );
  }

  if (log.errors.length > before || found === null) return null;
  const draft = { name, mobile, office, title, role: found.role, department: found.department, scope, row: row.row };
  const parsed = AccountDraft.safeParse(draft);
  if (parsed.success) return parsed.data;
  // what the checks above leave to the schema: an empty office, a name or title past its length
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'name' && field !== 'office' && field !== 'title') continue;
    const problem = issue.code === 'too_small' ? { zh: '为空', en: 'is empty' } : { zh: '过长', en: 'is too long' };
    fail(`${field}-invalid`, field, `${FIELD_NAME[field].zh}${problem.zh}。`, `the ${FIELD_NAME[field].en} ${problem.en}.`);
  }
  return null;
}

function summarise(accounts: readonly AccountDraft[]): AccountListSummary {
  const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  const byLevel: Record<ScopeLevel, number> = { city: 0, county: 0, township: 0, village: 0 };
  for (const a of accounts) {
    byRole[a.role]++;
    const level = scopeLevel(a.scope);
    if (level) byLevel[level]++;
  }
  return { total: accounts.length, byRole, byLevel };
}
