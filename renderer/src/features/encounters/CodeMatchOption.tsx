/**
 * One option of a code search's list (the log form's participant field, the Encounters code
 * filter): the code, whether it is this code or a close match, and its last visit.
 */
import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantSearchResult } from '@contract/participants';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';

/** An ARIA option that keeps focus in its field, marked while the arrow keys are on it. */
export function MatchOption({
  id,
  active,
  onPick,
  children,
}: {
  id: string;
  active: boolean;
  onPick: () => void;
  children: ReactNode;
}) {
  return (
    <UnstyledButton
      id={id}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      display="block"
      w="100%"
      px="sm"
      py={6}
      {...(active ? { bg: 'var(--mantine-color-blue-light)' } : {})}
      // Keeps focus in the field, so the click does not close the list before it counts.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
    >
      {children}
    </UnstyledButton>
  );
}

/** A match's code, its kind and its last visit: on one line, or the visit below the code. */
export function MatchSummary({ result, stacked = false }: { result: ParticipantSearchResult; stacked?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const label =
    result.match === 'near'
      ? t('participant.nearMatch')
      : result.match === 'exact'
        ? t('participant.exactMatch')
        : null;
  const lastVisit = (
    <Text size="sm" c="gray.8" truncate={!stacked}>
      {result.lastVisit
        ? t('participant.lastVisitShort', {
            date: format.dateTime(result.lastVisit.occurredAt),
            site: shown(result.lastVisit.siteName),
          })
        : t('participant.noVisits')}
    </Text>
  );
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Text fw={700} ff="monospace">
          {result.code}
        </Text>
        {label && (
          <Badge variant="outline" color="gray.8" size="sm">
            {label}
          </Badge>
        )}
        {!stacked && lastVisit}
      </Group>
      {stacked && lastVisit}
    </>
  );
}
