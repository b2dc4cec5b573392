/** A returning participant's last visit in one line, with "same as last time" beside it. */
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Participant } from '@contract/participants';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { ariaShortcut, shortcutKeys, ShortcutKbd } from './ShortcutsHelp';

export function LastVisitLine({
  code,
  loading,
  participant,
  onSameAsLastTime,
}: {
  code: string;
  loading: boolean;
  /** Null: nobody has this code yet, so this is their first visit. */
  participant: Participant | null;
  onSameAsLastTime: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  if (loading) return <Text c="gray.8">{t('app.loading')}</Text>;
  const lastVisit = participant?.lastVisit ?? null;
  let summary: string;
  if (participant === null) summary = t('participant.firstVisit', { code });
  else if (lastVisit === null) summary = t('participant.noVisitsFor', { code });
  else
    summary = t('participant.lastVisit', {
      code,
      date: format.dateTime(lastVisit.occurredAt),
      site: shown(lastVisit.siteName),
      supplies:
        lastVisit.lines.length === 0
          ? t('participant.noSupplies')
          : format.list(
              lastVisit.lines.map((line) =>
                t('recent.supplyLine', { quantity: format.number(line.quantity), item: shown(line.itemName) }),
              ),
            ),
    });
  return (
    <Group gap="sm" wrap="nowrap" align="center" data-testid="last-visit">
      <Text style={{ flex: 1, minWidth: 0 }} aria-live="polite">
        {summary}
      </Text>
      {lastVisit !== null && lastVisit.lines.length > 0 && (
        <Button
          variant="light"
          size="sm"
          onClick={onSameAsLastTime}
          aria-keyshortcuts={ariaShortcut(shortcutKeys.sameAsLastTime)}
          rightSection={<ShortcutKbd chord={shortcutKeys.sameAsLastTime} />}
          style={{ flexShrink: 0 }}
        >
          {t('participant.sameAsLastTime')}
        </Button>
      )}
    </Group>
  );
}
