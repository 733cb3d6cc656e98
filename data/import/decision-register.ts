import { DecisionRecord } from '../decisions/decision-record.ts';
import { parseAmount } from '../money.ts';
import { DEFAULT_ID_MASK, type MaskFormat } from '../personal-data.ts';
import { VillageCode } from '../publication.ts';
import type { Grid } from './grid.ts';
import type { ImportIssue } from './import-result.ts';
import { publicNotes } from './import-common.ts';
import { IssueLog, quote, type Where } from './issues.ts';
import { maskText, type TextMask } from './personal-fields.ts';
import { findBlocks, headerGuess, type RegisterBlock } from './decision-register/register-layout.ts';
import { sheetGrids } from './sheet-grids.ts';
import { readPreamble, type LabelledValue } from './decision-register/register-preamble.ts';
import { readSteps } from './decision-register/register-steps.ts';
import { completionDate, contractLinks } from './decision-register/register-facts.ts';

/**
 * A village's 四议两公开 登记表 (issue 11) to decision records, one per matter, or every problem
 * found in it. XLSX: each register in each visible sheet is a matter, usually one per sheet.
 * CSV: the file holds one register, or several one under another, each from its own title or
 * 事由 line down to its footer. Nothing is published from a file with any error.
 *
 * ImportIssue has no sheet field, so for a workbook the sheet is named at the front of each
 * message (工作表“事项2”：第7行E列…); the row, column letter and field are in the issue as usual.
 */

export interface DecisionRegisterInput {
  bytes: Uint8Array;
  format: 'xlsx' | 'csv';
  /** the village's 12-digit division code */
  village: string;
  filename?: string;
  /** as for publications; DEFAULT_ID_MASK when not given */
  idMask?: MaskFormat;
  /** numbers published on purpose (config.publicPhones); every other personal number is masked */
  publicNumbers?: readonly string[];
}

