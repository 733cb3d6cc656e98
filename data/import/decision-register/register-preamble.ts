import type { AmountUnit } from '../../money.ts';
import { cellText, columnLetter, type GridRow } from '../grid.ts';

/**
 * The lines above a register's step table: 事由：…, 涉及金额：…, 对应小微权力事项：…, and where the
 * register keeps them 合同编号：…, 合同签订日期：… and 竣工日期：… (so the checks can date the contract
 * and the completion), each in a cell
 * of its own (merged or not), two on one line, or the label in one cell and the words in the next.
 * The first other line is the form's title and is dropped; any further line is kept as a note.
 */

export interface LabelledValue {
  text: string;
  row: number;
  /** the column letter of the cell the words were in */
  column: string;
  /** what the label said, for messages: 事由, 涉及金额（万元） */
  label: string;
}

export interface Preamble {
  subject: LabelledValue | null;
  amount: (LabelledValue & { unit: AmountUnit }) | null;
  powerItem: LabelledValue | null;
  contract: LabelledValue | null;
  contractDate: LabelledValue | null;
  completedOn: LabelledValue | null;
  notes: Array<{ text: string; row: number }>;
}

export function readPreamble(rows: readonly GridRow[]): Preamble {
  const out: Preamble = { subject: null, amount: null, powerItem: null, contract: null, contractDate: null, completedOn: null, notes: [] };
  let titleSeen = false;
  for (const row of rows) {
    const pieces = rowPieces(row);
    const unlabelled: string[] = [];
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p] as { text: string; index: number };
      const parts = splitLabels(piece.text);
      if (parts.length === 0) {
        unlabelled.push(piece.text);
        continue;
      }
      if (parts[0]?.before) unlabelled.push(parts[0].before);
      for (const part of parts) {
        let value = part.value;
        let index = piece.index;
        // the label alone in its cell, the words in the next one
        const next = pieces[p + 1];
        if (value === '' && part === parts[parts.length - 1] && next && splitLabels(next.text).length === 0) {
          value = next.text;
          index = next.index;
          p++;
        }
        const found: LabelledValue = { text: value, row: row.row, column: columnLetter(index), label: part.label };
        if (part.field === 'amount') out.amount ??= { ...found, unit: part.unit };
        else out[part.field] ??= found;
      }
    }
    const line = unlabelled.join('  ').trim();
    if (line === '') continue;
    if (!titleSeen) titleSeen = true;
    else out.notes.push({ text: line, row: row.row });
  }
  return out;
}

// ——— private helpers ———

type PreambleField = 'subject' | 'amount' | 'powerItem' | 'contract' | 'contractDate' | 'completedOn';

/** 对应小微权力事项 before 小微权力事项, 涉及金额 before 金额: the alternation is tried left to right. */
const LABEL = /(事\s*由|对应小微权力事项|小微权力事项|对应权力事项|权力事项|合同签订日期|合同签订时间|签订日期|竣工验收日期|竣工日期|完工日期|验收日期|关联合同编号|合同编号|关联合同|涉及金额|涉及资金|金额)\s*(?:[(（]\s*(?:单位[:：]?)?(万元|元)\s*[)）])?\s*[:：]/g;

interface LabelPart {
  field: PreambleField;
  label: string;
  unit: AmountUnit;
  value: string;
  /** text before the first label in the cell */
  before: string;
}

function splitLabels(text: string): LabelPart[] {
  const matches = [...text.matchAll(LABEL)];
  return matches.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const name = (m[1] ?? '').replace(/\s+/g, '');
    const field: PreambleField =
      name === '事由'
        ? 'subject'
        : name.includes('权力事项')
          ? 'powerItem'
          : /竣工|完工|验收/.test(name)
            ? 'completedOn'
            : name.includes('日期') || name.includes('时间')
              ? 'contractDate'
              : name.includes('合同')
                ? 'contract'
                : 'amount';
    return {
      field,
      label: m[0].replace(/\s*[:：]$/, ''),
      unit: m[2] === '万元' ? 'wan' : 'yuan',
      value: text.slice(start, end).trim().replace(/[，,;；]$/, '').trim(),
      before: i === 0 ? text.slice(0, m.index).trim() : '',
    };
  });
}

/** A row's texts, a merged cell (its value repeated across the range) read once. */
function rowPieces(row: GridRow): Array<{ text: string; index: number }> {
  const pieces: Array<{ text: string; index: number }> = [];
  row.cells.forEach((cell, index) => {
    const text = cellText(cell).replace(/\s*\n\s*/g, ' ');
    if (text !== '' && pieces[pieces.length - 1]?.text !== text) pieces.push({ text, index });
  });
  return pieces;
}
