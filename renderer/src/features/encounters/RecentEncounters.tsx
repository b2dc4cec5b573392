import { Alert, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter, Tally } from '@contract/field-entries';
import { useRecentEntries } from './hooks';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { EntryWho, SuppliesSummary } from './entryParts';
import { StackingTable } from '../../components/StackingTable';

function EncounterRow({ encounter }: { encounter: Encounter | Tally }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  return (
    <Table.Tr>
      <Table.Td data-label={t('recent.time')}>
        <time dateTime={encounter.occurredAt}>{format.dateTime(encounter.occurredAt)}</time>
      </Table.Td>
      <Table.Td data-label={t('recent.site')}>{shown(encounter.siteName)}</Table.Td>
      <Table.Td data-label={t('recent.participant')}>
        <EntryWho entry={encounter} />
      </Table.Td>
      <Table.Td data-label={t('recent.supplies')}>
        <SuppliesSummary entry={encounter} />
      </Table.Td>
      <Table.Td data-label={t('recent.loggedBy')}>{shown(encounter.loggedBy)}</Table.Td>
    </Table.Tr>
  );
}

export function RecentEncounters() {
  const { t } = useTranslation();
  const headingId = useId();
  const encounters = useRecentEntries();

  let content;
  if (encounters.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (encounters.isError) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(encounters.error)}`)}</Text>
      </Alert>
    );
  } else if (encounters.data.length === 0) {
    content = <Text>{t('recent.empty')}</Text>;
  } else {
    content = (
      <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('recent.time')}</Table.Th>
            <Table.Th>{t('recent.site')}</Table.Th>
            <Table.Th>{t('recent.participant')}</Table.Th>
            <Table.Th>{t('recent.supplies')}</Table.Th>
            <Table.Th>{t('recent.loggedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {encounters.data.map((encounter) => (
            <EncounterRow key={encounter.id} encounter={encounter} />
          ))}
        </Table.Tbody>
      </StackingTable>
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('recent.heading')}
      </Title>
      {content}
    </section>
  );
}
