import { describe, expect, it } from 'vitest';
import { isScriptUrl, scanHtml } from './html-scan.ts';

// The XSS test is only as good as its reading of a page: these are the cases it must tell apart.
describe('scanning a page for injected markup', () => {
  it('sees an element injected into text, and text where a payload was escaped', () => {
    const injected = scanHtml('<p>摘要 <img src=x onerror=alert(1)></p>');
    expect(injected.elements.map((e) => e.name)).toEqual(['p', 'img']);
    expect(injected.elements[1]?.attributes).toEqual([['src', 'x'], ['onerror', 'alert(1)']]);

    const escaped = scanHtml('<p>摘要 &lt;img src=x onerror=alert(1)&gt; &#34;</p>');
    expect(escaped.elements.map((e) => e.name)).toEqual(['p']);
    expect(escaped.text).toContain('摘要 <img src=x onerror=alert(1)> "');
  });

  it('reads markup inside a quoted attribute or a textarea as text, and a quote that breaks out as markup', () => {
    const quoted = scanHtml('<input value="&#34;><img src=x>"><textarea>&lt;/textarea&gt;<svg onload=alert(1)></textarea>');
    expect(quoted.elements.map((e) => e.name)).toEqual(['input', 'textarea']);
    expect(quoted.elements[0]?.attributes).toEqual([['value', '"><img src=x>']]);
    expect(quoted.elements[1]?.rawText).toBe('</textarea><svg onload=alert(1)>');

    const broken = scanHtml('<input value=""><img src=x onerror=alert(1)>"><textarea></textarea><svg onload=alert(1)></textarea>');
    expect(broken.elements.map((e) => e.name)).toEqual(['input', 'img', 'textarea', 'svg']);
  });

  it('takes a script element’s content as raw text, and a comment as nothing', () => {
    const page = scanHtml('<!-- <img src=x> --><script>if (a < b) document.title = "<p>";</script><p>x</p>');
    expect(page.elements.map((e) => [e.name, e.rawText])).toEqual([
      ['script', 'if (a < b) document.title = "<p>";'],
      ['p', null],
    ]);
  });

  it('recognises a javascript: URL however it is written', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>']) expect(isScriptUrl(url), url).toBe(true);
    for (const url of ['/v/430802108214/', '#javascript:alert(1)', 'https://example.org/javascript:']) expect(isScriptUrl(url), url).toBe(false);
  });
});
