/**
 * The participant code builder: asks the program's questions, shows the code as it is typed, and
 * checks with the core whether someone already has it ("same person?", or a suffix letter for
 * someone else). Answers live only in this component's state and are cleared whenever the modal
 * closes: they are never stored, sent anywhere but the core's builder, or logged.
 */
import { Alert, Box, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useRef, useState, type FormEvent, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildParticipantCode,
  codeFormulas,
  type BuiltCode,
  type CodeAnswers,
  type CodeQuestion,
} from '@contract/participants';
import { OutpostError, type ErrorCode, type FieldIssue } from '@contract/errors';
import type { ParticipantCodeFormula } from '@contract/vocabulary';
import { call, ContractCallError } from '../../api/client';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { issuesOf } from '../../lib/serverErrors';

interface BuilderState {
  /** Question id -> what is typed or chosen. */
  values: Readonly<Record<string, string>>;
  /** Question ids the participant declined. */
  declined: Readonly<Record<string, boolean>>;
  /** Question id -> the error shown at it. */
  issues: Readonly<Record<string, ErrorCode>>;
  /** An error that belongs to no question. */
  alert: ErrorCode | null;
  /** The code the core built when someone already has it (the "same person?" step). */
  taken: BuiltCode | null;
}

const emptyState: BuilderState = { values: {}, declined: {}, issues: {}, alert: null, taken: null };

/**
 * The answers as the builder takes them: a declined question is null; an unanswered declinable
 * question is left out (the builder then asks to answer it or mark it declined).
 */
function answersOf(questions: readonly CodeQuestion[], state: BuilderState): Record<string, string | null> {
  const answers: Record<string, string | null> = {};
  for (const question of questions) {
    if (question.declinable && state.declined[question.id]) {
      answers[question.id] = null;
      continue;
    }
    const value = state.values[question.id] ?? '';
    if (question.declinable && value.trim() === '') continue;
    answers[question.id] = value;
  }
  return answers;
}

/** The code for these answers, or null while they do not make one yet. */
function previewOf(formula: ParticipantCodeFormula, answers: CodeAnswers): string | null {
  try {
    return buildParticipantCode(formula, answers);
  } catch (error) {
    if (error instanceof OutpostError) return null;
    throw error;
  }
}

