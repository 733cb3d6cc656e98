/**
 * One page of each type a villager or a journalist opens, in the built demo portal (issue 16):
 * the pages the accessibility and size checks walk. `publication`: the sample ledger's id.
 */
export const MATOUXI = '430802108214';

export function pageTypes(publication: string): string[] {
  return [
    '/',
    '/r/430802/',
    '/r/430802108/',
    `/v/${MATOUXI}/`,
    `/v/${MATOUXI}/p/${publication}/`,
    `/v/${MATOUXI}/complaint/`,
    `/search/?q=${encodeURIComponent('马头溪')}`,
    '/track/',
    '/subsidy/',
    '/upload/',
    '/power/',
    '/power/membership-recognition/',
    '/no/such/page/',
  ];
}
