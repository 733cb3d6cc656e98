import { describe, expect, it } from 'vitest';
import { csvGrid, sniffDelimiter } from './csv-grid.ts';

describe('csvGrid', () => {
  it('handles quotes, doubled quotes, and line breaks inside quotes, numbering records', () => {
    const grid = csvGrid('a,"b,1","say ""hi"""\r\n"two\nlines",x,\r\nlast,,z');
    expect(grid.rows).toEqual([
      { row: 1, cells: ['a', 'b,1', 'say "hi"'] },
      { row: 2, cells: ['two\nlines', 'x', ''] },
      { row: 3, cells: ['last', '', 'z'] },
    ]);
  });

  it('accepts LF and lone CR line ends and counts blank lines as rows', () => {
    expect(csvGrid('a\n\nb\rc\n').rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'b'],
      [4, 'c'],
    ]);
  });

  it('sniffs tab and semicolon delimiters', () => {
    expect(sniffDelimiter('a\tb\tc\n1\t"2,5"\t3')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n1;2,5;3')).toBe(';');
    expect(sniffDelimiter('a,b\n"1;2",3')).toBe(',');
    expect(csvGrid('x;y\n1;2').rows[1]?.cells).toEqual(['1', '2']);
  });
});
