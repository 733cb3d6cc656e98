import { describe, expect, it } from 'vitest';
import { CODE_LENGTHS, DivisionLevel, levelOf, pathCodes } from './region.ts';

describe('division codes', () => {
  it('names the level of each code length and nothing else', () => {
    expect(CODE_LENGTHS.map((n) => levelOf('4'.repeat(n)))).toEqual(DivisionLevel.options);
    expect(levelOf('430')).toBeNull();
    expect(levelOf('43080a')).toBeNull();
  });

  it('walks a village path top down from below the root to the code itself', () => {
    expect(pathCodes('430802100201')).toEqual(['43', '4308', '430802', '430802100', '430802100201']);
    expect(pathCodes('430802100201', '4308')).toEqual(['430802', '430802100', '430802100201']);
    expect(pathCodes('430802', '')).toEqual(['43', '4308', '430802']);
    expect(pathCodes('4308', '4308')).toEqual([]);
  });

  it('has no path for a code outside the root', () => {
    expect(pathCodes('430902100201', '4308')).toEqual([]);
  });
});
