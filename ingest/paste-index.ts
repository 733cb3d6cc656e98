import { pastePlaceIndex, type PastePlaceIndex } from '../data/complaints/paste-prefill.ts';
import type { RegionView } from './region-cache.ts';

// One index per region view: regionCache hands out the same view until the divisions are read
// again, and a new view gets a new index (about 30 ms for a prefecture).
const indexes = new WeakMap<RegionView, PastePlaceIndex>();

/** The place-name index of a pasted message's village (data/complaints/paste-prefill.ts) for the region. */
export function pasteIndexOf(region: RegionView): PastePlaceIndex {
  let index = indexes.get(region);
  if (!index) {
    index = pastePlaceIndex([...region.byCode.values()]);
    indexes.set(region, index);
  }
  return index;
}
