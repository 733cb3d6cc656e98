import { invalidTextReason } from '../text-validity.ts';
import { columnLetter, type Grid } from './grid.ts';
import { place, type IssueLog } from './issues.ts';

/**
 * Every text cell of an uploaded sheet, CSV or XLSX, checked before anything reads it
 * (data/text-validity.ts): a control character, a noncharacter or U+FFFD in any cell is an error
 * naming the sheet, row and column, and the file publishes nothing. U+FFFD in a CSV is almost
 * always the file's encoding read wrongly (decode-text.ts falls back to GB18030), so the message
 * says how to save it again. Lone surrogates cannot reach a grid (the decoders replace them with
 * U+FFFD), and are refused all the same. Returns how many cells were refused.
 */
export function refuseInvalidCells(grids: readonly Grid[], log: IssueLog, format: 'csv' | 'xlsx'): number {
  let refused = 0;
  const named = grids.length > 1;
  for (const grid of grids) {
    const sheet = named && grid.sheet !== null ? { zh: `工作表“${grid.sheet.slice(0, 31)}”`, en: `Sheet "${grid.sheet.slice(0, 31)}", ` } : { zh: '', en: '' };
    for (const row of grid.rows) {
      let previous: string | null = null;
      row.cells.forEach((cell, c) => {
        if (typeof cell !== 'string') return;
        // a merged cell reads as its value in every column it spans: one error for it, not one per column
        const repeat = cell === previous;
        previous = cell;
        if (repeat) return;
        const invalid = invalidTextReason(cell);
        if (!invalid) return;
        refused += 1;
        const where = { row: row.row, column: columnLetter(c), field: null };
        const at = place(where);
        const advice = advise(invalid.problem, format);
        log.error('invalid-text', where, `${sheet.zh}${at.zh}${invalid.zh}。${advice.zh}`, `${sheet.en}${at.en} ${invalid.en}. ${advice.en}`);
      });
    }
  }
  return refused;
}

// ——— private helpers ———

function advise(problem: string, format: 'csv' | 'xlsx'): { zh: string; en: string } {
  if (problem === 'replacement' && format === 'csv') {
    return {
      zh: '这通常是文件的编码读错了：请在 Excel/WPS 中把文件另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重新上传。',
      en: 'This usually means the file’s encoding was read wrongly: save it again in Excel/WPS as "CSV UTF-8 (comma delimited)" or as .xlsx and upload that.',
    };
  }
  return { zh: '请在表格中改正这个单元格后重新上传。', en: 'Correct the cell in the sheet and upload it again.' };
}
