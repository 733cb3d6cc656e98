import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { WITHHELD_TEXT, WITHHELD_TITLE } from '../lib/withheld-view.ts';

/**
 * What is written in place of a file the privacy guard withheld (output-writer.ts): the same
 * address, so every link to it (a 201's url, a QR poster, the village's search box) finds the
 * notice instead of a stale page or nothing; in the file's own format, so a page reads as a page
 * and the search box's index as JSON it can refuse. Nothing of the withheld content goes in.
 */
export async function withheldNotice(file: string, page: () => Promise<Uint8Array>): Promise<string | Uint8Array> {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'html' || ext === 'htm') return page();
  if (ext === 'json') return JSON.stringify({ withheld: true, title: WITHHELD_TITLE, message: FILE_MESSAGE });
  // The byte-order mark: spreadsheet programs read the CSV files of the site as UTF-8 by it.
  if (ext === 'csv') return `\uFEFF${WITHHELD_TITLE}\r\n${FILE_MESSAGE}\r\n`;
  return `${WITHHELD_TITLE}\n${FILE_MESSAGE}\n`;
}

/**
 * The rendered notice page, unless it is not fit to stand in for a withheld page — the renderer
 * failed, or put a personal number into it too — and then a plain page built in here.
 */
export function fitNotice(rendered: { status: number; html: Uint8Array } | null, allow: readonly string[]): Uint8Array {
  if (!rendered || rendered.status !== 200) return PLAIN_PAGE;
  const fit = findPersonalNumbers(UTF8.decode(rendered.html), { allow }).length === 0;
  return fit ? rendered.html : PLAIN_PAGE;
}

const FILE_MESSAGE = `本文件内容正在核查，核查完成后恢复公开。 / The content of this file is being checked and will return.`;

const PLAIN_PAGE = new TextEncoder().encode(
  `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${WITHHELD_TITLE}</title></head>\n<body><h1>${WITHHELD_TITLE}</h1><p>${WITHHELD_TEXT.zh}</p><p><a href="/">首页</a></p><p>${WITHHELD_TEXT.en}</p></body></html>\n`,
);

const UTF8 = new TextDecoder();
