import { DEFAULT_ID_MASK, maskedPersonalNumber } from '../personal-data.ts';
import { publicNumberKeys, recognisePersonalNumbers } from '../privacy/personal-numbers.ts';
import type { PublicationContent } from '../publication.ts';
import type { IssueLog } from './issues.ts';
import { fieldLabel } from '../field-labels.ts';
import { PERSONAL_NUMBER_NAMES } from './personal-fields.ts';

/**
 * The last check before content is published: no value in it — text, a decimal kept as written,
 * an amount, a row number, a photo id — holds a personal number other than a configured public
 * one. Free text has been masked by now; what is left are fields published as written (a JSON
 * `quantity` of "13826092975", an `amount` of 13826092975 fen, a `row` that is an ID), and those
 * are refused with the field named rather than masked, since a masked quantity or amount would
 * publish a figure nobody stated. Totals are sums of what is checked here, so they are not.
 */
export function refuseStoredNumbers(content: PublicationContent, allow: readonly string[] | undefined, log: IssueLog): void {
  const allowed = publicNumberKeys(allow);
  const reported = new Set<string>();
  const { totals: _derived, ...stated } = content as PublicationContent & { totals?: unknown };
  visit(stated, [], null, (value, path, row) => {
    const text = typeof value === 'number' ? numberText(value) : value;
    const found = recognisePersonalNumbers(text).find((n) => !allowed.has(n.digits));
    // once per number and row: an annual amount repeats in every instalment worked out from it
    if (!found || reported.has(`${row}:${found.digits}`)) return;
    reported.add(`${row}:${found.digits}`);
    const field = fieldName(path);
    const name = PERSONAL_NUMBER_NAMES[found.kind];
    const shown = maskedPersonalNumber(found, DEFAULT_ID_MASK);
    const zh = row === null ? `“${fieldLabel(field)}”` : `第${row}行的“${fieldLabel(field)}”`;
    const en = row === null ? `Field ${field}` : `Row ${row}, field ${field}`;
    log.error(
      'personal-number-in-field',
      { row, column: null, field },
      `${zh}中有${name.zh}（${shown}）；这一字段会原样公开，不能含个人号码，请核对。`,
      `${en} holds a ${name.en} (${shown}); it is published as written and must not hold a personal number. Please check it.`,
    );
  });
}

// ——— private helpers ———

type Visitor = (value: string | number, path: readonly (string | number)[], row: number | null) => void;

function visit(value: unknown, path: (string | number)[], row: number | null, f: Visitor): void {
  if (typeof value === 'string' || typeof value === 'number') {
    f(value, path, row);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, [...path, i], row, f));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // an entry, row, project or contract: messages name its source row
  const own = typeof record.row === 'number' && Number.isSafeInteger(record.row) && record.row < 1e9 ? record.row : row;
  for (const [key, v] of Object.entries(record)) visit(v, [...path, key], own, f);
}

/** A number's digits as written in JSON: integers in full, never in exponent form. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
}

/** rows.3.quantity → quantity, totals.amount → totals.amount, photos of a project → photos[0].id */
function fieldName(path: readonly (string | number)[]): string {
  const inItem = typeof path[1] === 'number' && ['entries', 'rows', 'projects', 'contracts'].includes(String(path[0]));
  const rest = inItem ? path.slice(2) : path;
  return rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(根)';
}
