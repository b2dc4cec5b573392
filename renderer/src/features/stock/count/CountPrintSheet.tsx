/**
 * The count sheet on paper: every line of an open count with its lot, expiry, unit and pack size,
 * and an empty box to write the figure in. No expected figures: whoever counts, counts blind.
 * Printing hides the rest of the app (styles.css, `.count-print`).
 */
import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Count } from '@contract/counts';
import { useFormatters } from '../../../i18n/format';
import { useSeededName } from '../../../i18n/seededNames';

export function CountPrintSheet({ count, onClose }: { count: Count; onClose: () => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const format = useFormatters();
  return (
    <Modal opened onClose={onClose} fullScreen className="count-print" title={t('stock.count.printHeading')}>
      <Stack gap="md">
        <Group className="count-print-actions">
          <Button onClick={() => window.print()}>{t('stock.count.print')}</Button>
          <Button variant="default" onClick={onClose}>
            {t('stock.count.back')}
          </Button>
        </Group>
        <Title order={2} size="h3">
          {t('stock.count.sheetHeading', { site: shown(count.siteName), at: format.dateTime(count.countedAt) })}
        </Title>
        <Text>{t('stock.count.printIntro')}</Text>
        <Table withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stock.count.columns.item')}</Table.Th>
              <Table.Th>{t('stock.count.columns.lot')}</Table.Th>
              <Table.Th>{t('stock.count.columns.expiresOn')}</Table.Th>
              <Table.Th>{t('stock.count.columns.unit')}</Table.Th>
              <Table.Th>{t('stock.count.columns.packSize')}</Table.Th>
              <Table.Th>{t('stock.count.columns.countedBox')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {count.lines.map((line) => (
              <Table.Tr key={line.line}>
                <Table.Td>{shown(line.itemName)}</Table.Td>
                <Table.Td>{line.lotNumber ?? (line.tracksLots ? t('stock.count.noLot') : '—')}</Table.Td>
                <Table.Td>{line.expiresOn ? format.date(line.expiresOn) : '—'}</Table.Td>
                <Table.Td>{line.unit}</Table.Td>
                <Table.Td>{format.number(line.unitsPerPack)}</Table.Td>
                <Table.Td className="count-print-box" aria-label={t('stock.count.columns.countedBox')} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  );
}