export type DecisionRegisterResult =
  | { ok: true; records: DecisionRecord[]; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

export async function importDecisionRegister(input: DecisionRegisterInput): Promise<DecisionRegisterResult> {
  const log = new IssueLog();
  const nowhere: Where = { row: null, column: null, field: null };
  if (!VillageCode.safeParse(input.village).success) {
    log.error('invalid-village', { ...nowhere, field: 'village' }, `村的区划代码应为12位数字，收到的是“${quote(input.village)}”。`, `A village code has 12 digits; got "${quote(input.village)}".`);
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  checkFilename(input, log);
  const grids = await sheetGrids(input.bytes, input.format, log, { zh: '“四议两公开”登记表', en: '四议两公开 register' });
  if (!grids) return { ok: false, errors: log.errors, warnings: log.warnings };

  const mask: TextMask = { ...(input.idMask ?? DEFAULT_ID_MASK), allow: input.publicNumbers ?? [] };
  const records: DecisionRecord[] = [];
  const withoutRegister: Grid[] = [];
  for (const grid of grids) {
    const blocks = findBlocks(grid);
    if (blocks.length === 0) withoutRegister.push(grid);
    for (const block of blocks) {
      const sheetLog = new IssueLog();
      const record = readRecord(block, input.village, sheetLog, mask);
      copyIssues(sheetLog, log, grid.sheet);
      if (record) records.push(record);
    }
  }
  if (records.length === 0 && !log.hasErrors) {
    const found = grids[0] ? headerGuess(grids[0]) : [];
    log.error(
      'no-header',
      nowhere,
      `找不到“四议两公开”登记表的步骤表头（应有“步骤”“时间”“应到人数”“实到人数”“主要内容”等列）。文件中的列名是：${found.map(quote).join('、') || '（空）'}。请检查是否选错了文件。`,
      `No 四议两公开 register found: no step table header (步骤, 时间, 应到人数, 实到人数, 主要内容 …). The file's column names are: ${found.map(quote).join(', ') || '(none)'}. Check that this is the right file.`,
    );
  } else {
    for (const grid of withoutRegister) {
      log.warn('sheet-skipped', nowhere, `工作表“${quote(grid.sheet ?? '')}”中没有登记表（找不到“步骤”“时间”等表头），已跳过。`, `Sheet "${quote(grid.sheet ?? '')}" holds no register (no 步骤 / 时间 header) and was skipped.`);
    }
  }
  if (log.hasErrors) return { ok: false, errors: log.errors, warnings: log.warnings };
  return { ok: true, records, warnings: log.warnings };
}

// ——— private helpers ———

function readRecord(block: RegisterBlock, village: string, log: IssueLog, mask: TextMask): DecisionRecord | null {
  const preamble = readPreamble(block.preamble);
  const headerRow = block.headerRows[0] ?? null;
  const words = (v: LabelledValue | null, field: string): string | null =>
    v && v.text !== '' ? maskText(v.text, { row: v.row, column: v.column, field }, v.label, log, mask) : null;

  const subject = words(preamble.subject, 'subject');
  if (subject === null) {
    log.error(
      'subject-missing',
      { row: preamble.subject?.row ?? headerRow, column: preamble.subject?.column ?? null, field: 'subject' },
      `第${preamble.subject?.row ?? headerRow}行${preamble.subject ? '' : '表头上方'}没有填写“事由：”，无法知道登记的是哪件事。`,
      `Row ${preamble.subject?.row ?? headerRow}: ${preamble.subject ? 'the 事由 (matter) is empty' : 'there is no 事由 (matter) line above the header'}, so it is not known what the register is about.`,
    );
  }
  const powerItem = words(preamble.powerItem, 'powerItem');
  if (powerItem === null) {
    log.warn('power-item-missing', { row: headerRow, column: null, field: 'powerItem' }, `第${headerRow}行表头上方没有填写“对应小微权力事项”。`, `Row ${headerRow}: no 对应小微权力事项 (power-list item) above the header.`);
  }
  const amountText = words(preamble.amount, 'amountText');
  // One stated amount (38.6万元, 386,000元) is read into fen; 年流转费1.8万元，期限15年 is not one amount.
  const parsed = amountText === null ? null : parseAmount(amountText, preamble.amount?.unit ?? 'yuan');
  const amount = parsed?.kind === 'ok' && parsed.fen >= 0 ? parsed.fen : null;

  const { steps, footer } = readSteps(block, log, mask);
  const lines = [...preamble.notes, ...footer];
  const notes = publicNotes(lines.map((l) => l.text), log, mask, lines.map((l) => l.row));
  const links = contractLinks(preamble, log);
  // Most registers state 已验收 or 结算 without a date; then it comes from the project list.
  const completedOn = completionDate(preamble, log);
  if (log.hasErrors) return null;

  const record = {
    village,
    subject: subject ?? '',
    powerItem: { code: null, name: powerItem },
    amount,
    amountText,
    links,
    completedOn,
    steps,
    notes,
  };
  const checked = DecisionRecord.safeParse(record);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) schemaIssue(issue, block, preamble, steps, log);
  return null;
}

/** A value the schema refuses (most often text too long), named by its cell where it has one. */
function schemaIssue(
  issue: { path: PropertyKey[]; code: string; message: string; maximum?: unknown },
  block: RegisterBlock,
  preamble: ReturnType<typeof readPreamble>,
  steps: ReadonlyArray<{ row: number | null }>,
  log: IssueLog,
): void {
  const [top, index, field] = issue.path;
  let where: Where = { row: null, column: null, field: issue.path.map(String).join('.') };
  let header: string | null = null;
  if (top === 'steps' && typeof index === 'number') {
    const row = steps[index]?.row ?? null;
    const column = typeof field === 'string' ? block.columns[field as keyof RegisterBlock['columns']] : undefined;
    where = { row, column: column?.letter ?? null, field: typeof field === 'string' ? field : 'steps' };
    header = column?.header ?? null;
  } else {
    const source = top === 'subject' ? preamble.subject : top === 'amountText' ? preamble.amount : top === 'powerItem' ? preamble.powerItem : null;
    if (source) {
      where = { row: source.row, column: source.column, field: String(top) };
      header = source.label;
    }
  }
  const max = typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint' ? String(issue.maximum) : null;
  const zhWhere = where.row === null ? `字段 ${where.field}` : `第${where.row}行${where.column ? `${where.column}列` : ''}${header ? `（${header}）` : ''}`;
  const enWhere = where.row === null ? `Field ${where.field}` : `Row ${where.row}${where.column ? `, column ${where.column}` : ''}${header ? ` (${header})` : ''}`;
  if (issue.code === 'too_big' && max) {
    log.error('too-long', where, `${zhWhere}：内容过长，最多 ${max} 个字（或 ${max} 项），请精简。`, `${enWhere}: too long; at most ${max} characters (or items). Please shorten it.`);
  } else {
    log.error('invalid-content', where, `${zhWhere}：内部校验失败（${quote(issue.message)}）。`, `${enWhere}: internal check failed (${quote(issue.message)}).`);
  }
}

/** Issues of one register into the file's, the sheet named in front for a workbook. */
function copyIssues(from: IssueLog, to: IssueLog, sheet: string | null): void {
  const zh = sheet === null ? '' : `工作表“${sheet}”：`;
  const en = sheet === null ? '' : `Sheet "${sheet}": `;
  for (const e of from.errors) to.error(e.code, { row: e.row, column: e.column, field: e.field }, zh + e.message, en + e.messageEn);
  for (const w of from.warnings) to.warn(w.code, { row: w.row, column: w.column, field: w.field }, zh + w.message, en + w.messageEn);
}

/** A file named for another village (430821211227-龙岗村-… uploaded for a different code) is probably the wrong file. */
function checkFilename(input: DecisionRegisterInput, log: IssueLog): void {
  const base = (input.filename ?? '').split(/[\\/]/).pop() ?? '';
  const code = /^(\d{12})(?!\d)/.exec(base)?.[1];
  if (!code || code === input.village) return;
  log.warn(
    'village-mismatch',
    { row: null, column: null, field: 'village' },
    `文件名中的区划代码 ${code} 与上传的村（${input.village}）不一致，请确认没有选错文件。`,
    `The file name's division code ${code} differs from the village uploading it (${input.village}); check that this is the right file.`,
  );
}