/** Issues at questions (by id, first one first) and the first issue that belongs to none. */
function placeIssues(questions: readonly CodeQuestion[], issues: FieldIssue[]) {
  const known = new Set<string>(questions.map((question) => question.id));
  const atQuestions: Record<string, ErrorCode> = {};
  let alert: ErrorCode | null = null;
  for (const issue of issues) {
    const id = issue.field?.startsWith('answers.') ? issue.field.slice('answers.'.length) : undefined;
    if (id !== undefined && known.has(id)) atQuestions[id] ??= issue.code;
    else alert ??= issue.code;
  }
  const first = questions.find((question) => atQuestions[question.id] !== undefined)?.id;
  return { atQuestions, alert, first };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export function CodeBuilder({
  opened,
  formula,
  onUse,
  onClose,
}: {
  opened: boolean;
  /** The program's formula (settings.get → participantCodeFormula). */
  formula: ParticipantCodeFormula;
  /** Called with the code to log this encounter under: a new code, the existing person's code, or a code with a suffix added. */
  onUse: (code: string) => void;
  onClose: () => void;
}): JSX.Element {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const shown = useSeededName();
  const { questions } = codeFormulas[formula];
  const [state, setState] = useState<BuilderState>(emptyState);
  const [busy, setBusy] = useState(false);
  const samePersonId = useId();

  // Closing forgets every answer (adjusted while rendering, so no closed render still holds them).
  const [wasOpened, setWasOpened] = useState(opened);
  if (wasOpened !== opened) {
    setWasOpened(opened);
    if (!opened) {
      setState(emptyState);
      setBusy(false);
    }
  }

  // A reply that arrives after the modal closed (or reopened) is dropped.
  const session = useRef(0);
  useEffect(() => {
    if (!opened) session.current += 1;
  }, [opened]);

  const inputs = useRef<Record<string, HTMLInputElement | HTMLSelectElement | null>>({});
  const yesButton = useRef<HTMLButtonElement>(null);
  // Focus moves once React has rendered the step it goes to.
  const pendingFocus = useRef<'yes' | 'firstQuestion' | null>(null);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'yes') yesButton.current?.focus();
    else if (questions[0]) inputs.current[questions[0].id]?.focus();
  });

  const answers = answersOf(questions, state);
  const preview = previewOf(formula, answers);

  const labelOf = (question: CodeQuestion) => t(`codeBuilder.questions.${question.id}.label`);

  const hintOf = (question: CodeQuestion): string => {
    switch (question.id) {
      case 'motherFirstName':
        return t('codeBuilder.questions.motherFirstName.hint', { count: question.length });
      case 'lastName':
        return t('codeBuilder.questions.lastName.hint', { count: question.length });
      case 'birthYear':
        return question.length === 4
          ? t('codeBuilder.questions.birthYear.hintFull')
          : t('codeBuilder.questions.birthYear.hintShort');
      default:
        return t(`codeBuilder.questions.${question.id}.hint`);
    }
  };

  const setValue = (id: string, value: string) =>
    setState((current) => ({
      ...current,
      values: { ...current.values, [id]: value },
      issues: without(current.issues, id),
      alert: null,
    }));

  const setDeclined = (id: string, declined: boolean) =>
    setState((current) => ({
      ...current,
      declined: { ...current.declined, [id]: declined },
      issues: without(current.issues, id),
      alert: null,
    }));

  const showIssues = (issues: FieldIssue[]) => {
    const placed = placeIssues(questions, issues);
    setState((current) => ({ ...current, issues: placed.atQuestions, alert: placed.alert }));
    if (placed.first !== undefined) inputs.current[placed.first]?.focus();
  };

  const submit = async () => {
    if (busy) return;
    // The same check as the core's, so a mistake shows at once without a round trip.
    try {
      buildParticipantCode(formula, answers);
    } catch (error) {
      if (!(error instanceof OutpostError)) throw error;
      showIssues(error.issues);
      return;
    }
    const mine = session.current;
    setBusy(true);
    let built: BuiltCode;
    try {
      built = await call('participants.buildCode', { formula, answers });
    } catch (error) {
      if (session.current !== mine) return;
      setBusy(false);
      if (error instanceof ContractCallError) showIssues(issuesOf(error.error));
      else setState((current) => ({ ...current, alert: 'internal_error' }));
      return;
    }
    if (session.current !== mine) return;
    setBusy(false);
    if (built.existing === null) {
      onUse(built.code);
      return;
    }
    setState((current) => ({ ...current, issues: {}, alert: null, taken: built }));
    pendingFocus.current = 'yes';
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  // Enter submits from every field, a choice and a Declined checkbox included.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target.tagName !== 'INPUT' && target.tagName !== 'SELECT') return;
    event.preventDefault();
    void submit();
  };

  const someoneElse = async (taken: BuiltCode) => {
    if (busy) return;
    const mine = session.current;
    setBusy(true);
    try {
      const created = await call('participants.create', { code: taken.code, formula, addSuffix: true });
      if (session.current !== mine) return;
      setBusy(false);
      onUse(created.code);
    } catch (error) {
      if (session.current !== mine) return;
      setBusy(false);
      setState((current) => ({ ...current, alert: errorCodeOf(error) }));
    }
  };

  const back = () => {
    setState((current) => ({ ...current, taken: null, alert: null }));
    pendingFocus.current = 'firstQuestion';
  };

  const alert = state.alert && (
    <Alert color="red" variant="outline" role="alert">
      <Text c="var(--mantine-color-error)">{t(errorKey(state.alert))}</Text>
    </Alert>
  );

  const renderQuestion = (question: CodeQuestion, index: number) => {
    const declined = question.declinable && state.declined[question.id] === true;
    const issue = state.issues[question.id];
    const common = {
      label: labelOf(question),
      description: hintOf(question),
      error: issue ? t(errorKey(issue)) : undefined,
      disabled: declined,
      value: state.values[question.id] ?? '',
      // The modal puts focus here when it opens.
      'data-autofocus': index === 0 ? true : undefined,
    };
    const input =
      question.kind === 'choice' ? (
        <NativeSelect
          {...common}
          ref={(element) => {
            inputs.current[question.id] = element;
          }}
          onChange={(event) => setValue(question.id, event.currentTarget.value)}
        >
          <option value="">{t('codeBuilder.choose')}</option>
          {question.options.map((option) => (
            <option key={option.id} value={option.value}>
              {t(`codeBuilder.genders.${option.id as GenderId}`)}
            </option>
          ))}
        </NativeSelect>
      ) : (
        <TextInput
          {...common}
          ref={(element) => {
            inputs.current[question.id] = element;
          }}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          inputMode={question.kind === 'digits' ? 'numeric' : undefined}
          maxLength={question.kind === 'digits' ? Math.max(...question.typedLengths) : undefined}
          onChange={(event) => setValue(question.id, event.currentTarget.value)}
        />
      );
    return (
      <Stack key={question.id} gap={6}>
        {input}
        {question.declinable && (
          <Checkbox
            label={t('codeBuilder.declined')}
            aria-label={t('codeBuilder.declinedFor', { question: labelOf(question) })}
            checked={declined}
            onChange={(event) => setDeclined(question.id, event.currentTarget.checked)}
          />
        )}
      </Stack>
    );
  };

  const taken = state.taken;
  const lastVisit = taken?.existing?.lastVisit;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('codeBuilder.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('codeBuilder.close') }}
    >
      {taken === null ? (
        <form noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
          <Stack gap="md">
            <Text>{t('codeBuilder.intro')}</Text>
            {questions.map(renderQuestion)}
            <Box role="status" aria-live="polite">
              <Text component="span" fw={700}>
                {t('codeBuilder.preview')}{' '}
              </Text>
              {preview === null ? (
                <Text component="span" c="dimmed">
                  {t('codeBuilder.previewEmpty')}
                </Text>
              ) : (
                <Text component="span" ff="monospace" fz="xl" fw={700}>
                  {preview}
                </Text>
              )}
            </Box>
            <Text c="dimmed">{t('codeBuilder.privacy')}</Text>
            {alert}
            <Group gap="md">
              <Button type="submit" loading={busy}>
                {t('codeBuilder.use')}
              </Button>
              <Button variant="default" onClick={onClose}>
                {t('codeBuilder.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          <Text fw={700}>{t('codeBuilder.taken', { code: taken.code })}</Text>
          <Text>
            {lastVisit
              ? t('codeBuilder.lastVisit', { date: dateTime(lastVisit.occurredAt), site: shown(lastVisit.siteName) })
              : t('codeBuilder.noVisits')}
          </Text>
          <Text fw={700} id={samePersonId}>
            {t('codeBuilder.samePerson')}
          </Text>
          {alert}
          <Group gap="md" role="group" aria-labelledby={samePersonId}>
            <Button
              ref={yesButton}
              disabled={busy}
              onClick={() => {
                if (taken.existing) onUse(taken.existing.code);
              }}
            >
              {t('codeBuilder.yesSame')}
            </Button>
            <Button variant="default" loading={busy} onClick={() => void someoneElse(taken)}>
              {t('codeBuilder.noSomeoneElse')}
            </Button>
          </Group>
          <Text c="dimmed">{t('codeBuilder.suffixHint')}</Text>
          <Group>
            <Button variant="subtle" disabled={busy} onClick={back}>
              {t('codeBuilder.back')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

type GenderId = 'woman' | 'man' | 'trans' | 'non_binary' | 'another_gender';
