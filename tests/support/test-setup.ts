/**
 * The program tests start from, answered as a person would on the first-run screen: one site, the
 * whole default catalog, English, the zone of the machine running the tests. Unit tests and
 * end-to-end specs both set up with it, so it imports nothing of either runner.
 */
import { defaultItems } from '../../db/catalog/default-catalog';
import { systemTimeZone } from '../../db/contract/calendar';
import type { SetupInput } from '../../db/contract/system';

export const testSetup: SetupInput = {
  programName: 'Harm reduction program',
  language: 'en',
  timeZone: systemTimeZone(),
  participantCodeFormula: 'mother_month_year',
  sites: [{ name: 'Main site', siteType: 'fixed' }],
  items: defaultItems.map((item) => item.name),
  syringesPerContainer: 100,
  syringesPerPound: 281,
};
