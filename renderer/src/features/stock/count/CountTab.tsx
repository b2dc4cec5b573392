/**
 * The Count tab: start a count of a site's shelf (the whole site, one category or one lot, now or
 * as of an earlier moment), the counts open and recent, and one count opened to enter its figures.
 */
import { Button, Group, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item, Site } from '@contract/catalog';
import { countScopes, type CountScope, type StartCountInput } from '@contract/counts';
import { itemCategories, type ItemCategory } from '@contract/vocabulary';
import { ContractCallError, call } from '../../../api/client';
import { useAllowed } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StackingTable } from '../../../components/StackingTable';
import { errorCodeOf, errorKey } from '../../../i18n/errors';
import { useFormatters } from '../../../i18n/format';
import { useSeededName } from '../../../i18n/seededNames';
import { issuesOf } from '../../../lib/serverErrors';
import { localToOffsetIso } from '../../encounters/encounterForm';
import { CountSheet } from './CountSheet';
import { useCounts, useStartCount } from './countHooks';
import { SiteOptions } from '../../../components/SiteOptions';

export type Problems = Record<string, string>;

/** A refusal's problems by the field they name ('' for the form as a whole). */
export function refusalProblems(error: unknown): Problems {
  if (!(error instanceof ContractCallError)) return { '': errorCodeOf(error) };
  const problems: Problems = {};
  for (const issue of issuesOf(error.error)) problems[issue.field ?? ''] ??= issue.code;
  return problems;
}

/** The first problem no field on show names, for the form's own alert. */
export function otherProblem(problems: Problems, shownFields: string[]): string | undefined {
  return Object.entries(problems).find(([field]) => !shownFields.includes(field))?.[1];
}

