import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels.ts';

describe('field names an official reads', () => {
  it('names a field, or the last part of a path, in Chinese', () => {
    expect(fieldLabel('idNumber')).toBe('身份证号');
    expect(fieldLabel('schedule[2].due')).toBe('到期日');
    expect(fieldLabel('annualAmount')).toBe('年租金');
  });

  it('keeps a name it does not know as it is', () => {
    expect(fieldLabel('photos[0].id')).toBe('photos[0].id');
  });
});
