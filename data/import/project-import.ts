import type { ProjectContent, ProjectItem } from '../publication.ts';
import { formatFen } from '../money.ts';
import { periodYear } from '../period.ts';
import type { ImportInput } from './import-result.ts';
import { at, place, type IssueLog } from './issues.ts';
import { finalPeriod, signOffPeriod, statedPeriod } from './import-period.ts';
import { checkFundingTotal, fundingOf, readFunding } from './project-funding.ts';
import { publicNotes, requireColumns } from './import-common.ts';
import { extraCells, extraColumns, extraHeaders } from './extra-columns.ts';
import { freeText, maskText, textMask } from './personal-fields.ts';
import { parseProgress } from './project-progress.ts';
import { cellOf, labelTexts, readAmount, readDate } from './read-cell.ts';
import { rowLabel } from './row-labels.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

const MONEY = ['budget', 'contractAmount', 'amountPaid'] as const;
type MoneyField = (typeof MONEY)[number];
const MONEY_ZH: Record<MoneyField, string> = { budget: '预算金额', contractAmount: '合同金额', amountPaid: '已支付金额' };

/**
 * A public-works list (工程项目公示) to ProjectContent. Amounts follow the header's or the note's
 * unit (万元 is common), dates may be Excel date cells, progress text is read for a percentage.
 */
export function importProject(layout: FoundLayout, input: ImportInput, log: IssueLog): ProjectContent | null {
  const c = layout.columns;
  if (!requireColumns(layout, [['name']], 'project', log)) return null;
  const stated = statedPeriod(input.period, layout.title, log);
  const year = stated ? periodYear(stated) : undefined;
  const mask = textMask(input);
  const extras = extraColumns(layout);
  const header = (f: string): string | null => c[f]?.header ?? null;
  const text = (row: (typeof layout.body)[number], f: string): string | null =>
    freeText(cellOf(row, c[f]), at(row.row, c[f]), header(f), log, mask);

  const funding = fundingOf(c);
  const projects: ProjectItem[] = [];
  for (const row of layout.body) {
    const label = rowLabel(labelTexts(row, c, [...MONEY, ...funding.map((f) => f.field)]));
    if (label && label.kind !== 'opening' && label.kind !== 'carry') {
      if (label.kind !== 'subtotal') checkFundingTotal(row, label.text, funding, projects, log);
      for (const field of MONEY) {
        const stated = readAmount(row, c[field], log);
        const sum = projects.reduce((s, p) => s + (p[field] ?? 0), 0);
        if (stated === null || stated === sum || label.kind === 'subtotal') continue;
        log.error(
          'total-mismatch',
          at(row.row, c[field]),
          `第${row.row}行“${label.text}”${MONEY_ZH[field]}为 ${formatFen(stated)} 元，但各项目合计为 ${formatFen(sum)} 元`,
          `Row ${row.row} “${label.text}” ${field} is ${formatFen(stated)} but the projects add up to ${formatFen(sum)}`,
        );
      }
      continue;
    }
    const name = text(row, 'name');
    if (name === null) {
      const p = place(at(row.row, c.name), header('name'));
      log.error('name-missing', at(row.row, c.name), `${p.zh}：项目名称为空。`, `${p.en}: the project name is empty.`);
    }
    const progress = parseProgress(cellOf(row, c.progress));
    let plannedStart = readDate(row, c.plannedStart, log, year);
    let actualStart = readDate(row, c.actualStart, log, year);
    // A bare 开工日期 is read as the actual start, unless the project has not started yet.
    if (progress.percent === 0 && !c.plannedStart && actualStart !== null) {
      plannedStart = actualStart;
      actualStart = null;
    }
    const budget = readAmount(row, c.budget, log);
    const split = readFunding(row, funding, { amount: budget, column: c.budget }, log);
    projects.push({
      row: row.row,
      name: name ?? '',
      location: text(row, 'location'),
      fundingSource: text(row, 'fundingSource'),
      budget,
      contractAmount: readAmount(row, c.contractAmount, log),
      contractor: text(row, 'contractor'),
      procurementMethod: text(row, 'procurementMethod'),
      plannedStart,
      actualStart,
      plannedCompletion: readDate(row, c.plannedCompletion, log, year),
      actualCompletion: readDate(row, c.actualCompletion, log, year),
      progress: { percent: progress.percent, text: maskText(progress.text, at(row.row, c.progress), header('progress'), log, mask) },
      amountPaid: readAmount(row, c.amountPaid, log),
      remark: text(row, 'remark'),
      photos: [],
      ...(split && { funding: split }),
      ...(extras.length > 0 && { extra: extraCells(row, extras, log, mask) }),
    });
  }

  const dates = projects.flatMap((p) => [p.actualStart ?? p.plannedStart].filter((d): d is string => d !== null));
  // a notice without a year in its title is dated by its sign-off line
  const period = finalPeriod(stated ?? signOffPeriod(layout.notes), dates, input.filename, log);
  if (!period) return null;
  const sum = (f: MoneyField): number => projects.reduce((s, p) => s + (p[f] ?? 0), 0);
  return {
    kind: 'project',
    title: layout.title ? maskText(layout.title, at(null), null, log, mask) : '村级工程项目公示',
    period,
    projects,
    totals: { budget: sum('budget'), contractAmount: sum('contractAmount'), amountPaid: sum('amountPaid') },
    notes: publicNotes(layout.notes, log, mask, layout.noteRows),
    ...extraHeaders(extras, layout.headerRows[0] ?? null, log, mask),
  };
}
