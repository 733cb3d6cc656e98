import { describe, expect, it } from 'vitest';
import { roleFor } from './role-from-title.ts';
import type { Role } from './role.ts';

const CITY = '430800';
const COUNTY = '430802';
const TOWNSHIP = '430802108';
const VILLAGE = '430802108214';

type Expected = { role: Role; department: string | null } | null;

/** [单位, 职务, 区划代码, expected] */
const CASES: [string, string, string, Expected][] = [
  // the sample's posts
  ['马头溪村村民委员会', '村报账员', VILLAGE, { role: 'village-accountant', department: null }],
  ['马头溪村村民委员会', '村党组织书记', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村村务监督委员会', '村务监督委员会主任', VILLAGE, { role: 'supervision-chair', department: null }],
  ['王家坪镇纪委', '乡镇纪委书记', TOWNSHIP, { role: 'township-discipline', department: null }],
  ['王家坪镇纪委', '乡镇纪委干部', TOWNSHIP, { role: 'township-discipline', department: null }],
  ['王家坪镇经管站', '经管站站长', TOWNSHIP, { role: 'township-finance', department: null }],
  ['王家坪镇经管站', '经管站会计', TOWNSHIP, { role: 'township-finance', department: null }],
  ['王家坪镇民政办', '民政干部', TOWNSHIP, { role: 'department-staff', department: '王家坪镇民政办' }],
  ['王家坪镇党政办', '干部', TOWNSHIP, { role: 'department-staff', department: '王家坪镇党政办' }],
  ['永定区纪委监委', '纪委监委干部', COUNTY, { role: 'county-discipline', department: null }],
  ['永定区委巡察办', '巡察干部', COUNTY, { role: 'county-discipline', department: null }],
  ['永定区农业农村局', '农经干部', COUNTY, { role: 'county-bureau', department: '永定区农业农村局' }],
  ['永定区民政局', '民政干部', COUNTY, { role: 'county-bureau', department: '永定区民政局' }],
  ['永定区乡村振兴局', '干部', COUNTY, { role: 'county-bureau', department: '永定区乡村振兴局' }],
  ['张家界市纪委监委', '纪委监委干部', CITY, { role: 'city', department: null }],
  ['张家界市民政局', '民政干部', '4308', { role: 'city', department: null }],
  // as people also write them
  ['马头溪村', '村会计', VILLAGE, { role: 'village-accountant', department: null }],
  ['马头溪村', '报账员', VILLAGE, { role: 'village-accountant', department: null }],
  ['马头溪村', '村支书', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村', '村委会主任', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村', '村 主 任', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村“两委”', '村“两委”主要负责人', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村', '村（居）党组织书记', VILLAGE, { role: 'village-secretary', department: null }],
  ['马头溪村', '监委会主任', VILLAGE, { role: 'supervision-chair', department: null }],
  ['马头溪村村务监督委员会', '主任', VILLAGE, { role: 'supervision-chair', department: null }],
  ['马头溪村村民委员会', '主任', VILLAGE, { role: 'village-secretary', department: null }],
  ['王家坪镇', '纪委副书记', TOWNSHIP, { role: 'township-discipline', department: null }],
  ['王家坪镇财政所', '干部', TOWNSHIP, { role: 'township-finance', department: null }],
  ['王家坪镇农经站', '站长', TOWNSHIP, { role: 'township-finance', department: null }],
  ['王家坪镇乡村振兴办', '工作人员', TOWNSHIP, { role: 'department-staff', department: '王家坪镇乡村振兴办' }],
  ['永定区农业农村局（乡村振兴局）', '干部', COUNTY, { role: 'county-bureau', department: '永定区农业农村局（乡村振兴局）' }],
  ['永定区财政局', '财政干部', COUNTY, { role: 'county-bureau', department: '永定区财政局' }],
  // titles that name their level are read as written, for the importer to report the code
  ['王家坪镇', '村报账员', TOWNSHIP, { role: 'village-accountant', department: null }],
  ['永定区纪委监委', '乡镇纪委书记', COUNTY, { role: 'township-discipline', department: null }],
  // cannot tell
  ['马头溪村村民委员会', '保洁员', VILLAGE, null],
  ['王家坪镇民政办', '保洁员', TOWNSHIP, null],
  ['马头溪村', '干部', VILLAGE, null],
  ['马头溪村', '副书记', VILLAGE, null],
  ['王家坪镇人民政府', '干部', TOWNSHIP, null],
  ['永定区人民政府', '干部', COUNTY, null],
  ['永定区委', '干部', COUNTY, null],
  ['张家界市纪委监委', '', CITY, null],
  ['王家坪镇民政办', '民政干部', '4308021', null],
];

describe('roleFor', () => {
  it.each(CASES)('%s / %s at %s', (office, title, scope, expected) => {
    expect(roleFor(office, title, scope)).toEqual(expected);
  });

  it('goes by the level for the same office and title: 民政干部 is a township department, a county bureau or the city', () => {
    expect(roleFor('民政办', '民政干部', TOWNSHIP)?.role).toBe('department-staff');
    expect(roleFor('民政局', '民政干部', COUNTY)?.role).toBe('county-bureau');
    expect(roleFor('民政局', '民政干部', CITY)?.role).toBe('city');
  });

  it('keeps the office as written for the department, spaces and brackets included', () => {
    expect(roleFor('  王家坪镇 民政办 ', '干部', TOWNSHIP)).toEqual({ role: 'department-staff', department: '王家坪镇 民政办' });
  });
});
