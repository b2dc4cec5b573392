/** The latest collections, newest day first, each with Correct and Void. */
import { Alert, Button, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '@contract/collections';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useRecentCollections } from './hooks';

function Syringes({ collection }: { collection: Collection }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { counted, estimated } = collection.collected;
  return (
    <>
      {counted > 0
        ? t('collections.countedSyringes', { formatted: format.number(counted) })
        : t('collections.estimatedSyringes', { formatted: format.number(estimated) })}
    </>
  );
}

export function RecentCollections({
  onCorrect,
  onVoid,
}: {
  onCorrect: (collection: Collection) => void;
  onVoid: (collection: Collection) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const headingId = useId();
  const collections = useRecentCollections();

  let content;
  if (collections.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (collections.isError) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(collections.error)}`)}</Text>
      </Alert>
    );
  } else if (collections.data.length === 0) {
    content = <Text>{t('collections.empty')}</Text>;
  } else {
    content = (
      <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('collections.day')}</Table.Th>
            <Table.Th>{t('collections.site')}</Table.Th>
            <Table.Th>{t('collections.source')}</Table.Th>
            <Table.Th>{t('collections.syringes')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('collections.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {collections.data.map((collection) => (
            <Table.Tr key={collection.id}>
              <Table.Td data-label={t('collections.day')}>
                <time dateTime={collection.collectedOn}>{format.date(collection.collectedOn)}</time>
              </Table.Td>
              <Table.Td data-label={t('collections.site')}>{shown(collection.siteName)}</Table.Td>
              <Table.Td data-label={t('collections.source')}>{t(`collections.sources.${collection.source}`)}</Table.Td>
              <Table.Td data-label={t('collections.syringes')}>
                <Syringes collection={collection} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t('collections.correctOne', { day: format.date(collection.collectedOn) })}
                    onClick={() => onCorrect(collection)}
                  >
                    {t('collections.correct')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    color="red.9"
                    aria-label={t('collections.voidOne', { day: format.date(collection.collectedOn) })}
                    onClick={() => onVoid(collection)}
                  >
                    {t('collections.void')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('collections.recentHeading')}
      </Title>
      {content}
    </section>
  );
}
