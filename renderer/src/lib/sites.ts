import type { Site } from '@contract/catalog';

/**
 * The program's first-created active site, where a form starts when this computer remembers no
 * site: the program's main site rather than whichever name sorts first. Sites added in one
 * setup share a time; their ids are time-ordered, so the earlier id breaks the tie.
 */
export function firstSiteId(sites: readonly Site[]): string {
  let first: Site | undefined;
  for (const site of sites) {
    if (!site.active) continue;
    if (
      first === undefined ||
      site.createdAt < first.createdAt ||
      (site.createdAt === first.createdAt && site.id < first.id)
    ) {
      first = site;
    }
  }
  return first?.id ?? '';
}
