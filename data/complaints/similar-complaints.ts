/**
 * Open complaints like the one a villager is about to file (issue 17): shown beside the form, so
 * that someone with the same problem can say 我也遇到 instead of filing it again. The candidates
 * are one village's open complaints, as published (numbers already masked).
 *
 * Texts are compared as sets of character bigrams (Chinese has no spaces, and two characters are
 * the shortest unit that still means something: 补贴, 路灯, 低保), by the Dice coefficient
 * 2|A∩B| / (|A| + |B|). Dice rather than Jaccard |A∩B| / |A∪B|: the two rank identically
 * (J = D / (2 − D)), but a complaint is short and a shared problem is a handful of bigrams among
 * dozens, where Jaccard crowds every score near zero; Dice spreads them so that a threshold can
 * be read (0.2 ≈ "a fifth of what both say is shared").
 *
 * Words that every complaint of the village says do not tell two problems apart, so before the
 * sets are made the text is NFKC-normalised and loses: spaces, numbers (a masked 139****1234
 * entirely, other digit runs become one 0, so 3户 and 5户 read alike), the names the caller
 * passes in `ignore` (the village's and its township's: 马头溪村 would otherwise make every
 * complaint of 马头溪村 look alike), its groups (三组) and STOP_WORDS (我们, 没有, 反映, 村里 …),
 * which complaints about anything say. No bigram crosses punctuation or what was cut out.
 */

export interface SimilarCandidate {
  publicId: string;
  text: string;
  category?: string | null;
}

export interface SimilarOptions {
  /** the lowest score shown; DEFAULT_SIMILARITY_THRESHOLD unless given */
  threshold?: number;
  /** at most this many, best first; DEFAULT_SIMILAR_LIMIT unless given */
  limit?: number;
  /** the category the villager picked: a candidate filed under another one scores half */
  category?: string | null;
}

export interface SimilarComplaint {
  publicId: string;
  /** Dice coefficient of the bigram sets, 0–1 (halved for another category) */
  score: number;
}

/**
 * 0.2, from the examples in the tests: one problem told twice in other words (耕地补贴到现在还没发
 * / 我家的耕地地力保护补贴今年一直没有到账) scores 0.2–0.6; two problems of one village stay at or
 * below 0.15, the highest being two about money not made public (修路的工程款账目没有公开 /
 * 财务账好久没有公开了). Lower lets in unrelated complaints; higher loses most rewordings. Some
 * rewordings share no words at all (停水 / 吃水困难) and no threshold finds them: bigrams are enough
 * for the common case, where people with one problem use its one name (补贴, 低保, 路灯).
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.2;
export const DEFAULT_SIMILAR_LIMIT = 5;

export interface SimilarityIndex {
  readonly size: number;
  search(text: string, opts?: SimilarOptions): SimilarComplaint[];
}

/**
 * Precomputes every candidate's bigram set and an inverted index bigram → candidates, once per
 * village (or whenever its open complaints change). A search then touches only the candidates
 * that share a bigram with the text: O(Σ postings of the text's bigrams) counter increments,
 * plus a sort of those that pass the threshold — for 1,000 open complaints a fraction of a
 * millisecond (scripts/bench/similarity-bench.ts prints it).
 */
export function similarityIndex(candidates: readonly SimilarCandidate[], ignore: readonly string[] = []): SimilarityIndex {
  const names = ignoredNames(ignore);
  const sizes = new Int32Array(candidates.length);
  const postings = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    const grams = bigramSet(c.text, names);
    sizes[i] = grams.size;
    for (const g of grams) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  const shared = new Int32Array(candidates.length);
  return {
    size: candidates.length,
    search(text, opts = {}) {
      const threshold = opts.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
      const limit = opts.limit ?? DEFAULT_SIMILAR_LIMIT;
      const grams = bigramSet(text, names);
      if (grams.size === 0 || limit <= 0) return [];
      const touched: number[] = [];
      for (const g of grams) {
        for (const i of postings.get(g) ?? []) {
          if (shared[i] === 0) touched.push(i);
          shared[i]! += 1;
        }
      }
      const found: SimilarComplaint[] = [];
      for (const i of touched) {
        const c = candidates[i]!;
        let score = (2 * shared[i]!) / (grams.size + sizes[i]!);
        shared[i] = 0;
        // the villager may have picked the wrong category, so another one lowers, never hides
        if (opts.category && c.category && c.category !== opts.category) score /= 2;
        if (score >= threshold) found.push({ publicId: c.publicId, score });
      }
      found.sort((a, b) => b.score - a.score || a.publicId.localeCompare(b.publicId));
      return found.slice(0, limit);
    },
  };
}

