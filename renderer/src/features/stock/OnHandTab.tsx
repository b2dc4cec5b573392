/**
 * What each site holds: per item its status, on hand in units and packs, what can be handed out,
 * what is on the way to the site, and the earliest expiry; a row opens to its lots (which
 * coordinators put on hold or release) and to its stock card. Empty items are listed too, so an
 * item that ran out shows as out of stock instead of vanishing.
 */
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllowed, useItems } from '../../api/queries';
import { StackingTable } from '../../components/StackingTable';
import type { Site } from '@contract/catalog';
import type { OnHand } from '@contract/inventory';
import { itemCategories, type ItemCategory } from '@contract/vocabulary';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useOnHand } from './hooks';
import { LotHoldModal, type HeldLot } from './LotHoldModal';
import { StockCardModal, type StockCardSubject } from './StockCardModal';
import { StatusBadge, useQuantities } from './stockParts';
import { SiteOptions } from '../../components/SiteOptions';

const allSites = 'all';
const allCategories = 'all';

type Row = OnHand[number];

/** What a row opens: a lot's hold or release, or the stock card. */
interface Opened {
  hold?: HeldLot;
  card?: StockCardSubject;
}

function LotsLine({ row, onOpen }: { row: Row; onOpen: (opened: Opened) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const quantities = useQuantities();
  const canHold = useAllowed('inventory.holdLot');
  return (
    <Stack gap={4}>
      {row.lots.map((lot) => (
        <Group key={lot.lotId} gap="sm" wrap="wrap">
          <Text fw={lot.onHold ? 600 : undefined}>
            {t('stock.onHand.lotLine', {
              lot: lot.lotNumber,
              expiry: lot.expiresOn ? format.date(lot.expiresOn) : t('stock.onHand.noExpiry'),
              units: quantities.units(lot.units),
            })}
            {lot.expired && ` · ${t('stock.onHand.lotExpired')}`}
            {!lot.expired && lot.expiresSoon && ` · ${t('stock.onHand.lotExpiring')}`}
            {lot.onHold && ` · ${t('stock.onHand.lotOnHold')}`}
          </Text>
          {canHold && (
            <Button
              size="compact-sm"
              variant="default"
              aria-label={t(lot.onHold ? 'stock.hold.releaseOf' : 'stock.hold.holdOf', {
                lot: lot.lotNumber,
                item: shown(row.itemName),
              })}
              onClick={() => onOpen({ hold: { ...lot, itemName: row.itemName } })}
            >
              {t(lot.onHold ? 'stock.hold.release' : 'stock.hold.hold')}
            </Button>
          )}
        </Group>
      ))}
      {row.lots.some((lot) => lot.onHold) && <Text c="grape.9">{t('stock.hold.heldExplained')}</Text>}
      {row.unitsWithoutLot !== 0 && (
        <Text>{t('stock.onHand.withoutLot', { units: quantities.units(row.unitsWithoutLot) })}</Text>
      )}
    </Stack>
  );
}

function OnHandRow({
  row,
  showSite,
  columns,
  tracksLots,
  onOpen,
}: {
  row: Row;
  showSite: boolean;
  columns: number;
  tracksLots: boolean;
  onOpen: (opened: Opened) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const quantities = useQuantities();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const earliest = row.lots.find((lot) => lot.expiresOn !== null)?.expiresOn ?? null;
  const inPacks = quantities.packs(row.units, row.unitsPerPack);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td data-label={t('stock.onHand.item')}>
          <Text fw={600}>{shown(row.itemName)}</Text>
          <Text c="gray.8">
            {row.unitsPerPack > 1
              ? t('stock.onHand.unitAndPack', { unit: row.unit, size: format.number(row.unitsPerPack) })
              : t('stock.onHand.unit', { unit: row.unit })}
          </Text>
        </Table.Td>
        {showSite && <Table.Td data-label={t('stock.onHand.site')}>{shown(row.siteName)}</Table.Td>}
        <Table.Td data-label={t('stock.onHand.status')}>
          <StatusBadge status={row.status} />
        </Table.Td>
        <Table.Td data-label={t('stock.onHand.onHand')}>
          <Text>{quantities.units(row.units)}</Text>
          {inPacks && <Text c="gray.8">{inPacks}</Text>}
        </Table.Td>
        <Table.Td data-label={t('stock.onHand.available')}>{quantities.units(row.available)}</Table.Td>
        <Table.Td data-label={t('stock.onHand.incoming')}>
          {row.incoming > 0 ? quantities.units(row.incoming) : t('stock.onHand.nothingIncoming')}
        </Table.Td>
        <Table.Td data-label={t('stock.onHand.earliestExpiry')}>
          {earliest ? <time dateTime={earliest}>{format.date(earliest)}</time> : t('stock.onHand.noExpiry')}
        </Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="wrap">
            {row.lots.length > 0 && (
              <Button
                size="compact-sm"
                variant="default"
                aria-expanded={open}
                aria-controls={detailsId}
                aria-label={
                  open
                    ? t('stock.onHand.hideLotsOf', { item: shown(row.itemName), site: shown(row.siteName) })
                    : t('stock.onHand.showLotsOf', {
                        count: row.lots.length,
                        item: shown(row.itemName),
                        site: shown(row.siteName),
                      })
                }
                onClick={() => setOpen((was) => !was)}
              >
                {open ? t('stock.onHand.hideLots') : t('stock.onHand.showLots', { count: row.lots.length })}
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="default"
              aria-label={t('stock.card.openOf', { item: shown(row.itemName), site: shown(row.siteName) })}
              onClick={() =>
                onOpen({
                  card: {
                    siteId: row.siteId,
                    siteName: row.siteName,
                    itemId: row.itemId,
                    itemName: row.itemName,
                    unitsPerPack: row.unitsPerPack,
                    tracksLots,
                  },
                })
              }
            >
              {t('stock.card.open')}
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={columns}>
            <LotsLine row={row} onOpen={onOpen} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function OnHandTab({ sites, initialSiteId }: { sites: readonly Site[]; initialSiteId: string }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const captionId = useId();
  const items = useItems();
  const [opened, setOpened] = useState<Opened>({});
  const [siteId, setSiteId] = useState(initialSiteId || allSites);
  const [category, setCategory] = useState<string>(allCategories);
  const onHand = useOnHand({
    ...(siteId === allSites ? {} : { siteId }),
    ...(category === allCategories ? {} : { category: category as ItemCategory }),
    includeEmpty: true,
  });
  const showSite = siteId === allSites;
  const columns = showSite ? 8 : 7;

  let content;
  if (onHand.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (onHand.isError) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(onHand.error)))}</Text>
      </Alert>
    );
  } else if (onHand.data.length === 0) {
    content = <Text>{t('stock.onHand.empty')}</Text>;
  } else {
    content = (
      <StackingTable aria-labelledby={captionId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.onHand.item')}</Table.Th>
            {showSite && <Table.Th>{t('stock.onHand.site')}</Table.Th>}
            <Table.Th>{t('stock.onHand.status')}</Table.Th>
            <Table.Th>{t('stock.onHand.onHand')}</Table.Th>
            <Table.Th>{t('stock.onHand.available')}</Table.Th>
            <Table.Th>{t('stock.onHand.incoming')}</Table.Th>
            <Table.Th>{t('stock.onHand.earliestExpiry')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('stock.card.rowActions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {onHand.data.map((row) => (
            <OnHandRow
              key={`${row.siteId}|${row.itemId}`}
              row={row}
              showSite={showSite}
              columns={columns}
              tracksLots={items.data?.find((item) => item.id === row.itemId)?.tracksLots ?? row.lots.length > 0}
              onOpen={setOpened}
            />
          ))}
        </Table.Tbody>
      </StackingTable>
    );
  }

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('stock.onHand.siteFilter')}
          value={siteId}
          onChange={(event) => setSiteId(event.currentTarget.value)}
          w={240}
        >
          <SiteOptions sites={sites} />
          <option value={allSites}>{t('stock.onHand.allSites')}</option>
        </NativeSelect>
        <NativeSelect
          label={t('stock.onHand.categoryFilter')}
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          w={260}
        >
          <option value={allCategories}>{t('stock.onHand.allCategories')}</option>
          {itemCategories.map((value) => (
            <option key={value} value={value}>
              {t(`categories.${value}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <Text id={captionId} fw={600}>
        {siteId === allSites
          ? t('stock.onHand.captionAll')
          : t('stock.onHand.caption', { site: shown(sites.find((site) => site.id === siteId)?.name ?? '') })}
      </Text>
      {content}
      {opened.hold && <LotHoldModal lot={opened.hold} onClose={() => setOpened({})} />}
      {opened.card && <StockCardModal subject={opened.card} onClose={() => setOpened({})} />}
    </Stack>
  );
}
