/**
 * The Encounters list's participant code filter: type the start of a code, or a code with a typo,
 * and pick from the same prefix and near matches the log screen offers (arrows and Enter, or a
 * click). An ARIA combobox, so screen readers announce the matches.
 */
import { Badge, Box, Group, Paper, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantSearchResult } from '@contract/participants';
import { useFormatters } from '../../i18n/format';

export function CodeFilterField({
  value,
  onChange,
  matches,
  matchesCurrent,
  onChoose,
  error,
  description,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The matches for what was typed (or, while the search catches up, for what was typed before). */
  matches: ParticipantSearchResult[];
  /** Whether `matches` are for the value as it is now: Enter picks only from those. */
  matchesCurrent: boolean;
  onChoose: (result: ParticipantSearchResult) => void;
  error: string | undefined;
  description: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const listId = useId();
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const open = !dismissed && matches.length > 0 && value.trim() !== '';
  const activeIndex = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (result: ParticipantSearchResult) => {
    setDismissed(true);
    onChoose(result);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((activeIndex + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((activeIndex - 1 + matches.length) % matches.length);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setDismissed(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const result = open && matchesCurrent ? matches[activeIndex] : undefined;
      if (result) choose(result);
    }
  };

  const matchLabel = (result: ParticipantSearchResult) =>
    result.match === 'near'
      ? t('participant.nearMatch')
      : result.match === 'exact'
        ? t('participant.exactMatch')
        : null;

  return (
    <Box pos="relative">
      <TextInput
        label={t('entries.participantCode')}
        description={description}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={value}
        error={error}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        styles={{ input: { textTransform: 'uppercase' } }}
        onChange={(event) => {
          setDismissed(false);
          setActive(0);
          onChange(event.currentTarget.value);
        }}
        onBlur={() => setDismissed(true)}
        onFocus={() => setDismissed(false)}
        onKeyDown={onKeyDown}
      />
      <Paper
        id={listId}
        role="listbox"
        aria-label={t('participant.matches')}
        aria-busy={open && !matchesCurrent}
        withBorder={open}
        {...(open ? { shadow: 'md' } : {})}
        pos="absolute"
        left={0}
        miw="100%"
        style={{ zIndex: 20, display: open ? undefined : 'none' }}
      >
        {open &&
          matches.map((result, index) => (
            <UnstyledButton
              key={result.participantId}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              tabIndex={-1}
              display="block"
              w="100%"
              px="sm"
              py={6}
              {...(index === activeIndex ? { bg: 'var(--mantine-color-blue-light)' } : {})}
              // Keeps focus in the field, so the click does not close the list before it counts.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(result)}
            >
              <Group gap="xs" wrap="nowrap">
                <Text fw={700} ff="monospace">
                  {result.code}
                </Text>
                {matchLabel(result) && (
                  <Badge variant="outline" color="gray.8" size="sm">
                    {matchLabel(result)}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="gray.8">
                {result.lastVisit
                  ? t('participant.lastVisitShort', {
                      date: format.dateTime(result.lastVisit.occurredAt),
                      site: result.lastVisit.siteName,
                    })
                  : t('participant.noVisits')}
              </Text>
            </UnstyledButton>
          ))}
      </Paper>
    </Box>
  );
}
