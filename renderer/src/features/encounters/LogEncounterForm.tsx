/**
 * The log form: an encounter with one participant (or an anonymous walk-in), or a street tally of
 * a whole shift. Built for a queue: every action has a key, a save clears the form for the next
 * person with focus back at the start, and the last save can be undone for ten seconds.
 * The same form corrects a saved entry.
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { Controller, useFieldArray, useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, ServiceType, Site } from '@contract/catalog';
import { reasonLimit, type FieldEntry } from '@contract/field-entries';
import { fitsFormula, normaliseCode } from '@contract/participants';
import type { Preset } from '@contract/presets';
import type { StaffMember } from '@contract/staff';
import type { ParticipantCodeFormula } from '@contract/vocabulary';
import { siteTypes } from '@contract/vocabulary';
import { StockAttention } from '../stock/StockAttention';
import { participantSearch, useOnHandAtSite, useParticipant, useSaveEntry, useUndoEntry } from './hooks';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { showServerErrors } from '../../lib/serverErrors';
import { firstSiteId } from '../../lib/sites';
import { useShortcuts, type Shortcut } from '../../lib/shortcuts';
import { readPreference, writePreference } from '../../lib/storage';
import { CodeBuilder } from './CodeBuilder';
import { EntryDetailsFields } from './EntryDetailsFields';
import {
  emptyEntryValues,
  entryFormValuesOf,
  newFormKey,
  entryResolver,
  formFieldOf,
  toLocalInputValue,
  type EntryFormValues,
  type EntryKind,
  type EntrySubmission,
} from './encounterForm';
import { LastVisitLine } from './LastVisitLine';
import { ParticipantField, type CodeStatus } from './ParticipantField';
import { ariaShortcut, presetChord, ShortcutKbd, ShortcutsHelp, shortcutKeys } from './ShortcutsHelp';
import { SuppliesField } from './SuppliesField';

const stickyBar = {
  rowGap: 4,
  position: 'sticky',
  bottom: 0,
  zIndex: 5,
  background: 'var(--mantine-color-body)',
  borderTop: '1px solid var(--mantine-color-gray-4)',
} as const;

/** How long the last save can be undone. */
export const undoSeconds = 10;

/** The site used last on this computer, when it is still offered; otherwise the program's first. */
function initialSiteId(sites: readonly Site[]): string {
  const last = readPreference('lastSiteId');
  return sites.find((site) => site.id === last)?.id ?? firstSiteId(sites);
}

function initialKind(): EntryKind {
  return readPreference('logMode') ?? 'encounter';
}

/** The items every form starts with: the program's common loose items, then every kit. */
export function startingItemIds(items: readonly Item[]): string[] {
  const active = items.filter((item) => item.active);
  return [
    ...active.filter((item) => !item.isKit && item.isCommon).map((item) => item.id),
    ...active.filter((item) => item.isKit).map((item) => item.id),
  ];
}

function SavedIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 12.5l5 5L20 6.5" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/** When set, the form corrects this saved entry instead of logging a new one. */
export interface EntryCorrection {
  entry: FieldEntry;
  onCorrected: (corrected: FieldEntry) => void;
  onCancel: () => void;
}

export interface LogFormContext {
  sites: readonly Site[];
  items: readonly Item[];
  presets: readonly Preset[];
  serviceTypes: readonly ServiceType[];
  formula: ParticipantCodeFormula;
  syringesPerContainer: number;
  syringesPerPound: number;
  /** Who is logging, from the session. */
  staffName: string | null;
  staffId: string;
  /** Staff, the active first, offered as the staff member written on a paper form. */
  staff: readonly StaffMember[];
}

type Outcome =
  | { kind: 'saved'; entry: FieldEntry; values: EntryFormValues; timeEdited: boolean }
  | { kind: 'undone'; restored: boolean }
  | { kind: 'undoFailed' }
  /** Undo pressed with no save to take back: too late for the last one, or none made yet. */
  | { kind: 'undoUnavailable'; late: boolean };