/** One search without keeping the index: for a few candidates, or a test. */
export function similarComplaints(text: string, candidates: readonly SimilarCandidate[], opts: SimilarOptions & { ignore?: readonly string[] } = {}): SimilarComplaint[] {
  return similarityIndex(candidates, opts.ignore ?? []).search(text, opts);
}

/** Dice coefficient of two texts' bigram sets, as the index computes it (for tests and tuning). */
export function textSimilarity(a: string, b: string, ignore: readonly string[] = []): number {
  const names = ignoredNames(ignore);
  const x = bigramSet(a, names);
  const y = bigramSet(b, names);
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

// ——— private helpers ———

/**
 * The bigrams a text is compared by, within each run of Han characters, letters and digits left
 * by the normalisation described at the top. Spaces are dropped (耕地 补贴 is 耕地补贴, people
 * type them anywhere); punctuation and whatever is cut out end a run. A run of one character
 * counts as itself, so that a two-character complaint still has something to match.
 * `names`: from ignoredNames().
 */
function bigramSet(text: string, names: readonly string[]): Set<number> {
  let t = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(MASKED_NUMBER, '|').replace(/\d+/g, '0');
  for (const name of names) t = t.split(name).join('|');
  t = t.replace(VILLAGER_GROUP, '|').replace(STOP, '|');
  const grams = new Set<number>();
  for (const run of t.match(RUN) ?? []) {
    let previous = -1;
    let length = 0;
    for (const c of run) {
      const cp = c.codePointAt(0)!;
      if (previous >= 0) grams.add(previous * CODE_POINTS + cp);
      previous = cp;
      length++;
    }
    if (length === 1 && run !== '0') grams.add(-previous);
  }
  return grams;
}

/** 139****1234, 430802********1328, 0744-****000 as published: digits around two or more mask characters */
const MASKED_NUMBER = /[\d-]*[*×]{2,}[\d-]*/g;
/** 三组, 十二组, 0组 (after the digits are folded), 第三村民小组: where in the village, not what went wrong */
const VILLAGER_GROUP = /第?[一二三四五六七八九十0]+(?:村民)?(?:小组|组)/gu;
/** A bigram is kept as a number, first × CODE_POINTS + second (below 2^53): cheaper to hash than a string. A lone character is −its code point. */
const CODE_POINTS = 0x110000;
const RUN = /[\p{Script=Han}a-z0-9]+/gu;

/** The names, longest first (马头溪村 before 马头溪), normalised as the text is. */
function ignoredNames(ignore: readonly string[]): string[] {
  return [...new Set(ignore.map((n) => n.normalize('NFKC').toLowerCase().replace(/\s+/g, '')).filter((n) => n !== ''))].sort((a, b) => b.length - a.length);
}

/**
 * Words any complaint may say whatever it is about: pronouns, negations, asking and reporting,
 * the village and its committee as such, time words. They are cut out like punctuation, not just
 * left out of the bigrams: 没有公开 must leave 公开, not the stray 有公 that 没有公示 also gives.
 * Kept short on purpose: a word that names a problem (补贴, 低保, 路灯, 公开) must never be here.
 */
const STOP_WORDS: readonly string[] = [
  '我们 我家 他们 她们 大家 自己 有人 没人 这个 那个 一个 一些 什么 怎么 为什么 为何 是否 不是 这样 那样',
  '好几次 几次 多次 好几 没有 还没 一直 已经 现在 到现在 至今 今年 去年 目前 好久 很久 个月 还是 但是 可是 而且 因为 所以 如果 就是 也是 都是',
  '反映 希望 请求 要求 请问 恳请 麻烦 领导 处理 解决 问题 情况 事情 一下 帮助 帮忙 谢谢 感谢',
  '村里 村民 村委会 村委 本村 全村',
].join(' ').split(' ');
// longest first, so that 到现在 goes whole before 现在 could leave 到 behind
const STOP = new RegExp([...STOP_WORDS].sort((a, b) => b.length - a.length).join('|'), 'gu');
