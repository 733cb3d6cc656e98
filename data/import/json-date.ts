import { dateFromParts } from '../dates.ts';
import { IsoDate } from '../publication.ts';

/**
 * A date in a JSON body: YYYY-MM-DD that is a day of the calendar. The format alone let
 * 2026-02-30 through, which a spreadsheet cell is refused for; the same rule (dateFromParts)
 * now refuses it here, its field path named by the JSON importer.
 */
export const JsonDate = IsoDate.superRefine((value, ctx) => {
  const parsed = dateFromParts(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
  if (parsed.kind === 'invalid') ctx.addIssue({ code: 'custom', message: parsed.reason, params: { en: parsed.reasonEn } });
});
