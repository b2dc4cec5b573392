/** Pieces every stock tab shares: a stock status as words on a calm badge, and quantities in units and packs. */
import { Badge } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockStatus } from '@contract/vocabulary';
import { useFormatters } from '../../i18n/format';
import { readPreference } from '../../lib/storage';

/** The status is always written out; the colour only repeats it. */
const statusColour: Record<StockStatus, string> = {
  needs_count: 'orange',
  expired: 'red',
  on_hold: 'grape',
  out: 'gray',
  expiring: 'yellow',
  ok: 'green',
};

export function StatusBadge({ status }: { status: StockStatus }) {
  const { t } = useTranslation();
  const colour = statusColour[status];
  return (
    <Badge variant="light" color={colour} c={`${colour}.9`} radius="sm" tt="none" fw={600}>
      {t(`stock.status.${status}`)}
    </Badge>
  );
}

/**
 * Quantities as people count them in a stock room: `units` always, and the same in whole packs
 * plus the loose units left over when the item comes in packs ("240 units", "2 packs of 100 + 40").
 */
export function useQuantities() {
  const { t } = useTranslation();
  const format = useFormatters();
  const units = useCallback(
    (count: number) => t('stock.units', { count, formatted: format.number(count) }),
    [t, format],
  );
  const packs = useCallback(
    (count: number, unitsPerPack: number): string | null => {
      if (unitsPerPack <= 1 || count < unitsPerPack) return null;
      const whole = Math.floor(count / unitsPerPack);
      const rest = count - whole * unitsPerPack;
      const values = { count: whole, formatted: format.number(whole), size: format.number(unitsPerPack) };
      return rest === 0 ? t('stock.packs', values) : t('stock.packsPlus', { ...values, rest: format.number(rest) });
    },
    [t, format],
  );
  /** "240 units · 2 packs of 100 + 40", or just the units when packs say nothing more. */
  const both = useCallback(
    (count: number, unitsPerPack: number) => {
      const inPacks = packs(count, unitsPerPack);
      return inPacks === null ? units(count) : t('stock.unitsAndPacks', { units: units(count), packs: inPacks });
    },
    [t, packs, units],
  );
  return { units, packs, both };
}

/** The site used last on this computer (the log screen remembers it), when it is still offered; otherwise the first. */
export function rememberedSiteId(sites: readonly { id: string }[]): string {
  const last = readPreference('lastSiteId');
  return sites.find((site) => site.id === last)?.id ?? sites[0]?.id ?? '';
}
