import { describe, expect, it } from 'vitest';
import { beneficiaryKey, fullIdNumber, maskedBeneficiaryKey, rowBeneficiaryKey } from './beneficiary-key.ts';

const KEY = new TextEncoder().encode('test secret');
const OTHER = new TextEncoder().encode('another secret');

describe('beneficiary keys', () => {
  it('is the HMAC-SHA-256 of the normalised ID, the same however it is written', () => {
    // echo -n 43080219640124132X | openssl dgst -sha256 -hmac 'test secret'
    expect(beneficiaryKey(KEY, '43080219640124132X')).toBe('326ff9d4f1a8459d47a5e148837c4a9410804ff2aa9fa1356a7bb8a4b9532d79');
    expect(beneficiaryKey(KEY, ' 430802 19640124 132x ')).toBe(beneficiaryKey(KEY, '43080219640124132X'));
    expect(beneficiaryKey(KEY, '４３０８０２１９６４０１２４１３２Ｘ')).toBe(beneficiaryKey(KEY, '43080219640124132X'));
    expect(beneficiaryKey(OTHER, '43080219640124132X')).not.toBe(beneficiaryKey(KEY, '43080219640124132X'));
    expect(() => beneficiaryKey(KEY, '430802********132X')).toThrow(RangeError);
  });

  it('fingerprints a masked ID together with the name', () => {
    const a = maskedBeneficiaryKey(KEY, '谷世军', '430802********1328');
    expect(maskedBeneficiaryKey(KEY, '谷 世军', '430802********1328')).toBe(a);
    expect(maskedBeneficiaryKey(KEY, '谷世君', '430802********1328')).not.toBe(a);
    expect(maskedBeneficiaryKey(KEY, '谷世军', '430802********1329')).not.toBe(a);
  });

  it('takes the full ID when there is one, else the name with the masked ID, else nothing', () => {
    expect(rowBeneficiaryKey(KEY, 3, '谷世军', '430802196401241328')).toEqual({ row: 3, key: beneficiaryKey(KEY, '430802196401241328'), match: 'id' });
    expect(rowBeneficiaryKey(KEY, 4, '李小平', '430802********7238')).toEqual({ row: 4, key: maskedBeneficiaryKey(KEY, '李小平', '430802********7238'), match: 'name-masked-id' });
    expect(rowBeneficiaryKey(KEY, 5, '李小平', '')).toBeNull();
    expect(rowBeneficiaryKey(KEY, 5, '李小平', '4308021964')).toBeNull();
    expect(rowBeneficiaryKey(undefined, 3, '谷世军', '430802196401241328')).toBeNull();
    // Excel kept 15 of 18 digits: not the person's number
    expect(fullIdNumber(Number("430802196401241328"))).toBeNull();
    expect(fullIdNumber(430802640124132)).toBe('430802640124132');
  });
});
