/**
 * A quiet line on the log screen when the site's stock wants a look: items that need a count,
 * items out, lots expired, on hold or expiring soon, with a way to the Stock screen. Nothing
 * shows when all is well. It reads on hand for the site as the Stock screen does, so the two
 * never disagree.
 */
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnHand } from '@contract/inventory';
import { useFormatters } from '../../i18n/format';
import { useOnHand } from './hooks';

export interface StockAttentionCounts {
  needsCount: number;
  out: number;
  expiredLots: number;
  heldLots: number;
  expiringLots: number;
}

/** What needs a look at a site, from its on-hand rows: items by their status, lots by their flags. */
export function attentionOf(rows: OnHand): StockAttentionCounts {
  const stocked = rows.flatMap((row) => row.lots.filter((lot) => lot.units > 0));
  return {
    needsCount: rows.filter((row) => row.status === 'needs_count').length,
    out: rows.filter((row) => row.status === 'out').length,
    expiredLots: stocked.filter((lot) => lot.expired).length,
    heldLots: stocked.filter((lot) => lot.onHold).length,
    expiringLots: stocked.filter((lot) => !lot.expired && lot.expiresSoon).length,
  };
}

/**
 * The items the site has held (an item it never stocked is not "out" here: it may not be carried
 * at this site), the same rows and figures the Stock screen's on hand shows for them.
 */
export const stockAttentionInput = (siteId: string) => ({ siteId });

export function StockAttention({ siteId, onOpenStock }: { siteId: string; onOpenStock: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const onHand = useOnHand(stockAttentionInput(siteId), siteId !== '');
  if (!onHand.data) return null;
  const counts = attentionOf(onHand.data);
  const phrase = (key: keyof StockAttentionCounts) =>
    counts[key] > 0 ? t(`stock.attention.${key}`, { count: counts[key], formatted: format.number(counts[key]) }) : null;
  const parts = (['needsCount', 'out', 'expiredLots', 'heldLots', 'expiringLots'] as const)
    .map(phrase)
    .filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap" data-testid="stock-attention">
      <Text c={counts.needsCount > 0 ? 'orange.9' : 'gray.8'} size="sm">
        {parts.join(' · ')}
      </Text>
      <Anchor component="button" type="button" size="sm" onClick={onOpenStock}>
        {t('stock.attention.open')}
      </Anchor>
    </Group>
  );
}
