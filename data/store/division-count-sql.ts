/**
 * The per-division counters' roll-up (division-counts.ts) in SQL that SQLite and PostgreSQL both
 * read alike, for both backends' live code; each schema's migration keeps a frozen copy.
 */
export const RECOMPUTE_DIVISION_COUNTS = `
  WITH current AS (
    SELECT p.village, count(*) AS n, max(p.published_at) AS last FROM publications p
    WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id) GROUP BY p.village
  ), v AS (
    SELECT d.code, coalesce(c.n, 0) AS n, c.last FROM divisions d LEFT JOIN current c ON c.village = d.code WHERE d.level = 'village'
  )
  INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
  SELECT code, count(*), sum(CASE WHEN n > 0 THEN 1 ELSE 0 END), sum(n), max(last) FROM (
    SELECT '' AS code, n, last FROM v
    UNION ALL SELECT substr(code, 1, 2), n, last FROM v
    UNION ALL SELECT substr(code, 1, 4), n, last FROM v
    UNION ALL SELECT substr(code, 1, 6), n, last FROM v
    UNION ALL SELECT substr(code, 1, 9), n, last FROM v
  ) u GROUP BY code`;

/** Divisions without a village, and the country before any division, still have (empty) figures. */
export const ZERO_DIVISION_COUNTS = `
  INSERT INTO division_counts (code, villages, published_villages, publications, last_published_at)
  SELECT code, 0, 0, 0, NULL FROM (SELECT '' AS code UNION ALL SELECT code FROM divisions WHERE level <> 'village') z
  WHERE true
  ON CONFLICT (code) DO NOTHING`;

