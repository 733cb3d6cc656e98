/**
 * A small HTML tokenizer for the tests that look for injected markup: it reads a page the way a
 * browser splits it into elements — quoted attribute values, comments, and the raw-text elements
 * (script, style) and escapable raw-text ones (textarea, title) whose content is not markup — so
 * a `<img` inside a quoted attribute or a textarea is text, as it is to the browser, and a `<img`
 * anywhere else is an element. Not a full HTML5 parser: enough for pages we render ourselves.
 */
export interface ScannedElement {
  name: string;
  attributes: Array<[name: string, value: string]>;
  /** the content of script / style / textarea / title, entities decoded for the last two */
  rawText: string | null;
}

export interface ScannedPage {
  elements: ScannedElement[];
  /** text nodes and raw text of textarea / title, entities decoded, joined with spaces */
  text: string;
}

export function scanHtml(html: string): ScannedPage {
  const elements: ScannedElement[] = [];
  const texts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      texts.push(decodeEntities(html.slice(i)));
      break;
    }
    texts.push(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (/^<[!?/]/.test(html.slice(lt, lt + 2))) {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (!/^<[a-z]/i.test(html.slice(lt, lt + 2))) {
      texts.push('<');
      i = lt + 1;
      continue;
    }
    const tag = readTag(html, lt);
    i = tag.end;
    let rawText: string | null = null;
    if (RAW_TEXT.has(tag.name)) {
      const close = new RegExp(`</${tag.name}[\\s>/]`, 'ig');
      close.lastIndex = i;
      const m = close.exec(html);
      const end = m ? m.index : html.length;
      const raw = html.slice(i, end);
      rawText = tag.name === 'textarea' || tag.name === 'title' ? decodeEntities(raw) : raw;
      if (tag.name === 'textarea' || tag.name === 'title') texts.push(rawText);
      const gt = html.indexOf('>', end);
      i = gt < 0 ? html.length : gt + 1;
    }
    elements.push({ name: tag.name, attributes: tag.attributes, rawText });
  }
  return { elements, text: texts.join(' ') };
}

/** `javascript:` (and `vbscript:`, `data:text/html`) as a browser reads a URL attribute: entities decoded, whitespace and controls ignored. */
export function isScriptUrl(value: string): boolean {
  const v = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text/html');
}

export const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background']);

// ——— private helpers ———

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

function readTag(html: string, start: number): { name: string; attributes: Array<[string, string]>; end: number } {
  let i = start + 1;
  const nameMatch = /^[a-z][^\s/>]*/i.exec(html.slice(i));
  const name = (nameMatch?.[0] ?? '').toLowerCase();
  i += name.length;
  const attributes: Array<[string, string]> = [];
  while (i < html.length) {
    while (i < html.length && /[\s/]/.test(html[i]!)) i += 1;
    if (html[i] === '>') return { name, attributes, end: i + 1 };
    const attr = /^[^\s/>=]+/.exec(html.slice(i))?.[0] ?? html[i]!;
    i += attr.length;
    while (i < html.length && /\s/.test(html[i]!)) i += 1;
    let value = '';
    if (html[i] === '=') {
      i += 1;
      while (i < html.length && /\s/.test(html[i]!)) i += 1;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, i + 1);
        value = html.slice(i + 1, end < 0 ? html.length : end);
        i = end < 0 ? html.length : end + 1;
      } else {
        const raw = /^[^\s>]*/.exec(html.slice(i))?.[0] ?? '';
        value = raw;
        i += raw.length;
      }
    }
    attributes.push([attr.toLowerCase(), decodeEntities(value)]);
  }
  return { name, attributes, end: html.length };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', tab: '\t', newline: '\n' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
