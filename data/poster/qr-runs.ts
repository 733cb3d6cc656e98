/**
 * A QR symbol as drawing instructions. Dark modules next to each other in a row become one
 * rectangle, so a poster's content stream stays small and the symbol is one filled path (no
 * hairline seams between modules when a printer driver or a phone rasterises it).
 */

/** A square matrix of modules, row by row; 1 (truthy) is dark. `qrcode`'s BitMatrix fits. */
export interface QrMatrix {
  size: number;
  data: ArrayLike<number | boolean>;
}

/** `length` dark modules from (`row`, `col`) to the right. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/** A QR symbol needs at least four light modules around it to be found by a scanner. */
export const QUIET_ZONE_MODULES = 4;

export function darkRuns(matrix: QrMatrix): QrRun[] {
  const runs: QrRun[] = [];
  const n = matrix.size;
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && Boolean(matrix.data[row * n + col]);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return runs;
}

/** The runs as one SVG path `d`, in module units, each run a rectangle, moved by `offset` modules. */
export function runsPath(runs: readonly QrRun[], offset = 0): string {
  return runs.map((r) => `M${r.col + offset} ${r.row + offset}h${r.length}v1h-${r.length}z`).join('');
}
