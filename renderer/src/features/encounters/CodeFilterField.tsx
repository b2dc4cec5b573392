/**
 * The Encounters list's participant code filter: type the start of a code, or a code with a typo,
 * and pick from the same prefix and near matches the log screen offers (arrows and Enter, or a
 * click). An ARIA combobox, so screen readers announce the matches.
 */
import { Box, Paper, TextInput } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantSearchResult } from '@contract/participants';
import { MatchOption, MatchSummary } from './CodeMatchOption';

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
            <MatchOption
              key={result.participantId}
              id={optionId(index)}
              active={index === activeIndex}
              onPick={() => choose(result)}
            >
              <MatchSummary result={result} stacked />
            </MatchOption>
          ))}
      </Paper>
    </Box>
  );
}
