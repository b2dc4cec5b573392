/** The first-run form's values, checked and converted by the contract's own setup schema. */
import { z } from 'zod';
import { setupInput, type SetupStatus } from '@contract/system';
import type { Language } from '@contract/vocabulary';
import { numberFromText } from '../../lib/contractResolver';

const setupValues = z.object({
  programName: z.string(),
  language: z.string(),
  timeZone: z.string(),
  participantCodeFormula: z.string(),
  sites: z.array(z.object({ name: z.string(), siteType: z.string() })),
  items: z.array(z.string()),
  syringesPerContainer: z.string(),
  syringesPerPound: z.string(),
});
/** The form's text as typed; items are default-catalog names, as setupStatus gives them. */
export type SetupValues = z.input<typeof setupValues>;

export const setupFormSchema = setupValues
  .transform((values) => ({
    ...values,
    syringesPerContainer: numberFromText(values.syringesPerContainer),
    syringesPerPound: numberFromText(values.syringesPerPound),
  }))
  .pipe(setupInput);
export type SetupOutput = z.output<typeof setupFormSchema>;

/** The estimate factors a new program starts with: a 100-count container; 281 syringes to the pound. */
const defaultFactors = { syringesPerContainer: '100', syringesPerPound: '281' } as const;

/** What the screen opens with: the computer's zone and language, one fixed site, the common items. */
export function initialSetupValues(catalog: SetupStatus['catalog'], language: Language, timeZone: string): SetupValues {
  return {
    programName: '',
    language,
    timeZone,
    participantCodeFormula: 'mother_month_year',
    sites: [{ name: '', siteType: 'fixed' }],
    items: catalog.filter((item) => item.isCommon).map((item) => item.name),
    ...defaultFactors,
  };
}

const formFields = [
  'programName',
  'language',
  'timeZone',
  'participantCodeFormula',
  'syringesPerContainer',
  'syringesPerPound',
] as const;

/**
 * The form field a problem belongs at: a site's own field ("sites.0.name"), the items list for
 * any of its entries, the top-level fields as named; anything else above the button.
 */
export function setupFieldOf(field: string | undefined): string | null {
  if (field === undefined) return null;
  if (/^sites\.\d+\.(name|siteType)$/.test(field)) return field;
  if (field === 'sites') return 'sites.root';
  if (field.startsWith('items')) return 'items';
  return (formFields as readonly string[]).includes(field) ? field : null;
}
