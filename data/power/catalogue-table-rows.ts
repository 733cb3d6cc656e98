import type { Cell, GridRow } from '../import/grid.ts';
import { place, type IssueLog, type Where } from '../import/issues.ts';
import {
  cellString,
  readDeadlineUnit,
  readFen,
  readFraction,
  readLines,
  readName,
  readNames,
  readPlaces,
  readText,
  readWhole,
  type CellRead,
} from './catalogue-table-cells.ts';
import type { CatalogueField, PreamblePlaces, TableColumn, TableColumns } from './catalogue-table.ts';
import { POWER_CATEGORY_NAME, QUORUM_BASE_NAME, STEP_ACTOR_NAME, STEP_EVIDENCE_NAME, type CatalogueIssue } from './power-catalogue.ts';

/**
 * The step rows below the catalogue table's header (layout in catalogue-table.ts) to item objects
 * for the schema to judge, and the schema's findings back to the cells they came from. A cell that
 * cannot be read is logged and left null, so the rest of the file is still checked; the schema's
 * finding on that same cell is then dropped as already said.
 */

/** Where an item was read: its first step row (the item columns) and each step's row. */
export interface ItemPlace {
  code: string;
  row: number;
  stepRows: number[];
}

export function readItems(body: readonly GridRow[], columns: TableColumns, log: IssueLog): { items: unknown[]; places: ItemPlace[] } {
  const drafts: ItemDraft[] = [];
  let current: ItemDraft | null = null;
  for (const row of body) {
    const code = cellString(row.cells[columns.code.index]);
    if (code === '' && !current) {
      const where = { row: row.row, column: columns.code.letter, field: columns.code.field };
      const p = place(where, columns.code.header);
      log.error('missing-code', where, `${p.zh}：第一个步骤行须填事项编码。`, `${p.en}: the first step row must give the item code.`);
      continue;
    }
    if (!current || (code !== '' && code !== current.place.code)) {
      current = startItem(row, code, columns, log);
      drafts.push(current);
    } else repeatItem(row, current, columns, log);
    current.place.stepRows.push(row.row);
    current.steps.push(readStep(row, current.place.code, columns, log));
  }
  return { items: drafts.map(assemble), places: drafts.map((d) => d.place) };
}

/** A finding of parseCatalogue (path items.3.steps.2.deadline.fromStep) at the row and column it was read from. */
export function schemaIssue(
  issue: CatalogueIssue,
  at: { preamble: PreamblePlaces; columns: TableColumns; places: readonly ItemPlace[] },
): Where & { message: string; messageEn: string } {
  const parts = issue.path === '' ? [] : issue.path.split('.');
  const index = parts[0] === 'items' && /^\d+$/.test(parts[1] ?? '') ? Number(parts[1]) : null;
  const item = index === null ? undefined : at.places[index];
  if (!item) {
    const field = parts[0] ?? null;
    const label = field === null ? undefined : at.preamble[field as keyof PreamblePlaces];
    const where = label ? { row: label.row, column: label.column, field: label.field } : { row: null, column: null, field };
    const text = split(issue.message, null);
    // Only the list of items as a whole has no cell to point at: say it is about the items.
    return placed(where, label?.label ?? null, field === 'items' ? { zh: `清单事项：${text.zh}`, en: `items: ${text.en}` } : text);
  }
  const step = parts[2] === 'steps' && /^\d+$/.test(parts[3] ?? '') ? Number(parts[3]) : null;
  const column = columnOf(parts.slice(2).filter((p) => !/^\d+$/.test(p)).join('.'), at.columns);
  const row = step === null ? item.row : (item.stepRows[step] ?? item.row);
  return placed({ row, column: column.letter, field: column.field }, column.header, split(issue.message, item.code));
}

// ——— private helpers ———

type ItemField = Exclude<CatalogueField, `steps.${string}`>;
type ReadField = Exclude<ItemField, 'code'>;

interface ItemDraft {
  place: ItemPlace;
  /** each item cell of the first row: the value as JSON to compare later rows with, null when unreadable */
  first: Partial<Record<ReadField, { json: string | null; text: string }>>;
  values: Partial<Record<ReadField, unknown>>;
  steps: unknown[];
}

type Reader = (cell: Cell | undefined) => CellRead<unknown>;
type Required = false | { zh: string; en: string };

