import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import type { PowerItem } from '../../data/power/power-catalogue.ts';
import { textWidth } from './charts/chart-text.ts';
import { BOX_WIDTH, buildPowerFlowchart, LINE_WIDTH, MIN_TEXT_SIZE, NARROW_RENDERED_WIDTH, renderedPx, TITLE_SIZE, VIEWBOX_WIDTH, type FlowText } from './power-flowchart.ts';

/** 四议两公开 itself: the item whose steps go through both the 党员大会 and the 村民代表会议, with nothing else to carry out. */
function fourTwoItem(): PowerItem {
  const found = DEFAULT_CATALOGUE.items.filter(
    (i) => i.name.includes('四议两公开') && i.steps.some((s) => s.actor === 'party-members-meeting') && i.steps.some((s) => s.actor === 'representatives-meeting'),
  );
  expect(found.map((i) => i.code)).toEqual(['major-decision']);
  return found[0]!;
}

const texts = (els: ReturnType<typeof buildPowerFlowchart>['elements']): FlowText[] => els.filter((e): e is FlowText => e.kind === 'text');

describe('power flowchart', () => {
  it('draws 四议两公开 as six boxes in step order, top to bottom, with an arrow from each to the next', () => {
    const item = fourTwoItem();
    const chart = buildPowerFlowchart(item);
    expect(chart.boxes.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(chart.boxes.map((b) => b.lines[0])).toEqual(['1. 村党组织提议', '2. 村“两委”会议商议', '3. 党员大会审议', '4. 村民代表会议决议', '5. 决议公开', '6. 实施结果公开']);
    for (let i = 1; i < chart.boxes.length; i++) expect(chart.boxes[i]!.y).toBeGreaterThan(chart.boxes[i - 1]!.y + chart.boxes[i - 1]!.height);
    expect(chart.arrows.map((a) => [a.from, a.to])).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]);
    for (const a of chart.arrows) {
      const from = chart.boxes[a.from - 1]!;
      const to = chart.boxes[a.to - 1]!;
      // from the bottom edge of one box to the top edge of the next
      expect(a.points[0]!.y).toBeCloseTo(from.y + from.height, 0);
      expect(a.points.at(-1)!.y).toBeCloseTo(to.y, 0);
    }
    const paths = chart.elements.filter((e) => e.kind === 'path');
    expect(paths).toHaveLength(5);
    for (const p of paths) expect(p.kind === 'path' && p.markerEnd).toBe(chart.marker.id);
  });

  it('shows in each box who acts, the vote needed and the records kept', () => {
    const chart = buildPowerFlowchart(fourTwoItem());
    expect(chart.boxes[2]!.lines).toEqual(['3. 党员大会审议', '（方案提前送达全体党员）', '执行：党员大会', '表决：到会≥三分之二，赞成>半数', '（应到人数）', '留存：会议记录、签到表、表决结果']);
    expect(chart.boxes[4]!.lines).toContain('留存：公示照片');
  });

  it('shortens a long record list in the box to three names and a count', () => {
    const base = fourTwoItem();
    const chart = buildPowerFlowchart({ ...base, steps: [{ ...base.steps[0]!, evidence: ['meeting-minutes', 'sign-in-sheet', 'vote-result', 'notice-photo'] }] });
    expect(chart.boxes[0]!.lines.join('')).toContain('留存：会议记录、签到表、表决结果等4项');
    expect(chart.boxes[0]!.lines.join('')).not.toContain('公示照片');
  });

  it('fits every item of the default list in one column no wider than the viewBox', () => {
    for (const item of DEFAULT_CATALOGUE.items) {
      const chart = buildPowerFlowchart(item);
      expect(chart.width, item.code).toBe(VIEWBOX_WIDTH);
      expect(chart.viewBox).toBe(`0 0 ${chart.width} ${chart.height}`);
      expect(chart.boxes).toHaveLength(item.steps.length);
      expect(chart.arrows).toHaveLength(item.steps.length - 1);
      for (const b of chart.boxes) {
        expect(b.width, item.code).toBeLessThanOrEqual(BOX_WIDTH);
        expect(b.x, item.code).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, item.code).toBeLessThanOrEqual(chart.width);
        expect(b.y + b.height, item.code).toBeLessThanOrEqual(chart.height);
      }
    }
  });

  it('draws all text at 16 px or more on a 360 px phone', () => {
    // the rule in power-flowchart.ts: a 320-unit viewBox drawn across the 332 px column
    expect(NARROW_RENDERED_WIDTH).toBe(332);
    expect(renderedPx(MIN_TEXT_SIZE, VIEWBOX_WIDTH)).toBeGreaterThanOrEqual(16);
    expect(renderedPx(MIN_TEXT_SIZE, 400)).toBeLessThan(16); // a wider chart would break the rule
    for (const item of DEFAULT_CATALOGUE.items) {
      const chart = buildPowerFlowchart(item);
      for (const t of texts(chart.elements)) expect(renderedPx(t.size, chart.width), `${item.code}: ${t.text}`).toBeGreaterThanOrEqual(16);
    }
  });

  it('keeps every line of text inside its box', () => {
    for (const item of DEFAULT_CATALOGUE.items) {
      const chart = buildPowerFlowchart(item);
      const rects = chart.elements.filter((e) => e.kind === 'rect');
      for (const t of texts(chart.elements)) {
        expect(textWidth(t.text, t.size), t.text).toBeLessThanOrEqual(LINE_WIDTH);
        const box = rects.find((r) => r.kind === 'rect' && t.x >= r.x && t.x <= r.x + r.width && t.y > r.y && t.y < r.y + r.height);
        expect(box, `${item.code}: ${t.text}`).toBeDefined();
        if (box?.kind === 'rect') expect(t.x + textWidth(t.text, t.size)).toBeLessThanOrEqual(box.x + box.width);
      }
    }
  });

  it('wraps a long Chinese name into lines of at most 15 characters without losing any', () => {
    const name = '村集体经济组织成员资格认定及集体资产股份量化折股到户并颁发股权证书的全部办理程序';
    const base = DEFAULT_CATALOGUE.items[0]!;
    const chart = buildPowerFlowchart({ ...base, steps: [{ ...base.steps[0]!, name }] });
    const title = texts(chart.elements).filter((t) => t.size === TITLE_SIZE).map((t) => t.text);
    // 276 units of line at 18 units a character
    expect(Math.floor(LINE_WIDTH / TITLE_SIZE)).toBe(15);
    expect(title.length).toBeGreaterThan(2);
    for (const line of title) expect([...line].length).toBeLessThanOrEqual(15);
    expect(title.join('').replace(/\s/g, '')).toBe(`1.${name}`);
  });
});
