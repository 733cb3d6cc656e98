import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvGrid } from '../import/csv-grid.ts';
import type { Cell, Grid } from '../import/grid.ts';
import type { ImportIssue } from '../import/import-result.ts';
import { catalogueCsv, catalogueRows } from './catalogue-table-export.ts';
import { CATALOGUE_COLUMNS, catalogueFromGrids } from './catalogue-table.ts';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import type { PowerCatalogue, PowerItem } from './power-catalogue.ts';
import { variant } from './test-catalogues.ts';

/**
 * The county's spreadsheet form of the power list. In a download of COUNTY the preamble is rows
 * 1–4, row 5 is blank, the header is row 6, and major-decision's six steps are rows 7–12.
 */
const COUNTY = variant('430821', '430821-2026-1', '2026-03-01');

function download(catalogue: PowerCatalogue = COUNTY): Grid {
  return csvGrid(catalogueCsv(catalogue));
}

/** The grid with one cell changed, as a county official would in Excel. */
function edit(grid: Grid, row: number, header: string, value: Cell): Grid {
  const column = CATALOGUE_COLUMNS.findIndex((c) => c.header === header);
  const target = grid.rows.find((r) => r.row === row);
  if (column < 0 || !target) throw new Error(`no cell ${header} on row ${row}`);
  target.cells[column] = value;
  return grid;
}

function rowOf(grid: Grid, code: string): number {
  const found = grid.rows.find((r) => r.cells[0] === code);
  if (!found) throw new Error(`no row for ${code}`);
  return found.row;
}