const REQUIRED: Required = { zh: '必填，不能为空', en: 'required, but empty' };

const ITEM_READERS: Record<ReadField, { read: Reader; required: Required }> = {
  name: { read: readText, required: REQUIRED },
  category: { read: (c) => readName(c, POWER_CATEGORY_NAME, { zh: '类别', en: 'category' }), required: REQUIRED },
  gbClass: { read: readText, required: false },
  'appliesWhen.amountMinFen': { read: readFen, required: false },
  'appliesWhen.amountMaxFen': { read: readFen, required: false },
  'appliesWhen.note': { read: readText, required: false },
  legalBasis: { read: readLines, required: REQUIRED },
};

function startItem(row: GridRow, code: string, columns: TableColumns, log: IssueLog): ItemDraft {
  const draft: ItemDraft = { place: { code, row: row.row, stepRows: [] }, first: {}, values: {}, steps: [] };
  for (const [field, reader] of entries(ITEM_READERS)) {
    const column = columns[field];
    const unreadable = reader.read(row.cells[column.index]).kind === 'invalid';
    const value = readCell(row, column, code, reader.read, reader.required, log);
    draft.values[field] = value;
    draft.first[field] = { json: unreadable ? null : JSON.stringify(value), text: cellString(row.cells[column.index]) };
  }
  return draft;
}

/** A later step row of the item: its item cells blank or the same value as the first row's. */
function repeatItem(row: GridRow, draft: ItemDraft, columns: TableColumns, log: IssueLog): void {
  const code = draft.place.code;
  for (const [field, reader] of entries(ITEM_READERS)) {
    const column = columns[field];
    if (cellString(row.cells[column.index]) === '') continue;
    const value = readCell(row, column, code, reader.read, false, log);
    const first = draft.first[field];
    if (value === null || !first || first.json === null || JSON.stringify(value) === first.json) continue;
    const was = first.text === '' ? { zh: '为空', en: 'is empty' } : { zh: `是“${first.text}”`, en: `says "${first.text}"` };
    report(
      log,
      'item-conflict',
      row,
      column,
      code,
      `与本事项第一行（第${draft.place.row}行）不同，那里${was.zh}；同一事项的后续步骤行，这一列须留空或与第一行相同`,
      `differs from the item's first row (row ${draft.place.row}), which ${was.en}; on an item's later step rows this column must be blank or repeat the first row`,
    );
  }
}

function readStep(row: GridRow, code: string, columns: TableColumns, log: IssueLog): unknown {
  const get = <T>(field: CatalogueField, read: (cell: Cell | undefined) => CellRead<T>, required: Required = false): T | null =>
    readCell(row, columns[field], code, read, required, log);
  const blank = (field: CatalogueField): boolean => cellString(row.cells[columns[field].index]) === '';
  /** A part of a deadline, quorum or disclosure given while what it belongs to is blank. */
  const orphans = (of: CatalogueField, parts: CatalogueField[]): null => {
    for (const part of parts.filter((p) => !blank(p))) {
      const header = columns[of].header;
      report(log, 'incomplete-' + of.split('.')[1], row, columns[part], code, `“${header}”为空时这一列也应为空`, `must be blank when ${header} is blank`);
    }
    return null;
  };

  const deadline = blank('steps.deadline.days')
    ? orphans('steps.deadline.days', ['steps.deadline.unit', 'steps.deadline.fromStep'])
    : {
        days: get('steps.deadline.days', readWhole),
        unit: get('steps.deadline.unit', readDeadlineUnit, REQUIRED),
        fromStep: get('steps.deadline.fromStep', readWhole, REQUIRED),
      };
  const quorumBlank = blank('steps.quorum.presentAtLeast') && blank('steps.quorum.approveMoreThan') && blank('steps.quorum.base');
  const quorum = quorumBlank
    ? null
    : {
        presentAtLeast: get('steps.quorum.presentAtLeast', readFraction),
        approveMoreThan: get('steps.quorum.approveMoreThan', readFraction),
        base: get('steps.quorum.base', (c) => readName(c, QUORUM_BASE_NAME, { zh: '表决基数', en: 'vote base' }), {
          zh: '填了比例，就须填表决基数（应到人数或实到人数）',
          en: 'a share is given, so the vote base is needed (应到人数 or 实到人数)',
        }),
      };
  const disclosure = blank('steps.disclosure.what')
    ? orphans('steps.disclosure.what', ['steps.disclosure.where', 'steps.disclosure.minDays'])
    : {
        what: get('steps.disclosure.what', readText),
        where: get('steps.disclosure.where', readPlaces, { zh: '填了公开内容，就须填公开地点', en: 'what is published is given, so where is needed' }),
        minDays: get('steps.disclosure.minDays', readWhole),
      };
  return {
    seq: get('steps.seq', readWhole, REQUIRED),
    name: get('steps.name', readText, REQUIRED),
    actor: get('steps.actor', (c) => readName(c, STEP_ACTOR_NAME, { zh: '责任主体', en: 'actor' }), REQUIRED),
    evidence: get('steps.evidence', (c) => readNames(c, STEP_EVIDENCE_NAME, { zh: '留存材料', en: 'kind of evidence' })) ?? [],
    deadline,
    quorum,
    disclosure,
  };
}

