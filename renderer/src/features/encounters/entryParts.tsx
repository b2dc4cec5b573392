import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldEntry } from '@contract/field-entries';
import { useFormatters } from '../../i18n/format';

export function SuppliesSummary({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (entry.lines.length === 0) return <>{t('recent.noSupplies')}</>;
  return (
    <Stack gap={2}>
      {entry.lines.map((line) => (
        <span key={line.itemId}>
          {t('recent.supplyLine', { quantity: format.number(line.quantity), item: line.itemName })}
        </span>
      ))}
    </Stack>
  );
}

/** Who the entry is about: a participant code, an anonymous walk-in, or a tally's number of contacts. */
export function EntryWho({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (entry.kind === 'tally')
    return <>{t('entries.contacts', { count: entry.contacts, formatted: format.number(entry.contacts) })}</>;
  return (
    entry.participantCode ?? (
      <Text component="span" fs="italic">
        {t('entries.anonymous')}
      </Text>
    )
  );
}

/** How a voided entry was taken back: its author undid it right after saving, or someone gave a reason. */
export function TakenBack({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  if (entry.voidKind === 'undo') return <>{t('entries.undoneAfterSaving')}</>;
  return <>{entry.voidReason ?? t('detail.none')}</>;
}
