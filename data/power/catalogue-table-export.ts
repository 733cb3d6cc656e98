import { DEADLINE_UNIT_CELL, formulaSafe, writeFen, writeFraction, writeLines, writeList } from './catalogue-table-cells.ts';
import { CATALOGUE_COLUMNS, CATALOGUE_PREAMBLE, type CatalogueField } from './catalogue-table.ts';
import { POWER_CATEGORY_NAME, QUORUM_BASE_NAME, STEP_ACTOR_NAME, STEP_EVIDENCE_NAME, type PowerCatalogue, type PowerItem, type PowerStep } from './power-catalogue.ts';

/**
 * A catalogue in the table layout catalogueFromGrids reads (catalogue-table.ts), for a county to
 * download, edit and upload back: the preamble, a blank line, the header, one row per step, an
 * item's columns filled on its first step row only.
 */
export function catalogueRows(catalogue: PowerCatalogue): string[][] {
  const preamble = CATALOGUE_PREAMBLE.map((p) => [p.label, catalogue[p.field]]);
  const header = CATALOGUE_COLUMNS.map((c) => c.header);
  const steps = catalogue.items.flatMap((item) =>
    item.steps.map((step, j) => {
      const cells: Record<CatalogueField, string> = { ...(j === 0 ? itemCells(item) : BLANK_ITEM), ...stepCells(step) };
      return CATALOGUE_COLUMNS.map((c) => cells[c.field]);
    }),
  );
  return [...preamble, [], header, ...steps];
}

/**
 * As CSV for Excel: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM (without it Excel on Windows
 * reads the Chinese as GBK), and text a spreadsheet would run as a formula behind an apostrophe,
 * which the reader takes off again.
 */
export function catalogueCsv(catalogue: PowerCatalogue): string {
  const lines = catalogueRows(catalogue).map((row) => row.map((cell) => quoteCsv(formulaSafe(cell))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ——— private helpers ———

type ItemField = Exclude<CatalogueField, `steps.${string}`>;
type StepField = Extract<CatalogueField, `steps.${string}`>;

const BLANK_ITEM: Record<ItemField, string> = {
  code: '',
  name: '',
  category: '',
  gbClass: '',
  'appliesWhen.amountMinFen': '',
  'appliesWhen.amountMaxFen': '',
  'appliesWhen.note': '',
  legalBasis: '',
};

function itemCells(item: PowerItem): Record<ItemField, string> {
  return {
    code: item.code,
    name: item.name,
    category: POWER_CATEGORY_NAME[item.category],
    gbClass: item.gbClass ?? '',
    'appliesWhen.amountMinFen': writeFen(item.appliesWhen.amountMinFen),
    'appliesWhen.amountMaxFen': writeFen(item.appliesWhen.amountMaxFen),
    'appliesWhen.note': item.appliesWhen.note ?? '',
    legalBasis: writeLines(item.legalBasis),
  };
}

function stepCells(step: PowerStep): Record<StepField, string> {
  const { deadline, quorum, disclosure } = step;
  return {
    'steps.seq': String(step.seq),
    'steps.name': step.name,
    'steps.actor': STEP_ACTOR_NAME[step.actor],
    'steps.evidence': writeList(step.evidence.map((e) => STEP_EVIDENCE_NAME[e])),
    'steps.deadline.days': deadline ? String(deadline.days) : '',
    'steps.deadline.unit': deadline ? DEADLINE_UNIT_CELL[deadline.unit] : '',
    'steps.deadline.fromStep': deadline ? String(deadline.fromStep) : '',
    'steps.quorum.presentAtLeast': writeFraction(quorum?.presentAtLeast ?? null),
    'steps.quorum.approveMoreThan': writeFraction(quorum?.approveMoreThan ?? null),
    'steps.quorum.base': quorum ? QUORUM_BASE_NAME[quorum.base] : '',
    'steps.disclosure.what': disclosure?.what ?? '',
    'steps.disclosure.where': disclosure ? writeList(disclosure.where) : '',
    'steps.disclosure.minDays': disclosure && disclosure.minDays !== null ? String(disclosure.minDays) : '',
  };
}

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
