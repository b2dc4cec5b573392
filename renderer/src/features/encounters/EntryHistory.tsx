/**
 * An entry's history in its details: each save, correction and void on a line of its own, oldest
 * first (when, who, what and why), and under each correction what it changed, before → after.
 */
import { List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryFieldChange, EntryHistoryEvent, EntryLineChange, FieldEntry } from '@contract/field-entries';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useReversalText, useUnmetText } from './entryParts';
import { useEntryHistory } from './hooks';

/** Each change as the label of its field and its values before and after, in words. */
function useChangeTexts() {
  const { t } = useTranslation();
  const format = useFormatters();
  const reversalText = useReversalText();
  const unmetText = useUnmetText();
  const shown = useSeededName();
  const none = t('detail.none');
  // Spanish agrees the word with what is missing: a note and requests are feminine.
  const noneFemale = t('detail.none', { context: 'female' });
  const listed = (texts: string[], empty = none) => (texts.length === 0 ? empty : format.list(texts));

  const field = (change: EntryFieldChange): { label: string; before: string; after: string } => {
    switch (change.field) {
      case 'occurredAt':
        return {
          label: t('detail.occurredAt'),
          before: format.dateTime(change.before),
          after: format.dateTime(change.after),
        };
      case 'filedOn':
        return {
          label: t('detail.historyFiledOn'),
          before: format.date(change.before),
          after: format.date(change.after),
        };
      case 'site':
        return { label: t('detail.site'), before: shown(change.before), after: shown(change.after) };
      case 'participant': {
        const code = (value: string | null) => value ?? t('entries.anonymous');
        return { label: t('detail.participant'), before: code(change.before), after: code(change.after) };
      }
      case 'contactType':
        return {
          label: t('detail.contactType'),
          before: t(`contactTypes.${change.before}`),
          after: t(`contactTypes.${change.after}`),
        };
      case 'services':
        return {
          label: t('detail.services'),
          before: listed(change.before.map(shown)),
          after: listed(change.after.map(shown)),
        };
      case 'reversals':
        return {
          label: t('detail.reversals'),
          before: listed(change.before.map(reversalText)),
          after: listed(change.after.map(reversalText)),
        };
      case 'unmetRequests':
        return {
          label: t('detail.unmetRequests'),
          before: listed(change.before.map(unmetText), noneFemale),
          after: listed(change.after.map(unmetText), noneFemale),
        };
      case 'note':
        return { label: t('detail.note'), before: change.before ?? noneFemale, after: change.after ?? noneFemale };
      default: {
        const labels = {
          onBehalfOf: t('detail.onBehalfOf'),
          contacts: t('detail.contacts'),
          collectedCounted: t('detail.historyCollectedCounted'),
          collectedContainers: t('detail.historyCollectedContainers'),
          collectedPounds: t('detail.historyCollectedPounds'),
        };
        return {
          label: labels[change.field],
          before: format.number(change.before),
          after: format.number(change.after),
        };
      }
    }
  };

  const side = (line: EntryLineChange['before']) => {
    if (line === null) return t('detail.historyNoLine');
    const quantity = format.number(line.quantity);
    return line.lotNumber === null ? quantity : t('detail.historyWithLot', { quantity, lot: line.lotNumber });
  };
  const line = (change: EntryLineChange) => ({
    label: shown(change.itemName),
    before: side(change.before),
    after: side(change.after),
  });
  return { field, line };
}

function HistoryStep({ step }: { step: EntryHistoryEvent }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const texts = useChangeTexts();
  const shown = useSeededName();
  const what = {
    logged: t('detail.historyLogged'),
    corrected: t('detail.historyCorrected', { reason: step.reason ?? t('detail.none') }),
    voided: t('detail.historyVoided', { reason: step.reason ?? t('detail.none') }),
    undone: t('detail.historyUndone'),
  }[step.event];
  const changes = [...step.changes.map(texts.field), ...step.lineChanges.map(texts.line)];
  return (
    <List.Item>
      <Text>
        <time dateTime={step.at}>{format.dateTime(step.at)}</time>{' '}
        {t('detail.historyStep', { by: shown(step.by), what })}
      </Text>
      {step.event === 'corrected' &&
        (changes.length === 0 ? (
          <Text c="dimmed">{t('detail.historyNoChange')}</Text>
        ) : (
          <List withPadding>
            {changes.map((change, index) => (
              <List.Item key={`${index}-${change.label}`}>{t('detail.historyChange', change)}</List.Item>
            ))}
          </List>
        ))}
    </List.Item>
  );
}

export function EntryHistory({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  const headingId = useId();
  const history = useEntryHistory(entry);
  let body;
  if (history.isPending) body = <Text>{t('detail.historyLoading')}</Text>;
  else if (history.isError)
    body = <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(history.error)))}</Text>;
  else
    body = (
      <List type="ordered" spacing="xs" aria-labelledby={headingId} style={{ overflowWrap: 'break-word' }}>
        {history.data.map((step) => (
          <HistoryStep key={`${step.event}-${step.revision ?? 'taken-back'}`} step={step} />
        ))}
      </List>
    );
  return (
    <section aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} id={headingId}>
          {t('detail.historyHeading')}
        </Title>
        {body}
      </Stack>
    </section>
  );
}
