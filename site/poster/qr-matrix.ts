import QRCode from 'qrcode';
import type { QrMatrix } from '../../data/poster/qr-runs.ts';

/**
 * Error correction of the posters' QR codes. The village code is on a notice board for years, in
 * sun and rain: Q restores up to 25 % of a damaged symbol. The complaint code is smaller and read
 * close up; M (15 %) keeps its modules larger.
 */
export const VILLAGE_QR_LEVEL = 'Q';
export const COMPLAINT_QR_LEVEL = 'M';

export function qrMatrix(text: string, level: 'M' | 'Q' | 'H'): QrMatrix & { version: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  return { size: qr.modules.size, data: qr.modules.data, version: qr.version };
}
