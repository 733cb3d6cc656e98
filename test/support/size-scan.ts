/**
 * What a page shows too small for an elderly reader's eyes and fingers (issue 16): text under a
 * size, and touch targets under 44×44 CSS px. Evaluated in the page (a string, so the browser runs
 * it as written). Text: every visible element with text of its own, at its computed size. Targets:
 * links, buttons, form fields and disclosure summaries, at their box — except, as WCAG 2.5.8 has
 * it, a link inside a sentence, whose size the line of text decides (a link with other text
 * beside it in the same block).
 */
export interface SizeScan {
  smallText: Array<{ tag: string; text: string; px: number }>;
  smallTargets: Array<{ tag: string; text: string; width: number; height: number }>;
}

export const sizeScan = (minText: number, minTarget = 44): string => `(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[hidden],[aria-hidden="true"],details:not([open]) > :not(summary)');
  };
  const label = (el) => (el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  const smallText = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'svg', 'SVG', 'NOSCRIPT'].includes(el.tagName) || el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own || !visible(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < ${minText}) smallText.push({ tag: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''), text: label(el), px });
  }
  const inSentence = (a) => {
    if (a.tagName !== 'A') return false;
    const block = a.parentElement && a.parentElement.closest('p, li, dd, td, th, figcaption, caption, span, small');
    if (!block) return false;
    return (block.textContent || '').replace(/\\s+/g, '').length > (a.textContent || '').replace(/\\s+/g, '').length;
  };
  // a field's target is its box together with its labels', which a tap on selects it too
  const box = (el) => {
    const rects = [el, ...(el.labels ? [...el.labels] : [])].filter(visible).map((x) => x.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left)), right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top)), bottom = Math.max(...rects.map((r) => r.bottom));
    return { width: right - left, height: bottom - top };
  };
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
  const smallTargets = [];
  for (const el of document.body.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (!visible(el) || inSentence(el)) continue;
    const r = box(el);
    if (r.width < ${minTarget} || r.height < ${minTarget}) smallTargets.push({ tag: (el.parentElement ? name(el.parentElement) + ' > ' : '') + name(el), text: label(el), width: Math.round(r.width), height: Math.round(r.height) });
  }
  return { smallText, smallTargets };
})()`;
