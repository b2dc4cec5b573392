import { describe, expect, it } from 'vitest';
import type { Site } from '@contract/catalog';
import { firstSiteId } from '../../../renderer/src/lib/sites';

const site = (id: string, name: string, createdAt: string, active = true): Site => ({
  id: `0190f5a0-0000-7000-8000-00000000000${id}`,
  name,
  siteType: 'fixed',
  active,
  createdAt,
});

describe('firstSiteId', () => {
  it('picks the active site added first, not the name that sorts first', () => {
    // In the order sites.list gives them: by name.
    const sites = [
      site('1', 'Alpha drop-in', '2026-02-01T10:00:00.000Z'),
      site('2', 'Main office', '2026-01-01T09:00:00.000Z', false),
      site('3', 'Zeta van', '2026-01-15T09:00:00.000Z'),
    ];
    expect(firstSiteId(sites)).toBe(sites[2]!.id);
  });

  it('breaks a tie of sites added at the same moment by the earlier id', () => {
    const at = '2026-01-01T09:00:00.000Z';
    const sites = [site('4', 'Alpha drop-in', at), site('3', 'Zeta van', at)];
    expect(firstSiteId(sites)).toBe(sites[1]!.id);
  });

  it('gives no site when none is active', () => {
    expect(firstSiteId([])).toBe('');
    expect(firstSiteId([site('1', 'Closed site', '2026-01-01T09:00:00.000Z', false)])).toBe('');
  });
});
