import { describe, expect, it } from 'vitest';
import { fitNotice, withheldNotice } from './withheld-notice.ts';

const page = (html: string) => new TextEncoder().encode(html);
const text = (bytes: string | Uint8Array) => (typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));

describe('the notice written in place of a withheld file', () => {
  it('is the rendered notice page for a page', async () => {
    const notice = await withheldNotice('v/1/p/x/index.html', async () => page('<h1>内容待核查</h1>'));
    expect(text(notice)).toBe('<h1>内容待核查</h1>');
  });

  it('is plain text for a file of no known format', async () => {
    expect(await withheldNotice('v/1/notes.txt', async () => page('<h1>x</h1>'))).toBe(
      '内容待核查\n本文件内容正在核查，核查完成后恢复公开。 / The content of this file is being checked and will return.\n',
    );
  });

  it('keeps the rendered notice page when it carries no number', () => {
    expect(text(fitNotice({ status: 200, html: page('<h1>内容待核查</h1><a href="/">阳光村务</a>') }, []))).toBe('<h1>内容待核查</h1><a href="/">阳光村务</a>');
  });

  it('falls back to its own plain page when the renderer put a number into the notice too, or failed', () => {
    for (const rendered of [{ status: 200, html: page('<h1>内容待核查</h1><p>13826092975</p>') }, { status: 404, html: page('') }, null]) {
      const html = text(fitNotice(rendered, []));
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('<h1>内容待核查</h1><p>本页内容正在核查，核查完成后恢复公开。</p>');
      expect(html).not.toContain('13826092975');
    }
  });
});
