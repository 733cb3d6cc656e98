import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputWriter, type WriteReport } from './output-writer.ts';

// The guard withholds a file with an unmasked number and writes a notice at its address; it
// never throws, and tells the builder what it withheld and what came clean.
const RAW_ID = '430802196401241328';
const MASKED_ID = '430802********1328';
const RAW_PHONE = '13826092975';
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cunwu-writer-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(root, file), 'utf8');
/** The report with each finding as [kind, line, masked number]: what the recogniser says, not where in the string. */
const brief = (r: WriteReport) => ({ withheld: r.withheld.map((w) => [w.file, w.findings.map((f) => [f.kind, f.line, f.shown])]), cleared: r.cleared });

describe('the output writer’s privacy guard', () => {
  it('writes a clean page as given and reports it written clean', async () => {
    const out = new OutputWriter(root);
    expect(await out.write('/v/430802108214/index.html', '<p>村务公开 430802108214</p>')).toEqual({ kind: 'written' });
    expect(read('v/430802108214/index.html')).toBe('<p>村务公开 430802108214</p>');
    expect(out.takeReport()).toEqual({ withheld: [], cleared: ['v/430802108214/index.html'] });
    expect(out.files).toBe(1);
  });

  it('writes the notice in place of a page with an unmasked ID, and reports it masked, line and all', async () => {
    const out = new OutputWriter(root);
    const outcome = await out.write('/v/430802108214/index.html', `<h1>马头溪村</h1>\n<p>经办人身份证 ${RAW_ID}</p>`);
    expect(outcome.kind === 'withheld' && outcome.findings.map((f) => [f.kind, f.line, f.shown])).toEqual([['id-number', 2, MASKED_ID]]);
    const html = read('v/430802108214/index.html');
    expect(html).toContain('内容待核查');
    expect(html).not.toContain(RAW_ID);
    expect(html).not.toContain('马头溪村');
    expect(brief(out.takeReport())).toEqual({ withheld: [['v/430802108214/index.html', [['id-number', 2, MASKED_ID]]]], cleared: [] });
    expect(out.files).toBe(1);
  });

  it('writes a JSON notice in place of a JSON file and a CSV notice in place of a CSV file', async () => {
    const out = new OutputWriter(root, { direct: true });
    await out.write('v/1/search-index.json', JSON.stringify({ docs: [{ t: `张三 ${RAW_PHONE}` }] }));
    await out.write('r/1/charts/a.csv', `姓名,电话\r\n张三,${RAW_PHONE}\r\n`);
    expect(JSON.parse(read('v/1/search-index.json'))).toEqual({ withheld: true, title: '内容待核查', message: '本文件内容正在核查，核查完成后恢复公开。 / The content of this file is being checked and will return.' });
    expect(read('r/1/charts/a.csv')).toBe('\uFEFF内容待核查\r\n本文件内容正在核查，核查完成后恢复公开。 / The content of this file is being checked and will return.\r\n');
    // into a staging folder only what was withheld matters: a full build replaces the whole list
    expect(brief(out.takeReport())).toEqual({
      withheld: [
        ['v/1/search-index.json', [['mobile', 1, '138****2975']]],
        ['r/1/charts/a.csv', [['mobile', 2, '138****2975']]],
      ],
      cleared: [],
    });
  });

  it('lets a configured supervision phone through', async () => {
    const out = new OutputWriter(root, { allow: [RAW_PHONE] });
    expect(await out.write('index.html', `<p>${RAW_PHONE}</p>`)).toEqual({ kind: 'written' });
    expect(read('index.html')).toBe(`<p>${RAW_PHONE}</p>`);
  });

  it('reports a page by its latest write: withheld then written clean, it is cleared', async () => {
    const out = new OutputWriter(root);
    await out.write('v/1/index.html', `<p>${RAW_ID}</p>`);
    await out.write('v/1/index.html', '<p>已更正</p>');
    expect(out.takeReport()).toEqual({ withheld: [], cleared: ['v/1/index.html'] });
    expect(read('v/1/index.html')).toBe('<p>已更正</p>');
    // and the report starts afresh
    expect(out.takeReport()).toEqual({ withheld: [], cleared: [] });
  });

  it('reports a removed file as cleared, and what it withheld there as gone', async () => {
    const out = new OutputWriter(root);
    await out.write('v/1/search-index.json', `["${RAW_ID}"]`);
    await out.remove('/v/1/search-index.json');
    expect(existsSync(join(root, 'v/1/search-index.json'))).toBe(false);
    expect(out.takeReport()).toEqual({ withheld: [], cleared: ['v/1/search-index.json'] });
  });

  it('does not scan photos: a number in a WebP file is compressed bytes, not text', async () => {
    const out = new OutputWriter(root);
    const bytes = new TextEncoder().encode(`RIFF${RAW_ID}`);
    expect(await out.write('media/abc-320.webp', bytes)).toEqual({ kind: 'written' });
    expect(readFileSync(join(root, 'media/abc-320.webp')).equals(Buffer.from(bytes))).toBe(true);
  });
});
