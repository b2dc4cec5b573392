import { Alert, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter, Tally } from '@contract/field-entries';
import { useRecentEntries } from './hooks';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { EntryWho, SuppliesSummary } from './entryParts';

// Long codes and names wrap inside their column instead of widening the table.
const wrapLong = { overflowWrap: 'break-word' } as const;

function EncounterRow({ encounter }: { encounter: Encounter | Tally }) {
  const format = useFormatters();
  const shown = useSeededName();
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={encounter.occurredAt}>{format.dateTime(encounter.occurredAt)}</time>
      </Table.Td>
      <Table.Td style={wrapLong}>{shown(encounter.siteName)}</Table.Td>
      <Table.Td style={wrapLong}>
        <EntryWho entry={encounter} />
      </Table.Td>
      <Table.Td style={wrapLong}>
        <SuppliesSummary entry={encounter} />
      </Table.Td>
      <Table.Td style={wrapLong}>{shown(encounter.loggedBy)}</Table.Td>
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
      <Table aria-labelledby={headingId} striped verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="21%">{t('recent.time')}</Table.Th>
            <Table.Th w="18%">{t('recent.site')}</Table.Th>
            <Table.Th w="19%">{t('recent.participant')}</Table.Th>
            <Table.Th>{t('recent.supplies')}</Table.Th>
            <Table.Th w="15%">{t('recent.loggedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {encounters.data.map((encounter) => (
            <EncounterRow key={encounter.id} encounter={encounter} />
          ))}
        </Table.Tbody>
      </Table>
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
