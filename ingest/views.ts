import type { Config } from '../data/config.ts';
import type { Publication, PublicationSummary } from '../data/publication.ts';

/**
 * The public JSON shapes of publications. Built field by field rather than spread, so nothing
 * the store might add later (who uploaded, with which token) leaks into a response by accident.
 */

export function publicationUrl(config: Config, village: string, id: string): string {
  return `${config.baseUrl}/v/${village}/p/${id}/`;
}

export function villageUrl(config: Config, village: string): string {
  return `${config.baseUrl}/v/${village}/`;
}

/** The API resource of a publication, sent as `Location` after an upload. */
export function publicationApiUrl(config: Config, id: string): string {
  return `${config.baseUrl}/api/v1/publications/${encodeURIComponent(id)}`;
}

/** What an upload answers with, and what a replay of it answers again. */
export function createdView(config: Config, p: Publication) {
  return {
    id: p.id,
    village: p.village,
    kind: p.kind,
    period: p.period,
    subject: p.subject,
    version: p.version,
    supersedes: p.supersedes,
    publishedAt: p.publishedAt,
    sha256: p.sha256,
    url: publicationUrl(config, p.village, p.id),
  };
}

export function summaryView(config: Config, s: PublicationSummary | Publication) {
  return {
    id: s.id,
    village: s.village,
    kind: s.kind,
    period: s.period,
    subject: s.subject,
    title: 'title' in s ? s.title : s.content.title,
    version: s.version,
    supersedes: s.supersedes,
    supersededBy: s.supersededBy,
    publishedAt: s.publishedAt,
    sha256: s.sha256,
    sample: s.sample,
    source: { filename: s.source.filename, format: s.source.format },
    url: publicationUrl(config, s.village, s.id),
  };
}

export function publicationView(config: Config, p: Publication) {
  return { ...summaryView(config, p), content: p.content };
}
