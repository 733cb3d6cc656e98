import type { MaskFormat } from '../personal-data.ts';
import { maskNumbersInText } from '../personal-data.ts';
import type { PublicationKind } from '../publication.ts';
import { FIELD_NAMES } from './header-map.ts';
import { quote, type IssueLog } from './issues.ts';
import type { Layout } from './table-layout.ts';

/**
 * Pieces every spreadsheet importer needs: the columns a kind cannot do without, and the notes
 * around a table made safe to publish.
 */

/** Each group needs one of its fields mapped (e.g. 摘要, and 收入 or 支出); one error per missing group. */
export function requireColumns(
  layout: Extract<Layout, { kind: 'ok' }>,
  groups: ReadonlyArray<readonly string[]>,
  kind: PublicationKind,
  log: IssueLog,
): boolean {
  let ok = true;
  const found = Object.values(layout.columns).map((col) => col?.header ?? '');
  for (const group of groups) {
    if (group.some((f) => layout.columns[f])) continue;
    ok = false;
    const names = group.flatMap((f) => (FIELD_NAMES[kind][f] ?? []).slice(0, 3));
    log.error(
      'missing-column',
      { row: layout.headerRows[0] ?? null, column: null, field: group.join('|') },
      `第${layout.headerRows.join('、')}行表头中找不到“${names.join('”或“')}”列。已识别的列：${found.map(quote).join('、') || '无'}。`,
      `The header in row ${layout.headerRows.join(', ')} has no ${group.join(' or ')} column (expected a header such as ${names.join(', ')}). Columns recognised: ${found.map(quote).join(', ') || 'none'}.`,
    );
  }
  return ok;
}

/**
 * Title, note and footer lines as published: ID and card numbers masked; a phone number stays
 * when the line presents it as a contact (监督电话, 举报电话), since villagers need to call it.
 */
export function publicNotes(lines: readonly string[], log: IssueLog, mask: MaskFormat): string[] {
  return lines.map((line) => {
    const result = maskNumbersInText(line, mask);
    if (result.found.length === 0) return line;
    const contact = result.found.every((k) => k === 'phone') && /电话|热线|联系|举报|监督|投诉|咨询/.test(line);
    if (contact) return line;
    log.warn(
      'unmasked-in-text',
      { row: null, column: null, field: 'notes' },
      `表格上下的说明文字中有未打码的身份证号、手机号或银行卡号，已自动打码后发布：“${quote(result.text)}”`,
      `A note line around the table contains an unmasked ID, phone or card number; it has been masked before publishing: “${quote(result.text)}”`,
    );
    return result.text;
  });
}
