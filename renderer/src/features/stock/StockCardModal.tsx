/**
 * The stock card of an item at a site, or of one of its lots: every movement newest first, what
 * it was and the record it came from, the change in units and the balance just after it, a page
 * at a time. The Encounters screen opens entries from its own list only, so an encounter is named
 * here, not linked.
 */
import { Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockCard } from '@contract/inventory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StackingTable } from '../../components/StackingTable';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useReasonName } from './AdjustmentReasons';
import { useLotsOf, useStockCard } from './hooks';
import { useQuantities } from './stockParts';

const everyLot = '';

export interface StockCardSubject {
  siteId: string;
  siteName: string;
  itemId: string;
  itemName: string;
  unitsPerPack: number;
  tracksLots: boolean;
  lotId?: string;
}

type CardRow = StockCard['rows'][number];

/** What a row was, in words: "Handed out", "Adjustment: damaged", and whether it undid an earlier one. */
function useRowWords() {
  const { t } = useTranslation();
  const shown = useSeededName();
  const reasonName = useReasonName();
  const kind = (row: CardRow) => {
    const what =
      row.kind === 'adjustment' && row.source.reason
        ? t('stock.card.kinds.adjustmentFor', { reason: reasonName(row.source.reason) })
        : t(`stock.card.kinds.${row.kind}`);
    return row.reversal ? t('stock.card.reversed', { kind: what }) : what;
  };
  const source = (row: CardRow) => {
    const { source: from } = row;
    const parts: string[] = [];
    switch (from.type) {
      case 'field_entry':
        parts.push(t(from.entryKind === 'tally' ? 'stock.card.sources.tally' : 'stock.card.sources.encounter'));
        break;
      case 'transfer':
        parts.push(
          t('stock.card.sources.transfer', { from: shown(from.fromSiteName ?? ''), to: shown(from.toSiteName ?? '') }),
        );
        break;
      case 'receipt':
        parts.push(
          from.supplier
            ? t('stock.card.sources.receiptFrom', { supplier: from.supplier })
            : t('stock.card.sources.receipt'),
        );
        break;
      default:
        parts.push(t(`stock.card.sources.${from.type}`));
    }
    if (from.reference) parts.push(t('stock.card.reference', { reference: from.reference }));
    return parts.join(' · ');
  };
  return { kind, source };
}

function CardTable({ card, captionId }: { card: StockCard; captionId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const words = useRowWords();
  const signed = (units: number) => `${units > 0 ? '+' : units < 0 ? '−' : ''}${quantities.units(Math.abs(units))}`;
  return (
    <StackingTable aria-labelledby={captionId} striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stock.card.when')}</Table.Th>
          <Table.Th>{t('stock.card.what')}</Table.Th>
          <Table.Th>{t('stock.card.source')}</Table.Th>
          <Table.Th>{t('stock.card.lot')}</Table.Th>
          <Table.Th>{t('stock.card.change')}</Table.Th>
          <Table.Th>{t('stock.card.balance')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {card.rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td data-label={t('stock.card.when')}>
              <time dateTime={row.at}>{format.dateTime(row.at)}</time>
            </Table.Td>
            <Table.Td data-label={t('stock.card.what')}>
              <Text>{words.kind(row)}</Text>
              {row.shortfall > 0 && (
                <Text c="orange.9">{t('stock.card.shortfall', { units: quantities.units(row.shortfall) })}</Text>
              )}
            </Table.Td>
            <Table.Td data-label={t('stock.card.source')}>{words.source(row)}</Table.Td>
            <Table.Td data-label={t('stock.card.lot')}>{row.lotNumber ?? t('stock.card.noLot')}</Table.Td>
            <Table.Td data-label={t('stock.card.change')}>{signed(row.units)}</Table.Td>
            <Table.Td data-label={t('stock.card.balance')}>
              <Text fw={600}>{quantities.units(row.balance)}</Text>
              {quantities.packs(row.balance, card.unitsPerPack) && (
                <Text c="gray.8">{quantities.packs(row.balance, card.unitsPerPack)}</Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </StackingTable>
  );
}

function CardBody({ subject }: { subject: StockCardSubject }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const quantities = useQuantities();
  const captionId = useId();
  const [lotId, setLotId] = useState(subject.lotId ?? everyLot);
  const lots = useLotsOf(subject.tracksLots ? subject.itemId : '');
  const card = useStockCard({
    siteId: subject.siteId,
    itemId: subject.itemId,
    ...(lotId === everyLot ? {} : { lotId }),
  });
  const pages = card.data?.pages ?? [];
  const first = pages[0];
  const merged = first ? { ...first, rows: pages.flatMap((page) => page.rows) } : null;
  const lotNumber = lots.data?.find((lot) => lot.id === lotId)?.lotNumber;
  return (
    <Stack gap="md">
      {subject.tracksLots && (
        <NativeSelect
          label={t('stock.card.lotFilter')}
          w={360}
          maw="100%"
          value={lotId}
          onChange={(event) => setLotId(event.currentTarget.value)}
        >
          <option value={everyLot}>{t('stock.card.everyLot')}</option>
          {(lots.data ?? []).map((lot) => (
            <option key={lot.id} value={lot.id}>
              {t('stock.card.lotOption', {
                lot: lot.lotNumber,
                expiry: lot.expiresOn ? format.date(lot.expiresOn) : t('stock.onHand.noExpiry'),
              })}
            </option>
          ))}
        </NativeSelect>
      )}
      {card.isError && <ErrorAlert code={errorCodeOf(card.error)} />}
      {card.isPending && <Text>{t('app.loading')}</Text>}
      {merged && (
        <>
          <Text id={captionId} fw={600}>
            {lotNumber
              ? t('stock.card.captionLot', {
                  lot: lotNumber,
                  item: shown(subject.itemName),
                  site: shown(subject.siteName),
                  units: quantities.both(merged.balance, merged.unitsPerPack),
                })
              : t('stock.card.caption', {
                  item: shown(subject.itemName),
                  site: shown(subject.siteName),
                  units: quantities.both(merged.balance, merged.unitsPerPack),
                })}
          </Text>
          {merged.rows.length === 0 ? (
            <Text>{t('stock.card.empty')}</Text>
          ) : (
            <CardTable card={merged} captionId={captionId} />
          )}
          {card.hasNextPage && (
            <Group>
              <Button variant="default" loading={card.isFetchingNextPage} onClick={() => void card.fetchNextPage()}>
                {t('stock.card.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

export function StockCardModal({ subject, onClose }: { subject: StockCardSubject; onClose: () => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('stock.card.close') }}
      opened
      onClose={onClose}
      size="xl"
      title={t('stock.card.title', { item: shown(subject.itemName), site: shown(subject.siteName) })}
    >
      <CardBody subject={subject} />
    </Modal>
  );
}
