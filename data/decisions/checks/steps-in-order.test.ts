import { describe, expect, it } from 'vitest';
import { stepsInOrder } from './steps-in-order.ts';
import { roadContext, roadMatter, step, withoutStep, withStep, wastelandMatter } from './test-records.ts';

const settings = stepsInOrder.settings.parse({});

describe('steps-in-order', () => {
  it('passes steps dated one after another in the required order', () => {
    expect(stepsInOrder.run(roadMatter(), roadContext(), settings)).toEqual([
      { check: 'steps-in-order', status: 'passed', passed: true, step: null, message: '6个步骤（2026-03-02至2026-09-20）按规定的先后顺序进行' },
    ]);
  });

  it('accepts two steps on the same day', () => {
    const record = withStep(wastelandMatter(), 'committees-discussion', { date: '2026-05-06' });
    expect(stepsInOrder.run(record, roadContext(), settings).map((o) => o.status)).toEqual(['passed']);
  });

  it('fails a resolution taken before the party members met, naming both dates', () => {
    const record = withStep(roadMatter(), 'villagers-resolution', { date: '2026-03-10' });
    expect(stepsInOrder.run(record, roadContext(), settings)).toEqual([
      {
        check: 'steps-in-order',
        status: 'failed',
        passed: false,
        step: 'villagers-resolution',
        message: '“村民（代表）会议决议”的日期（2026-03-10）早于“党员大会审议”（2026-03-12），应在其后进行',
      },
    ]);
  });

  it('still compares across a missing step', () => {
    const record = withStep(withoutStep(roadMatter(), 'party-members-meeting'), 'villagers-resolution', { date: '2026-03-04' });
    expect(stepsInOrder.run(record, roadContext(), settings).map((o) => [o.status, o.step])).toEqual([['failed', 'villagers-resolution']]);
  });

  it('judges a meeting held again by its latest sitting', () => {
    const base = roadMatter();
    const again = step('party-members-meeting', '党员大会审议（重新召开）', '2026-03-20', { expected: 31, present: 25, votesFor: 24 });
    expect(stepsInOrder.run({ ...base, steps: [...base.steps, again] }, roadContext(), settings).map((o) => [o.status, o.step])).toEqual([
      ['failed', 'villagers-resolution'],
    ]);
  });

  it('cannot judge the order of a single step', () => {
    const record = { ...roadMatter(), steps: roadMatter().steps.slice(0, 1) };
    expect(stepsInOrder.run(record, roadContext(), settings).map((o) => o.status)).toEqual(['cannot-judge']);
  });
});
