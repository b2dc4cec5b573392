import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldEntry } from '@contract/field-entries';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';

export function SuppliesSummary({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  if (entry.lines.length === 0) return <>{t('recent.noSupplies')}</>;
  return (
    <Stack gap={2}>
      {entry.lines.map((line) => (
        <span key={line.itemId}>
          {t('recent.supplyLine', { quantity: format.number(line.quantity), item: shown(line.itemName) })}
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

/** A reversal report in one line: its outcome and doses, and its note as a sentence of its own. */
export function useReversalText() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (reversal: FieldEntry['reversals'][number]) => {
    const line = t('detail.reversalLine', {
      outcome: t(`reversalOutcomes.${reversal.outcome}`),
      doses: reversal.dosesUsed === null ? t('detail.dosesUnknown') : format.number(reversal.dosesUsed),
    });
    return reversal.note ? t('detail.reversalWithNote', { reversal: line, note: reversal.note }) : line;
  };
}

/** An unmet request in one line: the item (with the quantity asked for, when given) and why. */
export function useUnmetText() {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  return (request: FieldEntry['unmetRequests'][number]) =>
    t('detail.unmetLine', {
      item:
        request.quantity === null
          ? shown(request.itemName)
          : t('recent.supplyLine', { quantity: format.number(request.quantity), item: shown(request.itemName) }),
      reason: t(`unmetReasons.${request.reason}`),
    });
}
