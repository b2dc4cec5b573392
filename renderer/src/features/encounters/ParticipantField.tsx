/**
 * The participant code field: type the start of a code and pick from prefix and near matches
 * (arrows and Enter), or go on with a code nobody has yet. Built as an ARIA combobox so screen
 * readers announce the matches.
 */
import { Badge, Box, Group, Paper, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseCode, type ParticipantSearchResult } from '@contract/participants';
import { useParticipantSearch } from './hooks';
import { useFormatters } from '../../i18n/format';

export function ParticipantField({
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  error,
  chosenCode,
  onChoose,
  onConfirm,
}: {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  inputRef: Ref<HTMLInputElement>;
  name: string;
  error: string | undefined;
  /** The code picked from the matches (or built); the list stays closed while it is the value. */
  chosenCode: string | null;
  onChoose: (result: ParticipantSearchResult) => void;
  /** Enter with no match to pick: go on with the code as typed (or none: anonymous). */
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const listId = useId();
  const [debounced] = useDebouncedValue(normaliseCode(value), 120);
  const query = chosenCode !== null && normaliseCode(value) === chosenCode ? '' : debounced;
  const search = useParticipantSearch(query);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const results = query === '' ? [] : (search.data ?? []);
  // Matches for an earlier value stay shown while the search catches up, but Enter never picks one.
  const current = query === normaliseCode(value) && !search.isPlaceholderData;
  const open = !dismissed && results.length > 0 && normaliseCode(value) !== '';
  const activeIndex = Math.min(active, results.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (result: ParticipantSearchResult) => {
    setDismissed(true);
    onChoose(result);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((activeIndex + 1) % results.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((activeIndex - 1 + results.length) % results.length);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setDismissed(true);
    } else if (event.key === 'Enter') {
      // Enter picks a match, or moves on; it never saves a half-filled form.
      event.preventDefault();
      const result = open && current ? results[activeIndex] : undefined;
      if (result) choose(result);
      else onConfirm();
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
        ref={inputRef}
        name={name}
        label={t('encounterForm.participantCode')}
        description={t('encounterForm.participantCodeHint')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={error}
        value={value}
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
        onBlur={() => {
          setDismissed(true);
          onBlur();
        }}
        onFocus={() => setDismissed(false)}
        onKeyDown={onKeyDown}
      />
      <Paper
        id={listId}
        role="listbox"
        aria-label={t('participant.matches')}
        // Matches for an earlier value are on their way out: assistive technology (and tests) can tell.
        aria-busy={open && !current}
        withBorder={open}
        {...(open ? { shadow: 'md' } : {})}
        pos="absolute"
        left={0}
        right={0}
        style={{ zIndex: 20, display: open ? undefined : 'none' }}
      >
        {open &&
          results.map((result, index) => (
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
                <Text size="sm" c="gray.8" truncate>
                  {result.lastVisit
                    ? t('participant.lastVisitShort', {
                        date: format.dateTime(result.lastVisit.occurredAt),
                        site: result.lastVisit.siteName,
                      })
                    : t('participant.noVisits')}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
      </Paper>
    </Box>
  );
}