function assemble(d: ItemDraft): unknown {
  const v = d.values;
  return {
    code: d.place.code,
    name: v.name,
    category: v.category,
    gbClass: v.gbClass,
    appliesWhen: { amountMinFen: v['appliesWhen.amountMinFen'], amountMaxFen: v['appliesWhen.amountMaxFen'], note: v['appliesWhen.note'] },
    legalBasis: v.legalBasis,
    steps: d.steps,
  };
}

/** The cell's value; null, with the reason logged, when it cannot be read or a required one is blank. */
function readCell<T>(
  row: GridRow,
  column: TableColumn,
  code: string,
  read: (cell: Cell | undefined) => CellRead<T>,
  required: Required,
  log: IssueLog,
): T | null {
  const result = read(row.cells[column.index]);
  if (result.kind === 'ok') return result.value;
  if (result.kind === 'invalid') report(log, 'invalid-value', row, column, code, result.reason, result.reasonEn);
  else if (required) report(log, 'missing-value', row, column, code, required.zh, required.en);
  return null;
}

function report(log: IssueLog, issue: string, row: GridRow, column: TableColumn, code: string, zh: string, en: string): void {
  const where = { row: row.row, column: column.letter, field: column.field };
  const p = place(where, column.header);
  log.error(issue, where, `${p.zh}：事项 ${code}：${zh}`, `${p.en}: item ${code}: ${en}`);
}

/** The column a schema path within an item names: its own, or the first of the group it belongs to. */
function columnOf(path: string, columns: TableColumns): TableColumn {
  if (path === '') return columns.code;
  if (path === 'steps') return columns['steps.seq'];
  const all = Object.values(columns).sort((a, b) => a.index - b.index);
  const own = all.filter((c) => path === c.field || path.startsWith(`${c.field}.`)).sort((a, b) => b.field.length - a.field.length)[0];
  return own ?? all.find((c) => c.field.startsWith(`${path}.`)) ?? columns.code;
}

/** Zod's own messages, in English, by how they begin; the custom ones already say "中文 / English". */
const ZOD_ZH: ReadonlyArray<[string, string]> = [
  ['Too small', '数值太小或内容太少'],
  ['Too big', '数值太大或内容太长'],
  ['Invalid input', '缺少内容或类型不对'],
  ['Invalid option', '不是可选的值'],
  ['Invalid string', '格式不对'],
];

function split(message: string, code: string | null): { zh: string; en: string } {
  const prefix = code === null ? '' : `事项 ${code}：`;
  const cut = message.indexOf(' / ');
  if (cut >= 0) {
    const en = message.slice(cut + 3);
    return { zh: message.slice(0, cut), en: code === null || en.includes(code) ? en : `item ${code}: ${en}` };
  }
  const bare = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  const zh = ZOD_ZH.find(([start]) => bare.startsWith(start))?.[1] ?? '不符合清单格式';
  return { zh: `${prefix}${zh}`, en: code === null ? bare : `item ${code}: ${bare}` };
}

function placed(where: Where, header: string | null, text: { zh: string; en: string }): Where & { message: string; messageEn: string } {
  const p = place(where, header);
  return { ...where, message: p.zh ? `${p.zh}：${text.zh}` : text.zh, messageEn: p.en ? `${p.en}: ${text.en}` : text.en };
}

function entries<K extends string, V>(record: Record<K, V>): Array<[K, V]> {
  return Object.entries(record) as Array<[K, V]>;
}
