import { maskNumbersInText } from '../personal-data.ts';
import type { PublicationKind } from '../publication.ts';
import { FIELD_NAMES } from './header-map.ts';
import { quote, type IssueLog } from './issues.ts';
import { PERSONAL_NUMBER_NAMES, type TextMask } from './personal-fields.ts';
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
 * Title, note and footer lines as published, every personal number masked — a 监督电话 too,
 * unless it is configured (PORTAL_SUPERVISION_PHONES, PORTAL_PUBLIC_PHONES): no word beside a
 * number can tell a hotline from a villager's 联系电话. Each masked number is reported on the
 * line it was on (the sheet row, or the JSON notes item), phones with how to keep them.
 */
export function publicNotes(lines: readonly string[], log: IssueLog, mask: TextMask, rows?: readonly (number | null)[]): string[] {
  return lines.map((line, i) => {
    const result = maskNumbersInText(line, mask, { allow: mask.allow });
    const row = rows ? (rows[i] ?? null) : null;
    const where = { row, column: null, field: 'notes' };
    const place = rows ? { zh: row === null ? '表格上下的说明文字' : `第${row}行`, en: row === null ? 'A note line around the table' : `Row ${row}` } : { zh: `notes 第${i + 1}条`, en: `notes[${i}]` };
    for (const n of result.numbers) {
      if (n.kind === 'mobile' || n.kind === 'landline') {
        log.warn(
          'phone-masked-in-note',
          where,
          `${place.zh}：电话号码 ${n.masked} 已隐去中间数字。如这是公开的监督或举报电话，请在 PORTAL_PUBLIC_PHONES 中登记后重新上传。`,
          `${place.en}: the phone number ${n.masked} has been published with its middle digits hidden. If it is a public supervision or complaints hotline, list it in PORTAL_PUBLIC_PHONES and upload again.`,
        );
      } else {
        const name = PERSONAL_NUMBER_NAMES[n.kind];
        log.warn(
          'unmasked-in-text',
          where,
          `${place.zh}：说明文字中的${name.zh}没有打码，已自动打码为 ${n.masked} 后发布。`,
          `${place.en}: the note contains an unmasked ${name.en}; it has been masked as ${n.masked} before publishing.`,
        );
      }
    }
    return result.text;
  });
}
