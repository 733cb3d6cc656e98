/**
 * The tags of an XML text, found in one linear pass: enough to check and trim a workbook's
 * parts before a real parser sees them, and safe on hostile input (no regex that can backtrack,
 * no position visited twice). Comments, CDATA and processing instructions are skipped as a
 * parser skips them; a tag interrupted by another `<` restarts there, so a tag hidden inside a
 * broken one is still seen. Quoted attribute values may hold `>`, as XML allows.
 */

export interface XmlTag {
  /** local name, without a namespace prefix */
  name: string;
  kind: 'open' | 'close' | 'empty';
  /** offsets of `<` and just after `>` */
  start: number;
  end: number;
  attributes: Map<string, string>;
}

export function* xmlTags(xml: string): Generator<XmlTag> {
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = after(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) i = after(xml, ']]>', i + 9);
    else if (xml.startsWith('<?', i)) i = after(xml, '?>', i + 2);
    else if (xml.startsWith('<!', i)) i = after(xml, '>', i + 2);
    else {
      const tag = readTag(xml, i);
      if (tag.kind === 'restart') {
        i = tag.at;
        continue;
      }
      if (tag.kind === 'eof') return;
      yield tag.tag;
      i = tag.tag.end;
    }
    if (i < 0) return;
    i = xml.indexOf('<', i);
  }
}

/** Whether the text declares a DTD or entities; no workbook part does, and entities can expand. */
export function hasDoctype(xml: string): boolean {
  return /<!(?:DOCTYPE|ENTITY)/i.test(xml);
}

// ——— private helpers ———

type Read = { kind: 'tag'; tag: XmlTag } | { kind: 'restart'; at: number } | { kind: 'eof' };

function after(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

function readTag(xml: string, start: number): Read {
  let i = start + 1;
  const closing = xml[i] === '/';
  if (closing) i++;
  const nameStart = i;
  while (i < xml.length && isNameChar(xml.charCodeAt(i))) i++;
  const qualified = xml.slice(nameStart, i);
  const name = qualified.slice(qualified.lastIndexOf(':') + 1);
  const attributes = new Map<string, string>();
  while (i < xml.length) {
    const c = xml[i];
    if (c === '<') return { kind: 'restart', at: i };
    if (c === '>') {
      const empty = xml[i - 1] === '/';
      return { kind: 'tag', tag: { name, kind: closing ? 'close' : empty ? 'empty' : 'open', start, end: i + 1, attributes } };
    }
    if (isNameChar(xml.charCodeAt(i))) {
      const attrStart = i;
      while (i < xml.length && isNameChar(xml.charCodeAt(i))) i++;
      const attr = xml.slice(attrStart, i);
      while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
      if (xml[i] !== '=') continue;
      i++;
      while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") continue;
      const close = xml.indexOf(quote, i + 1);
      if (close < 0) return { kind: 'eof' };
      const value = xml.slice(i + 1, close);
      // A `<` in a value is not XML; a parser stops there, but a tag may start at it.
      const lt = value.indexOf('<');
      if (lt >= 0) return { kind: 'restart', at: i + 1 + lt };
      attributes.set(attr, value);
      i = close + 1;
      continue;
    }
    i++;
  }
  return { kind: 'eof' };
}

function isNameChar(c: number): boolean {
  // ASCII letters, digits, _ - . : and any non-ASCII character
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
