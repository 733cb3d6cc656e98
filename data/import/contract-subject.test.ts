import { describe, expect, it } from 'vitest';
import { subjectClass } from './contract-subject.ts';

describe('contract subject class', () => {
  it.each([
    ['耕地（土地经营权流转）', 'arable'],
    ['耕地（机动地）', 'arable'],
    ['水田', 'arable'],
    ['林地', 'forest'],
    ['荒山', 'forest'],
    ['茶园', 'orchard'],
    ['牧草地', 'grassland'],
    ['山塘（养殖）', 'pond'],
    ['水库水面', 'pond'],
    ['房屋（原村小学）', 'building'],
    ['村部屋顶', 'building'],
    ['厂房', 'building'],
    ['集体建设用地（屋顶光伏）', 'construction-land'],
    ['厂房用地', 'construction-land'],
    ['宅基地', 'construction-land'],
    ['广告牌位', 'other'],
  ] as const)('%s → %s', (subject, kind) => {
    expect(subjectClass(subject)).toBe(kind);
  });
});
