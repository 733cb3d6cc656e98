import type { Publication } from '../../publication.ts';
import type { SearchIndex } from '../store.ts';
import type { PgQueryable } from './client.ts';

/** A version as search indexes it. */
export type IndexedPublication = Pick<Publication, 'id' | 'village' | 'kind' | 'period' | 'publishedAt' | 'content'>;

/**
 * What the PostgreSQL publication store asks of search (issue 14): it indexes a version in the
 * transaction that stores it — so a publication is searchable when `publish` resolves, and its
 * predecessor leaves search in the same commit — and removes a version taken down in the
 * transaction that records the takedown. The same answers as the SQLite index for the same
 * publications (the Store contract's search tests, and a differential test, check it).
 */
export interface PgSearch extends SearchIndex {
  /** Indexes every row of `publication` and removes the rows of `supersedes`, inside `tx`. */
  indexVersion(tx: PgQueryable, publication: IndexedPublication, supersedes: string | null): Promise<void>;
  /** Removes every row of a version (a takedown), inside `tx`. */
  removePublication(tx: PgQueryable, publicationId: string): Promise<void>;
  /** Re-derives the place-name tokens of the rows of these villages after the divisions changed, inside `tx`. */
  refreshPlaces(tx: PgQueryable, villages: readonly string[]): Promise<void>;
}