function read(grid: Grid): PowerCatalogue {
  const result = catalogueFromGrids([grid]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.catalogue;
}

function errorsOf(grid: Grid): ImportIssue[] {
  const result = catalogueFromGrids([grid]);
  if (result.ok) throw new Error('expected the table to be refused');
  return result.errors;
}

function item(catalogue: PowerCatalogue, code: string): PowerItem {
  const found = catalogue.items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe('the power catalogue as a spreadsheet reads back as the list it was written from', () => {
  it('round-trips the national default, its empty 适用范围 included', () => {
    expect(read(download(DEFAULT_CATALOGUE))).toEqual(DEFAULT_CATALOGUE);
  });

  it('writes CSV for Excel: a BOM, CRLF line ends, the preamble, a blank line, then the header', () => {
    const csv = catalogueCsv(COUNTY);
    expect(csv.startsWith('\uFEFF清单版本,430821-2026-1\r\n适用范围,430821\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = catalogueRows(COUNTY);
    expect(rows[4]).toEqual([]);
    expect(rows[5]).toEqual(CATALOGUE_COLUMNS.map((c) => c.header));
    expect(rows.length).toBe(6 + COUNTY.items.reduce((n, i) => n + i.steps.length, 0));
  });

  it('fills an item’s columns on its first step row only, amounts in yuan with two decimals', () => {
    const rows = catalogueRows(COUNTY);
    const first = rows.findIndex((r) => r[0] === 'project-construction-10k-50k');
    expect(rows[first]?.slice(4, 6)).toEqual(['10000.00', '50000.00']);
    expect(rows[first + 1]?.slice(0, 8)).toEqual(['', '', '', '', '', '', '', '']);
    expect(rows[first + 1]?.[8]).toBe('2');
  });

  it.each([['50000.00'], ['50000'], ['50,000.00'], ['5万元'], [50000]])('reads a county’s 金额下限 %s as 5,000,000 fen', (written) => {
    const grid = download();
    const row = rowOf(grid, 'project-construction-100k-plus');
    const catalogue = read(edit(grid, row, '金额下限（元）', written));
    expect(item(catalogue, 'project-construction-100k-plus').appliesWhen.amountMinFen).toBe(5_000_000);
    expect(item(COUNTY, 'project-construction-100k-plus').appliesWhen.amountMinFen).toBe(10_000_000);
  });

  it('reads item columns repeated on every step row, as merged cells come out of XLSX', () => {
    const grid = download();
    for (let row = 8; row <= 12; row++) {
      for (const c of CATALOGUE_COLUMNS.slice(0, 8)) edit(grid, row, c.header, grid.rows[6]?.cells[CATALOGUE_COLUMNS.indexOf(c)] ?? null);
    }
    expect(read(grid)).toEqual(COUNTY);
  });

  it('keeps text a spreadsheet would run as a formula behind an apostrophe, and gives it back as written', () => {
    const doc = structuredClone(COUNTY);
    const first = doc.items[0] as PowerItem;
    first.name = '-号事项';
    first.appliesWhen.note = '=HYPERLINK("http://evil.example","点这里")';
    first.legalBasis = ['一条规定；它本身带分号'];
    (first.steps[0] as PowerItem['steps'][number]).name = "'引号开头";
    const csv = catalogueCsv(doc);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点这里"")"`);
    expect(csv).toContain(`,'-号事项,`);
    expect(read(csvGrid(csv))).toEqual(doc);
  });

  it('reads several 法律依据 from one line split at ；', () => {
    const grid = edit(download(), 7, '法律依据', '依据甲；依据乙');
    expect(item(read(grid), 'major-decision').legalBasis).toEqual(['依据甲', '依据乙']);
  });

  it.each([['2026年3月1日'], ['2026/3/1'], ['2026-03-01']])('reads 发布日期 written %s', (written) => {
    const grid = download();
    (grid.rows[3] as Grid['rows'][number]).cells[1] = written;
    expect(read(grid).publishedOn).toBe('2026-03-01');
  });

  it('warns about a column it does not know and reads the rest', () => {
    const grid = download();
    for (const r of grid.rows.slice(5)) r.cells.push(r.row === 6 ? '备注' : '随便写');
    const result = catalogueFromGrids([grid]);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unknown-column', row: 6, column: 'V' })]);
  });
});

describe('an XLSX sheet with number and date cells', () => {
  it('reads 适用范围 430821 typed as a number and 发布日期 as a date cell', () => {
    const rows: Cell[][] = [
      ['清单版本', '430821-2026-1'],
      ['适用范围', 430821],
      ['清单名称', '岳阳县村级小微权力清单'],
      ['发布日期', new Date(Date.UTC(2026, 2, 1))],
      [],
      CATALOGUE_COLUMNS.map((c) => c.header),
      ['seal-routine', '日常用印', '便民服务事项', null, 50000, 120000.5, null, '村级印章管理制度', 1, '申请用印', '申请人', '申请书', null, null, null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null, null, 2, '审批并登记', '村民委员会', '批准书、登记簿', 3, '工作日', 1, null, null, null, '用印事由', '村务公开栏', 7],
    ];
    const grid: Grid = { sheet: '清单', rows: rows.map((cells, i) => ({ row: i + 1, cells })) };
    const catalogue = read(grid);
    expect(catalogue.scope).toBe('430821');
    expect(catalogue.publishedOn).toBe('2026-03-01');
    expect(catalogue.items[0]?.appliesWhen).toEqual({ amountMinFen: 5_000_000, amountMaxFen: 12_000_050, note: null });
    expect(catalogue.items[0]?.steps[1]).toEqual({
      seq: 2,
      name: '审批并登记',
      actor: 'village-committee',
      evidence: ['approval', 'register'],
      deadline: { days: 3, unit: 'working', fromStep: 1 },
      quorum: null,
      disclosure: { what: '用印事由', where: ['村务公开栏'], minDays: 7 },
    });
  });

  it('reads the first sheet that has anything in it', () => {
    const blank: Grid = { sheet: '说明', rows: [{ row: 1, cells: [null, ''] }] };
    expect(catalogueFromGrids([blank, download()]).ok).toBe(true);
  });
});

describe('a broken table is refused at the Excel row and column of each problem', () => {
  it('names the row, column and header of an unknown 责任主体', () => {
    const errors = errorsOf(edit(download(), 8, '责任主体', '村长'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 8, column: 'K', field: 'steps.actor' });
    expect(errors[0]?.message).toMatch(/^第8行K列（责任主体）：事项 major-decision：“村长”不是可用的责任主体/);
    expect(errors[0]?.messageEn).toContain('Row 8, column K (责任主体): item major-decision');
  });

  it('refuses 2/3x in 到会比例', () => {
    const errors = errorsOf(edit(download(), 9, '到会比例', '2/3x'));
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([[9, 'P', 'steps.quorum.presentAtLeast']]);
    expect(errors[0]?.message).toContain('“2/3x”不是比例');
  });

  it('refuses a fraction Excel has turned into a date, saying why', () => {
    const errors = errorsOf(edit(download(), 9, '赞成比例', new Date(Date.UTC(2026, 0, 2))));
    expect(errors.map((e) => [e.row, e.column])).toEqual([[9, 'Q']]);
    expect(errors[0]?.message).toContain('存成了日期');
  });

  it('refuses a table without 清单版本, naming the label', () => {
    const grid = download();
    grid.rows.shift();
    const errors = errorsOf(grid);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'missing-preamble', row: null, column: null, field: 'version' });
    expect(errors[0]?.message).toContain('清单版本');
  });

  it('goes on to the step rows after a preamble problem, reporting both', () => {
    const grid = edit(download(), 8, '责任主体', '村长');
    grid.rows.shift();
    expect(errorsOf(grid).map((e) => [e.row, e.column, e.field])).toEqual([
      [null, null, 'version'],
      [8, 'K', 'steps.actor'],
    ]);
  });

  it('puts a version that does not match 适用范围, found by the schema, on the 清单版本 value cell', () => {
    const grid = download();
    (grid.rows[0] as Grid['rows'][number]).cells[1] = '430800-2026-1';
    const errors = errorsOf(grid);
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([[1, 'B', 'version']]);
    expect(errors[0]?.message).toBe('第1行B列（清单版本）：版本号应以“430821-”开头');
  });

  it('refuses a sheet without the header row, naming what it looks for', () => {
    const grid = download();
    (grid.rows[5] as Grid['rows'][number]).cells[8] = '序号';
    const errors = errorsOf(grid);
    expect(errors.map((e) => e.code)).toEqual(['no-header']);
    expect(errors[0]?.message).toContain('步骤序号');
  });

  it('puts 步骤序号 out of order, found by the schema, back on the rows', () => {
    const grid = edit(edit(download(), 8, '步骤序号', '3'), 9, '步骤序号', '2');
    const errors = errorsOf(grid);
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [8, 'I', 'steps.seq'],
      [9, 'I', 'steps.seq'],
    ]);
    expect(errors[0]?.message).toBe('第8行I列（步骤序号）：事项 major-decision 第 2 步：序号应为 2，实为 3');
    expect(errors[0]?.message).not.toMatch(/items\.\d/);
  });

  it('puts a deadline counted from a later step back on its 时限起算步骤 cell', () => {
    const grid = download(DEFAULT_CATALOGUE);
    const row = rowOf(grid, 'homestead-approval') + 1;
    const errors = errorsOf(edit(grid, row, '时限起算步骤', '5'));
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([[row, 'O', 'steps.deadline.fromStep']]);
  });

  it('refuses a different 事项名称 on a continuation row', () => {
    const errors = errorsOf(edit(download(), 10, '事项名称', '另一个事项'));
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([[10, 'B', 'name']]);
    expect(errors[0]?.message).toContain('第7行');
  });

  it('refuses 时限单位 without 时限天数, and a non-integer day count', () => {
    const grid = edit(edit(download(), 7, '时限单位', '工作日'), 8, '时限天数', '2.5');
    const errors = errorsOf(edit(grid, 8, '时限单位', '日'));
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'N'],
      [8, 'M'],
      [8, 'O'],
    ]);
  });

  it('refuses an unknown 类别 and collects every error rather than the first', () => {
    const grid = edit(edit(download(), 7, '类别', '其他事项'), 11, '留存材料', '会议记录、照片');
    const errors = errorsOf(edit(grid, 12, '表决基数', '全体'));
    expect(errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [7, 'C', 'category'],
      [11, 'L', 'steps.evidence'],
      [12, 'R', 'steps.quorum.base'],
    ]);
    expect(errors[1]?.message).toContain('“照片”不是可用的留存材料');
  });
});

describe('any amounts round-trip, to the fen', () => {
  const bounds = fc
    .tuple(fc.maxSafeNat(), fc.maxSafeNat(), fc.constantFrom('both', 'min', 'max', 'none'))
    .map(([a, b, which]) => {
      const lo = Math.min(a, b);
      const hi = Math.max(a, b, 1);
      const min = which === 'both' || which === 'min' ? lo : null;
      const max = which === 'both' || which === 'max' ? hi : null;
      return { min, max: min !== null && max !== null && max <= min ? null : max };
    });

  it('reads back every item’s 金额下限 and 金额上限 as written', () => {
    fc.assert(
      fc.property(fc.array(bounds, { minLength: DEFAULT_CATALOGUE.items.length, maxLength: DEFAULT_CATALOGUE.items.length }), (amounts) => {
        const doc = structuredClone(COUNTY);
        doc.items.forEach((it, i) => {
          it.appliesWhen.amountMinFen = amounts[i]?.min ?? null;
          it.appliesWhen.amountMaxFen = amounts[i]?.max ?? null;
        });
        expect(read(download(doc))).toEqual(doc);
      }),
      { numRuns: 60 },
    );
  });
});
