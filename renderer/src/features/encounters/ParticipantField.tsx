/**
 * The participant code field: type the start of a code and pick from prefix and near matches
 * (arrows and Enter), or add a code nobody has yet with one confirming Enter. Built as an ARIA
 * combobox so screen readers announce the matches.
 *
 * A typo must never become a new person, nor a new person someone else: a complete code that
 * matches no one is offered first as "add as a new participant" (close matches below it, never
 * chosen for the worker), and the form refuses to save such a code until it is confirmed.
 */
import { Badge, Box, Group, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { fitsFormula, normaliseCode, type ParticipantSearchResult } from '@contract/participants';
import type { ParticipantCodeFormula } from '@contract/vocabulary';
import { participantSearch, useParticipantSearch } from './hooks';
import { MatchOption, MatchSummary } from './CodeMatchOption';

/**
 * Where the typed code stands: none typed, picked or confirmed, someone's code not yet picked, a
 * new code waiting for its confirming Enter, a code the formula does not make, or still looked up.
 */
export type CodeStatus = 'none' | 'confirmed' | 'existing' | 'new' | 'unfit' | 'pending';

type Option = { kind: 'new'; code: string } | { kind: 'match'; result: ParticipantSearchResult };

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
  formula,
  onStatus,
  onReconsider,
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
  /**
   * Enter with no match to pick, or on "add as a new participant": go on with the code as typed (or
   * none: anonymous), unless it is a new code the formula does not make.
   */
  onConfirm: (code: { unfit: boolean }) => void;
  formula: ParticipantCodeFormula;
  onStatus: (status: CodeStatus) => void;
  /** A code confirmed before the search answered is new, with a close match: it needs confirming after all. */
  onReconsider: (code: string) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const queryClient = useQueryClient();
  // What the field holds now, for an answer that arrives after more typing.
  const latestValue = useRef(value);
  useEffect(() => {
    latestValue.current = value;
  }, [value]);
  const [debounced] = useDebouncedValue(normaliseCode(value), 120);
  const query = chosenCode !== null && normaliseCode(value) === chosenCode ? '' : debounced;
  const search = useParticipantSearch(query);
  // -1: the first option unless it is a close match.
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const typed = normaliseCode(value);
  const results = query === '' ? [] : (search.data ?? []);
  // Matches for an earlier value stay shown while the search catches up, but Enter never picks one.
  const current = query === typed && !search.isPlaceholderData && !search.isPending;
  const exact = current && results.some((result) => result.code === typed);
  // Complete: what the formula makes (with a free formula, a code no longer the start of another).
  const complete =
    formula === 'free' ? !results.some((result) => result.match === 'prefix') : fitsFormula(typed, formula);
  let status: CodeStatus = 'pending';
  if (typed === '') status = 'none';
  else if (chosenCode === typed) status = 'confirmed';
  else if (!current) status = 'pending';
  else if (exact) status = 'existing';
  else if (complete) status = 'new';
  else if (!results.some((result) => result.match === 'prefix')) status = 'unfit';
  useEffect(() => onStatus(status), [status, onStatus]);

  const options: Option[] = [
    ...(status === 'new' ? [{ kind: 'new' as const, code: typed }] : []),
    ...results.map((result) => ({ kind: 'match' as const, result })),
  ];
  const open = !dismissed && options.length > 0 && typed !== '';
  // A close match is never chosen for the worker: only the start of a code is (the worker is still typing it).
  const firstPreset = options[0]?.kind === 'match' && options[0].result.match === 'near' ? -1 : 0;
  const activeIndex = active === -1 ? firstPreset : Math.min(active, options.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (result: ParticipantSearchResult) => {
    setDismissed(true);
    onChoose(result);
  };

  /**
   * Enter on a code the formula does not make, before the search has answered: it may still be
   * someone's (codes made under an earlier formula stay valid), so the answer decides.
   */
  const confirmOnceKnown = async (code: string) => {
    let found: ParticipantSearchResult[];
    try {
      found = await queryClient.fetchQuery(participantSearch(code));
    } catch {
      // Unanswered: go on, and the save says what the core makes of the code.
      onConfirm({ unfit: false });
      return;
    }
    if (normaliseCode(latestValue.current) !== code) return;
    const someone = found.find((result) => result.code === code);
    if (someone) choose(someone);
    else onConfirm({ unfit: !found.some((result) => result.match === 'prefix') });
  };

  /**
   * Enter on a complete code before the search has answered moves on at once (the next keys are
   * the supplies), and the answer is checked after: a new code with a close match was confirmed
   * unseen, so it goes back to needing its confirming Enter.
   */
  const confirmThenCheck = async (code: string) => {
    onConfirm({ unfit: false });
    try {
      const found = await queryClient.fetchQuery(participantSearch(code));
      const someone = found.some((result) => result.code === code);
      if (!someone && found.some((result) => result.match === 'near')) onReconsider(code);
    } catch {
      // Nothing to reconsider without an answer; the save checks the code again.
    }
  };

  const pick = (option: Option) => {
    if (option.kind === 'match') choose(option.result);
    else {
      setDismissed(true);
      onConfirm({ unfit: false });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((activeIndex + 1) % options.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((Math.max(activeIndex, 0) - 1 + options.length) % options.length);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setDismissed(true);
    } else if (event.key === 'Enter') {
      // Enter picks the option shown as chosen, or moves on; it never saves a half-filled form.
      event.preventDefault();
      const option = open && current && activeIndex >= 0 ? options[activeIndex] : undefined;
      if (option) pick(option);
      else if (!current && !fitsFormula(typed, formula)) void confirmOnceKnown(typed);
      else if (!current && typed !== '') void confirmThenCheck(typed);
      else onConfirm({ unfit: status === 'unfit' });
    }
  };

  return (
    <Box pos="relative">
      <TextInput
        ref={inputRef}
        name={name}
        label={t('encounterForm.participantCode')}
        description={
          status === 'new'
            ? t('participant.newUnconfirmed', { code: typed })
            : status === 'unfit'
              ? t('participant.unfit', { code: typed })
              : t('encounterForm.participantCodeHint')
        }
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={error}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        styles={{ input: { textTransform: 'uppercase' } }}
        onChange={(event) => {
          setDismissed(false);
          setActive(-1);
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
          options.map((option, index) => (
            <MatchOption
              key={option.kind === 'new' ? 'new' : option.result.participantId}
              id={optionId(index)}
              active={index === activeIndex}
              onPick={() => pick(option)}
            >
              {option.kind === 'new' ? (
                <Group gap="xs" wrap="nowrap">
                  <Badge variant="filled" color="blue.9" size="sm">
                    {t('participant.newParticipant')}
                  </Badge>
                  <Text fw={700}>{t('participant.addAsNew', { code: option.code })}</Text>
                </Group>
              ) : (
                <MatchSummary result={option.result} />
              )}
            </MatchOption>
          ))}
      </Paper>
    </Box>
  );
}
