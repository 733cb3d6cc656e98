import { seriesSubject } from '../publication.ts';
import type { NewPublication } from './store.ts';

/**
 * The series key columns must agree with the content, or a version would land in the
 * wrong series; that is a caller bug, not an expected failure, so it throws.
 */
export function checkSeriesKey(input: NewPublication): void {
  const { content } = input;
  if (input.kind !== content.kind || input.period !== content.period || input.subject !== seriesSubject(content)) {
    throw new TypeError(
      `publication ${input.id}: series key (${input.kind}, ${input.period}, ${JSON.stringify(input.subject)}) ` +
        `does not match its content (${content.kind}, ${content.period}, ${JSON.stringify(seriesSubject(content))})`,
    );
  }
}
