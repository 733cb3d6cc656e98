import { darkRuns, QUIET_ZONE_MODULES, runsPath } from '../../data/poster/qr-runs.ts';
import { COMPLAINT_QR_LEVEL, qrMatrix } from '../poster/qr-matrix.ts';
import type { QrPath } from './page-model.ts';

/**
 * A QR code as one SVG path: each run of dark modules in a row is one rectangle, in module
 * units, offset by the quiet zone, so the page draws it with a single <path> element (no
 * markup built from strings, no seams between modules).
 */
export function qrPath(text: string): QrPath {
  const matrix = qrMatrix(text, COMPLAINT_QR_LEVEL);
  return { size: matrix.size + 2 * QUIET_ZONE_MODULES, d: runsPath(darkRuns(matrix), QUIET_ZONE_MODULES) };
}