function StartCount({
  sites,
  items,
  initialSiteId,
  onStarted,
}: {
  sites: Site[];
  items: Item[];
  initialSiteId: string;
  onStarted: (countId: string) => void;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const start = useStartCount();
  const [siteId, setSiteId] = useState(initialSiteId);
  const [scope, setScope] = useState<CountScope>('site');
  const [category, setCategory] = useState<ItemCategory | ''>('');
  const [itemId, setItemId] = useState('');
  const [lotId, setLotId] = useState('');
  const [countedAt, setCountedAt] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const trackedItems = items.filter((item) => item.active && item.tracksLots);
  const lots = useQuery({
    enabled: scope === 'lot' && itemId !== '',
    queryKey: ['inventory.lots', { itemId }],
    queryFn: () => call('inventory.lots', { itemId }),
  });
  const problem = (field: string) => (problems[field] ? t(errorKey(problems[field])) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: StartCountInput = {
      siteId,
      scope,
      ...(scope === 'category' && category !== '' ? { category } : {}),
      ...(scope === 'lot' && lotId !== '' ? { lotId } : {}),
      ...(countedAt.trim() === '' ? {} : { countedAt: localToOffsetIso(countedAt) ?? countedAt }),
    };
    try {
      const count = await start.mutateAsync(input);
      setProblems({});
      onStarted(count.id);
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };

  return (
    <form noValidate aria-labelledby="start-count-heading" onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Title order={2} size="h3" id="start-count-heading">
          {t('stock.count.startHeading')}
        </Title>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t('stock.count.site')}
            value={siteId}
            error={problem('siteId')}
            onChange={(event) => setSiteId(event.currentTarget.value)}
          >
            <SiteOptions sites={sites} />
          </NativeSelect>
          <TextInput
            type="datetime-local"
            label={t('stock.count.countedAt')}
            description={t('stock.count.countedAtHint')}
            value={countedAt}
            error={problem('countedAt')}
            onChange={(event) => setCountedAt(event.currentTarget.value)}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="count-scope-label">
            {t('stock.count.scope')}
          </Text>
          <SegmentedControl
            aria-labelledby="count-scope-label"
            value={scope}
            onChange={(value) => setScope(value as CountScope)}
            data={countScopes.map((value) => ({ value, label: t(`stock.count.scopes.${value}`) }))}
            w="fit-content"
          />
        </Stack>
        {scope === 'category' && (
          <NativeSelect
            label={t('stock.count.category')}
            w={260}
            value={category}
            error={problem('category')}
            onChange={(event) => setCategory(event.currentTarget.value as ItemCategory | '')}
          >
            <option value="">{t('stock.count.chooseCategory')}</option>
            {itemCategories.map((value) => (
              <option key={value} value={value}>
                {t(`categories.${value}`)}
              </option>
            ))}
          </NativeSelect>
        )}
        {scope === 'lot' && (
          <Group align="flex-end" gap="md">
            <NativeSelect
              label={t('stock.count.item')}
              value={itemId}
              onChange={(event) => {
                setItemId(event.currentTarget.value);
                setLotId('');
              }}
            >
              <option value="">{t('stock.count.chooseItem')}</option>
              {trackedItems.map((item) => (
                <option key={item.id} value={item.id}>
                  {shown(item.name)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('stock.count.lot')}
              value={lotId}
              error={problem('lotId')}
              onChange={(event) => setLotId(event.currentTarget.value)}
            >
              <option value="">{t('stock.count.chooseLot')}</option>
              {(lots.data ?? []).map((lot) => (
                <option key={lot.id} value={lot.id}>
                  {lot.expiresOn
                    ? t('stock.count.lotWithExpiry', { lot: lot.lotNumber, expiresOn: lot.expiresOn })
                    : lot.lotNumber}
                </option>
              ))}
            </NativeSelect>
          </Group>
        )}
        <ErrorAlert
          code={otherProblem(problems, [
            'siteId',
            'countedAt',
            ...(scope === 'category' ? ['category'] : []),
            ...(scope === 'lot' ? ['lotId'] : []),
          ])}
        />
        <Group>
          <Button type="submit" loading={start.isPending}>
            {t('stock.count.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CountsList({ onOpen }: { onOpen: (countId: string) => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const format = useFormatters();
  const counts = useCounts({ limit: 50 });
  if (counts.isError) return <ErrorAlert code={errorCodeOf(counts.error)} />;
  if (!counts.data) return <Text>{t('app.loading')}</Text>;
  const columns = {
    countedAt: t('stock.count.columns.countedAt'),
    site: t('stock.count.columns.site'),
    scope: t('stock.count.columns.scope'),
    status: t('stock.count.columns.status'),
    progress: t('stock.count.columns.progress'),
    open: t('stock.count.columns.open'),
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('stock.count.listHeading')}
      </Title>
      {counts.data.length === 0 ? (
        <Text>{t('stock.count.none')}</Text>
      ) : (
        <StackingTable>
          <Table.Thead>
            <Table.Tr>
              {Object.values(columns).map((label) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.data.map((count) => (
              <Table.Tr key={count.id}>
                <Table.Td data-label={columns.countedAt}>{format.dateTime(count.countedAt)}</Table.Td>
                <Table.Td data-label={columns.site}>{shown(count.siteName)}</Table.Td>
                <Table.Td data-label={columns.scope}>
                  {count.scope === 'category' && count.category
                    ? t(`categories.${count.category}`)
                    : count.scope === 'lot'
                      ? t('stock.count.lotScope', { lot: count.lotNumber })
                      : t('stock.count.scopes.site')}
                </Table.Td>
                <Table.Td data-label={columns.status}>
                  {t(`stock.count.status.${count.status}`)}
                  {count.reviews > 0 && ` · ${t('stock.count.reviewsCount', { count: count.reviews })}`}
                </Table.Td>
                <Table.Td data-label={columns.progress}>
                  {t('stock.count.progress', { counted: count.countedLines, lines: count.lines })}
                </Table.Td>
                <Table.Td data-label={columns.open}>
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('stock.count.openOne', {
                      site: shown(count.siteName),
                      at: format.dateTime(count.countedAt),
                    })}
                    onClick={() => onOpen(count.id)}
                  >
                    {t('stock.count.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
    </Stack>
  );
}

export function CountTab({ sites, items, initialSiteId }: { sites: Site[]; items: Item[]; initialSiteId: string }) {
  const { t } = useTranslation();
  const canStart = useAllowed('inventory.startCount');
  const [openId, setOpenId] = useState<string | null>(null);
  if (openId !== null) return <CountSheet countId={openId} onClose={() => setOpenId(null)} />;
  return (
    <Stack gap="xl">
      <Text>{t('stock.count.intro')}</Text>
      {canStart &&
        (sites.length === 0 ? (
          <Text>{t('stock.noSites')}</Text>
        ) : (
          <StartCount sites={sites} items={items} initialSiteId={initialSiteId} onStarted={setOpenId} />
        ))}
      <CountsList onOpen={setOpenId} />
    </Stack>
  );
}