export function LogEncounterForm({
  context,
  correction,
  heading,
  onOpenStock,
}: {
  context: LogFormContext;
  correction?: EntryCorrection;
  /** The screen's title, set on one line with the mode switches: the rows under it are what a worker needs in view. */
  heading?: ReactNode;
  /** Opens the Stock screen at the site chosen here; the quiet stock line shows only with it. */
  onOpenStock?: (siteId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const { sites, items, presets, serviceTypes } = context;
  const saveEntry = useSaveEntry();
  const queryClient = useQueryClient();
  const undoEntry = useUndoEntry();
  const original = correction?.entry;
  const correcting = original !== undefined;
  const activeItems = useMemo(() => items.filter((item) => item.active), [items]);
  const itemsById = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const startIds = useMemo(() => startingItemIds(items), [items]);
  const defaultValues = useMemo(
    () =>
      original
        ? entryFormValuesOf(original, startIds)
        : emptyEntryValues(initialKind(), initialSiteId(sites), startIds),
    // Only the first render's values: later catalog refreshes must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const resolver = useMemo(() => entryResolver(original), [original]);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    clearErrors,
    setFocus,
    setValue,
    getValues,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<EntryFormValues, unknown, EntrySubmission>({ resolver, defaultValues });
  const supplies = useFieldArray({ control, name: 'supplies' });
  // The catalog can change while the form is open (an item added or shown first in Settings, a
  // refresh of stale data): offer the new starting items, keep every row that has a quantity.
  const startKey = startIds.join(',');
  const { replace: replaceRows } = supplies;
  useEffect(() => {
    if (correcting) return;
    const rows = getValues('supplies');
    const given = rows.filter((row) => row.quantity.trim() !== '' && row.quantity.trim() !== '0');
    const next = [
      ...startIds.map((itemId) => rows.find((row) => row.itemId === itemId) ?? { itemId, quantity: '' }),
      ...given.filter((row) => !startIds.includes(row.itemId)),
    ];
    const same = next.length === rows.length && next.every((row, index) => row.itemId === rows[index]?.itemId);
    if (!same) replaceRows(next);
    // startKey stands for startIds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startKey, correcting, getValues, replaceRows]);
  const [kind, siteId, participantCode, correctionReason] = useWatch({
    control,
    name: ['kind', 'siteId', 'participantCode', 'reason'],
  });
  const onHand = useOnHandAtSite(siteId);

  const [chosenCode, setChosenCode] = useState<string | null>(
    original?.kind === 'encounter' ? original.participantCode : null,
  );
  const participant = useParticipant(chosenCode);
  // Where the typed code stands, as the code field last said: read when saving.
  const codeStatus = useRef<CodeStatus>('none');
  const onCodeStatus = useCallback((status: CodeStatus) => {
    codeStatus.current = status;
  }, []);
  const lastVisit = participant.data?.lastVisit ?? null;
  const [builderOpen, setBuilderOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A time typed by the worker is kept; otherwise an entry is stamped when it is saved.
  const [timeEdited, setTimeEdited] = useState(original !== undefined);
  // Typing up a stack of paper forms: the date and time, site and staff member stay from one form
  // to the next, and each is saved as the staff member's written on it.
  const [paper, setPaper] = useState(false);

  // Focus moves once React has rendered the change (a new row, a reset form, a closed dialog).
  const addItemId = useId();
  const pendingFocus = useRef<string | null>(null);
  const [focusRequests, requestRender] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'addItem') document.getElementById(addItemId)?.focus();
    else setFocus(target as 'participantCode');
  }, [focusRequests, addItemId, setFocus]);
  const requestFocus = (target: string) => {
    pendingFocus.current = target;
    requestRender();
  };
  /**
   * Focus moved at once, inside the key's own handler, when the field is already on screen: the
   * next key (a digit typed right after Alt+A) must land where this one sent it. (react-hook-form's
   * setFocus waits for a timer, which that next key can beat.)
   */
  const formElement = useRef<HTMLFormElement>(null);
  const focusNow = (target: string) => {
    pendingFocus.current = null;
    if (target === 'addItem') document.getElementById(addItemId)?.focus();
    else formElement.current?.querySelector<HTMLElement>(`[name="${target}"]`)?.focus();
  };
  const startOf = (nextKind: EntryKind) => (nextKind === 'tally' ? 'contacts' : 'participantCode');
  const suppliesStart = () => (getValues('supplies').length > 0 ? 'supplies.0.quantity' : 'addItem');
  const focusStart = (nextKind: EntryKind) => requestFocus(startOf(nextKind));
  const focusSupplies = () => requestFocus(suppliesStart());

  // A new form starts where the worker starts: the participant (or, for a tally, the contacts).
  useEffect(() => {
    if (correcting) setFocus('siteId');
    else setFocus(getValues('kind') === 'tally' ? 'contacts' : 'participantCode');
  }, [correcting, setFocus, getValues]);

  // The undo offer lasts ten seconds.
  const lastSaved = useRef<FieldEntry | null>(null);
  useEffect(() => {
    if (outcome?.kind !== 'saved') return;
    lastSaved.current = outcome.entry;
    const timer = window.setTimeout(() => setOutcome(null), undoSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  const errorText = (message: string | undefined) => (message === undefined ? undefined : t(errorKey(message)));
  const fieldError = (error: FieldError | undefined) => errorText(error?.message);

  const siteGroups = siteTypes
    .map((siteType) => ({ siteType, sites: sites.filter((site) => site.siteType === siteType) }))
    .filter((group) => group.sites.length > 0);

  /** Adds `quantity` of an item, adding its row when the form does not show it yet. */
  const addQuantity = (itemId: string, quantity: number, replace = false) => {
    const rows = getValues('supplies');
    const index = rows.findIndex((row) => row.itemId === itemId);
    if (index === -1) {
      supplies.append({ itemId, quantity: String(quantity) }, { shouldFocus: false });
      return;
    }
    const current = replace ? 0 : Number(rows[index]?.quantity.trim() || 0) || 0;
    setValue(`supplies.${index}.quantity`, String(current + quantity), { shouldDirty: true });
  };

  const sameAsLastTime = () => {
    if (!lastVisit) return;
    getValues('supplies').forEach((_row, index) => setValue(`supplies.${index}.quantity`, '', { shouldDirty: true }));
    for (const line of lastVisit.lines) {
      if (itemsById.get(line.itemId)?.active) addQuantity(line.itemId, line.quantity, true);
    }
    focusSupplies();
  };

  // A preset pressed again adds its supplies again (two kits for two people), said out loud so a
  // double press is never a silent double count.
  const [presetPresses, setPresetPresses] = useState<{ presetId: string; times: number } | null>(null);
  const applyPreset = (preset: Preset) => {
    for (const line of preset.lines) {
      if (itemsById.get(line.itemId)?.active) addQuantity(line.itemId, line.quantity);
    }
    setPresetPresses((pressed) => ({
      presetId: preset.id,
      times: pressed?.presetId === preset.id ? pressed.times + 1 : 1,
    }));
  };
  const repeatedPreset =
    presetPresses !== null && presetPresses.times > 1
      ? { name: presets.find((preset) => preset.id === presetPresses.presetId)?.name ?? '', times: presetPresses.times }
      : null;

  const chooseAnonymous = () => {
    setValue('participantCode', '', { shouldDirty: true });
    setChosenCode(null);
    focusNow(suppliesStart());
  };

  const takeCode = (code: string) => {
    setValue('participantCode', code, { shouldDirty: true, shouldValidate: false });
    setChosenCode(code);
  };

  // From the code builder: focus waits for its dialog to close and hand focus back.
  const applyBuiltCode = (code: string) => {
    takeCode(code);
    setBuilderOpen(false);
    focusSupplies();
  };

  const switchPaper = (on: boolean) => {
    setPaper(on);
    setValue('writtenBy', on ? context.staffId : '');
    setTimeEdited(on);
    if (!on) setValue('occurredAt', toLocalInputValue(new Date()));
    // The forms' date comes next.
    if (on) focusNow('occurredAt');
  };

  const switchKind = (next: EntryKind) => {
    if (correcting || next === getValues('kind')) return;
    // Rendered before the handler returns, so the next shortcut or key finds the new mode's fields.
    flushSync(() => setValue('kind', next));
    writePreference('logMode', next);
    focusNow(startOf(next));
  };

  const save = async (submission: EntrySubmission) => {
    const values = getValues();
    let saved: FieldEntry;
    try {
      saved = await saveEntry.mutateAsync(submission);
    } catch (error) {
      showServerErrors(error, (field) => formFieldOf(field, values), setError);
      return;
    }
    if (correction) {
      correction.onCorrected(saved);
      return;
    }
    writePreference('lastSiteId', values.siteId);
    setOutcome({ kind: 'saved', entry: saved, values, timeEdited });
    const next = emptyEntryValues(values.kind, values.siteId, startIds);
    if (paper) {
      reset({ ...next, occurredAt: values.occurredAt, writtenBy: values.writtenBy });
    } else {
      setTimeEdited(false);
      reset(next);
    }
    setChosenCode(null);
    setPresetPresses(null);
    focusStart(values.kind);
  };

  /**
   * A code must be picked or confirmed before it is saved: someone's code typed in full is taken as
   * theirs, but a new one waits for its confirming Enter, and one the formula does not make is refused.
   */
  const codeReady = async (): Promise<boolean> => {
    if (getValues('kind') !== 'encounter') return true;
    const typed = normaliseCode(getValues('participantCode'));
    const status = codeStatus.current === 'pending' ? await lookUpCode(typed) : codeStatus.current;
    if (status === 'existing') takeCode(typed);
    if (status !== 'new' && status !== 'pending' && status !== 'unfit') return true;
    setError('participantCode', {
      type: 'manual',
      message: status === 'unfit' ? 'participant_code_unfit' : 'participant_new_unconfirmed',
    });
    focusNow('participantCode');
    return false;
  };

  /** Where a code stands once the search answers, for a save pressed before it had. */
  const lookUpCode = async (code: string): Promise<CodeStatus> => {
    try {
      const found = await queryClient.fetchQuery(participantSearch(code));
      if (found.some((result) => result.code === code)) return 'existing';
      if (fitsFormula(code, context.formula)) return 'new';
      return found.some((result) => result.match === 'prefix') ? 'pending' : 'unfit';
    } catch {
      return 'pending';
    }
  };

  const checkingCode = useRef(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    // One save at a time, however Enter and Ctrl+Enter are pressed.
    if (isSubmitting || checkingCode.current) return;
    checkingCode.current = true;
    try {
      if (!(await codeReady())) return;
    } finally {
      checkingCode.current = false;
    }
    if (!timeEdited) setValue('occurredAt', toLocalInputValue(new Date()));
    if (outcome?.kind !== 'saved') setOutcome(null);
    void handleSubmit(save)();
  };

  const undo = async () => {
    if (outcome?.kind !== 'saved') {
      // Undo pressed with nothing to take back says why, never nothing at all.
      setOutcome({ kind: 'undoUnavailable', late: lastSaved.current !== null });
      return;
    }
    const { entry, values } = outcome;
    try {
      await undoEntry.mutateAsync(entry);
    } catch {
      setOutcome({ kind: 'undoFailed' });
      return;
    }
    // Taken back: a second Undo has nothing left to undo, rather than being too late.
    lastSaved.current = null;
    // The undone entry comes back into the form unless the next one has been started.
    const restore = !isDirty;
    if (restore) {
      // A new form: saving it again is a new entry, not an answer from the undone one.
      reset({ ...values, formKey: newFormKey() });
      setTimeEdited(outcome.timeEdited);
      const code = values.participantCode.trim().toUpperCase();
      setChosenCode(values.kind === 'encounter' && code !== '' ? code : null);
      focusStart(values.kind);
    }
    setOutcome({ kind: 'undone', restored: restore });
  };

  // Ctrl+Enter (Cmd+Enter on a Mac) saves from any field: no reaching for the mouse in a queue.
  // A plain Enter in a field never saves: a browser submits the form from any text or number input,
  // so an Enter meant to finish a quantity would save a half-filled encounter.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void submit();
    } else if (event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  };

  const shortcuts: Shortcut[] = correcting
    ? []
    : [
        {
          chord: shortcutKeys.encounterMode,
          run: () => switchKind(getValues('kind') === 'tally' ? 'encounter' : 'tally'),
        },
        { chord: shortcutKeys.undo, run: () => void undo() },
        { chord: shortcutKeys.help, run: () => setHelpOpen(true) },
        { chord: shortcutKeys.helpAlternative, run: () => setHelpOpen(true) },
        ...presets.slice(0, 9).map((preset, index) => ({
          chord: presetChord(index),
          run: () => applyPreset(preset),
        })),
        // Listed in both modes and checked when pressed: right after Alt+T the list may not have
        // been rendered for the new mode yet.
        {
          chord: shortcutKeys.anonymous,
          run: () => {
            if (getValues('kind') === 'encounter') chooseAnonymous();
          },
        },
        {
          chord: shortcutKeys.newCode,
          run: () => {
            if (getValues('kind') === 'encounter') setBuilderOpen(true);
          },
        },
        {
          chord: shortcutKeys.sameAsLastTime,
          run: () => {
            if (getValues('kind') === 'encounter') sameAsLastTime();
          },
        },
      ];
  useShortcuts(shortcuts, !builderOpen && !helpOpen);

  const rows = supplies.fields;
  const shownItemIds = new Set(rows.map((row) => row.itemId));
  const addableItems = activeItems.filter((item) => !shownItemIds.has(item.id));

  return (
    <>
      <form
        ref={formElement}
        noValidate
        onSubmit={(event) => void submit(event)}
        onKeyDown={onKeyDown}
        aria-label={t('encounterForm.formLabel')}
      >
        <Stack gap="sm">
          {!correcting && (
            <Group align="center" gap="sm" style={{ columnGap: 'var(--mantine-spacing-lg)' }}>
              {heading}
              <Group gap="lg" align="center">
                <Controller
                  control={control}
                  name="kind"
                  render={({ field }) => (
                    <SegmentedControl
                      aria-label={t('encounterForm.mode')}
                      value={field.value}
                      onChange={(value) => switchKind(value as EntryKind)}
                      data={[
                        { value: 'encounter', label: t('encounterForm.modeEncounter') },
                        { value: 'tally', label: t('encounterForm.modeTally') },
                      ]}
                    />
                  )}
                />
                <Switch
                  label={t('paper.mode')}
                  checked={paper}
                  onChange={(event) => switchPaper(event.currentTarget.checked)}
                />
              </Group>
            </Group>
          )}
          {paper && <Text c="gray.8">{t('paper.modeHint')}</Text>}

          <Group align="flex-start" gap="md" grow>
            <NativeSelect
              label={t('encounterForm.site')}
              description={sites.length === 0 ? t('encounterForm.noSites') : undefined}
              error={fieldError(errors.siteId)}
              {...register('siteId')}
            >
              {sites.length === 0 && <option value="">{t('encounterForm.chooseSite')}</option>}
              {siteGroups.map((group) => (
                <optgroup key={group.siteType} label={t(`siteTypes.${group.siteType}`)}>
                  {group.sites.map((site) => (
                    <option key={site.id} value={site.id}>
                      {shown(site.name)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </NativeSelect>
            <TextInput
              type="datetime-local"
              label={paper ? t('paper.occurredAt') : t('encounterForm.occurredAt')}
              description={
                !correcting && context.staffName
                  ? t(paper ? 'paper.typedBy' : 'encounterForm.loggedBy', { name: shown(context.staffName) })
                  : undefined
              }
              error={fieldError(errors.occurredAt)}
              {...register('occurredAt', {
                onChange: () => setTimeEdited(true),
              })}
            />
            {paper && (
              <NativeSelect
                label={t('paper.writtenBy')}
                description={t('paper.writtenByHint')}
                error={fieldError(errors.writtenBy)}
                {...register('writtenBy')}
              >
                {context.staff.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.active
                      ? shown(member.displayName)
                      : t('paper.deactivated', { name: shown(member.displayName) })}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Group>
          {!correcting && onOpenStock && siteId !== '' && (
            <StockAttention siteId={siteId} onOpenStock={() => onOpenStock(siteId)} />
          )}

          {kind === 'encounter' ? (
            <Stack gap={4}>
              <Controller
                control={control}
                name="participantCode"
                render={({ field }) => (
                  <ParticipantField
                    value={field.value}
                    name={field.name}
                    inputRef={field.ref}
                    onBlur={field.onBlur}
                    onChange={(value) => {
                      field.onChange(value);
                      clearErrors('participantCode');
                      if (chosenCode !== null && value.trim().toUpperCase() !== chosenCode) setChosenCode(null);
                    }}
                    error={fieldError(errors.participantCode)}
                    chosenCode={chosenCode}
                    onChoose={(result) => {
                      takeCode(result.code);
                      focusNow(suppliesStart());
                    }}
                    onConfirm={({ unfit }) => {
                      if (unfit) {
                        setError('participantCode', { type: 'manual', message: 'participant_code_unfit' });
                        return;
                      }
                      clearErrors('participantCode');
                      const typed = getValues('participantCode').trim().toUpperCase();
                      if (typed !== '') setChosenCode(typed);
                      focusNow(suppliesStart());
                    }}
                    formula={context.formula}
                    onStatus={onCodeStatus}
                    onReconsider={(code) => {
                      if (normaliseCode(getValues('participantCode')) !== code) return;
                      setChosenCode(null);
                      setError('participantCode', { type: 'manual', message: 'participant_new_unconfirmed' });
                    }}
                  />
                )}
              />
              <Group gap="xs">
                {!correcting && (
                  <>
                    <Button
                      variant="default"
                      size="sm"
                      onClick={chooseAnonymous}
                      aria-keyshortcuts={ariaShortcut(shortcutKeys.anonymous)}
                      rightSection={<ShortcutKbd chord={shortcutKeys.anonymous} />}
                    >
                      {t('participant.anonymous')}
                    </Button>
                    <Button
                      variant="default"
                      size="sm"
                      onClick={() => setBuilderOpen(true)}
                      aria-keyshortcuts={ariaShortcut(shortcutKeys.newCode)}
                      rightSection={<ShortcutKbd chord={shortcutKeys.newCode} />}
                    >
                      {t('participant.newCode')}
                    </Button>
                  </>
                )}
                {participantCode.trim() === '' && (
                  <Text size="sm" c="gray.8">
                    {t('participant.anonymousNow')}
                  </Text>
                )}
              </Group>
              {!correcting && chosenCode !== null && participantCode.trim().toUpperCase() === chosenCode && (
                <LastVisitLine
                  code={chosenCode}
                  loading={participant.isPending}
                  participant={participant.data ?? null}
                  onSameAsLastTime={sameAsLastTime}
                />
              )}
            </Stack>
          ) : (
            <TextInput
              type="number"
              inputMode="numeric"
              min={1}
              w={220}
              label={t('encounterForm.contacts')}
              description={t('encounterForm.contactsHint')}
              error={fieldError(errors.contacts)}
              {...register('contacts')}
              onKeyDown={(event) => {
                // Enter moves on to the supplies, as it does from the participant code.
                if (event.key === 'Enter' && !(event.ctrlKey || event.metaKey || event.altKey)) {
                  event.preventDefault();
                  focusSupplies();
                }
              }}
            />
          )}

          <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
            <Text component="legend" fw={700} fz="lg" mb={4}>
              {t('encounterForm.supplies')}
            </Text>
            {presets.length > 0 && (
              <Group gap="xs" mb="sm" aria-label={t('supplies.presets')} role="group">
                {presets.slice(0, 9).map((preset, index) => (
                  <Button
                    key={preset.id}
                    variant="light"
                    size="sm"
                    onClick={() => applyPreset(preset)}
                    aria-keyshortcuts={ariaShortcut(presetChord(index))}
                    rightSection={<ShortcutKbd chord={presetChord(index)} />}
                  >
                    {preset.name}
                  </Button>
                ))}
              </Group>
            )}
            {/* Announced, so a second press of a preset is never a silent double count. */}
            <Text size="sm" c="orange.9" mb={repeatedPreset ? 'xs' : 0} aria-live="polite">
              {repeatedPreset &&
                t(repeatedPreset.times === 2 ? 'supplies.presetAgain' : 'supplies.presetTimes', {
                  name: repeatedPreset.name,
                  count: repeatedPreset.times,
                })}
            </Text>
            <SuppliesField
              rows={rows}
              itemsById={itemsById}
              addableItems={addableItems}
              addItemId={addItemId}
              control={control}
              register={register}
              setValue={setValue}
              errorOf={(index) => fieldError(errors.supplies?.[index]?.quantity)}
              onHand={onHand.data}
              sideBySide={!correcting}
              onAddItem={(itemId) => {
                supplies.append({ itemId, quantity: '' }, { shouldFocus: true });
              }}
            />
            {kind === 'encounter' && (
              <Checkbox
                mt="sm"
                label={t('encounterForm.contactOnly')}
                description={t('encounterForm.contactOnlyHint')}
                error={fieldError(errors.contactOnly)}
                {...register('contactOnly')}
              />
            )}
          </Box>

          <EntryDetailsFields
            kind={kind}
            control={control}
            register={register}
            errors={errors}
            errorText={errorText}
            serviceTypes={serviceTypes}
            items={activeItems}
            syringesPerContainer={context.syringesPerContainer}
            syringesPerPound={context.syringesPerPound}
          />

          {correction && (
            <LimitedTextarea
              label={t('encounterForm.correctionReason')}
              description={t('encounterForm.correctionReasonHint')}
              withAsterisk
              aria-required
              rows={3}
              limit={reasonLimit}
              length={correctionReason.length}
              error={fieldError(errors.reason)}
              {...register('reason')}
            />
          )}

          {errors.root?.server && (
            <Alert color="red" variant="outline" role="alert">
              <Text c="var(--mantine-color-error)">{t(errorKey(errors.root.server.message))}</Text>
            </Alert>
          )}

          {/*
           * Kept in view at the bottom of the window, so Save, its confirmation and Undo are always at hand.
           * It wraps rather than cuts anything off in a narrow window; the confirmation keeps a line of its own there.
           */}
          <Group gap="md" py={correcting ? 'sm' : 6} align="center" style={correcting ? {} : stickyBar}>
            <Button
              type="submit"
              loading={isSubmitting}
              aria-keyshortcuts={ariaShortcut(shortcutKeys.save)}
              rightSection={<ShortcutKbd chord={shortcutKeys.save} />}
            >
              {correction
                ? t('encounterForm.saveCorrection')
                : kind === 'tally'
                  ? t('encounterForm.saveTally')
                  : t('encounterForm.save')}
            </Button>
            {correction && (
              <Button variant="default" onClick={correction.onCancel}>
                {t('encounterForm.cancelCorrection')}
              </Button>
            )}
            {/* Always in the page, so screen readers announce the text when it appears. */}
            {!correcting && (
              <Box role="status" aria-live="polite" style={{ flex: '1 1 0' }}>
                {outcome?.kind === 'saved' && (
                  <Stack gap={4}>
                    <Group gap="sm" wrap="wrap">
                      <Group gap={6} c="teal.9" wrap="nowrap">
                        <SavedIcon />
                        <Text fw={700} c="teal.9">
                          {outcome.entry.kind === 'tally' ? t('encounterForm.savedTally') : t('encounterForm.saved')}
                        </Text>
                      </Group>
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => void undo()}
                        aria-keyshortcuts={ariaShortcut(shortcutKeys.undo)}
                        rightSection={<ShortcutKbd chord={shortcutKeys.undo} />}
                      >
                        {t('undo.button')}
                      </Button>
                    </Group>
                    {outcome.entry.shortfalls.length > 0 && (
                      <Text size="sm" c="orange.9">
                        {t('undo.shortfall', {
                          items: format.list(
                            outcome.entry.shortfalls.map((shortfall) =>
                              shown(itemsById.get(shortfall.itemId)?.name ?? ''),
                            ),
                          ),
                        })}
                      </Text>
                    )}
                  </Stack>
                )}
                {outcome?.kind === 'undone' && (
                  <Text fw={700}>{outcome.restored ? t('undo.undoneRestored') : t('undo.undone')}</Text>
                )}
                {outcome?.kind === 'undoFailed' && (
                  <Text c="var(--mantine-color-error)" fw={700}>
                    {t('undo.failed')}
                  </Text>
                )}
                {outcome?.kind === 'undoUnavailable' && (
                  <Text fw={700}>
                    {outcome.late ? t('undo.tooLate', { seconds: undoSeconds }) : t('undo.nothingToUndo')}
                  </Text>
                )}
              </Box>
            )}
            {!correcting && (
              <Button variant="subtle" ml="auto" onClick={() => setHelpOpen(true)}>
                {t('shortcuts.open')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {!correcting && (
        <>
          <CodeBuilder
            opened={builderOpen}
            formula={context.formula}
            onUse={applyBuiltCode}
            onClose={() => {
              setBuilderOpen(false);
              requestFocus('participantCode');
            }}
          />
          <ShortcutsHelp opened={helpOpen} presets={presets} onClose={() => setHelpOpen(false)} />
        </>
      )}
    </>
  );
}
