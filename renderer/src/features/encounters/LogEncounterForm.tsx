import { Alert, Box, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useFieldArray, useForm, type FieldError, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, Site } from '../../../../db/contract/catalog';
import { maxLines, type Encounter } from '../../../../db/contract/encounters';
import { siteTypes } from '../../../../db/schema';
import { SupplyLineFields } from '../../components/SupplyLineFields';
import { ContractCallError } from '../../api/client';
import { useCorrectEncounter, useLogEncounter } from '../../api/hooks';
import { errorKey } from '../../i18n/errors';
import { readSetting, settingKeys, writeSetting } from '../../lib/storage';
import {
  correctionFormSchema,
  emptyLine,
  encounterFormSchema,
  formFieldOf,
  formValuesOf,
  issuesOf,
  toLocalInputValue,
  type CorrectionFormOutput,
  type EncounterFieldPath,
  type EncounterFormOutput,
  type EncounterFormValues,
} from './encounterForm';

/** The site used last on this computer, when it is still offered; otherwise the first one. */
function initialSiteId(sites: Site[]): string {
  const last = readSetting(settingKeys.lastSiteId);
  return sites.find((site) => site.id === last)?.id ?? sites[0]?.id ?? '';
}

function freshValues(siteId: string): EncounterFormValues {
  return { siteId, occurredAt: toLocalInputValue(new Date()), participantCode: '', lines: [{ ...emptyLine }] };
}

function SavedIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 12.5l5 5L20 6.5" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/** When set, the form corrects this saved encounter instead of logging a new one. */
export interface EncounterCorrection {
  encounter: Encounter;
  onCorrected: (corrected: Encounter) => void;
  onCancel: () => void;
}

type FormOutput = EncounterFormOutput | CorrectionFormOutput;

export function LogEncounterForm({
  sites,
  items,
  correction,
}: {
  sites: Site[];
  items: Item[];
  correction?: EncounterCorrection;
}) {
  const { t } = useTranslation();
  const logEncounter = useLogEncounter();
  const correctEncounter = useCorrectEncounter();
  const [saved, setSaved] = useState(false);
  const original = correction?.encounter;
  const defaultValues = useMemo(
    () => (original ? formValuesOf(original) : freshValues(initialSiteId(sites))),
    [sites, original],
  );
  const resolver = useMemo(
    () =>
      (original ? zodResolver(correctionFormSchema(original)) : zodResolver(encounterFormSchema)) as Resolver<
        EncounterFormValues,
        unknown,
        FormOutput
      >,
    [original],
  );
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setFocus,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<EncounterFormValues, unknown, FormOutput>({ resolver, defaultValues });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const addLineButton = useRef<HTMLButtonElement>(null);
  // Focus moves once React has rendered the change (a removed line, a reset form).
  const pendingFocus = useRef<EncounterFieldPath | 'addLine' | null>(null);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'addLine') addLineButton.current?.focus();
    else setFocus(target);
  });
  // A correction starts at its first field.
  const correcting = original !== undefined;
  useEffect(() => {
    if (correcting) setFocus('siteId');
  }, [correcting, setFocus]);

  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);

  const siteGroups = siteTypes
    .map((siteType) => ({ siteType, sites: sites.filter((site) => site.siteType === siteType) }))
    .filter((group) => group.sites.length > 0);

  const save = async (input: FormOutput) => {
    let corrected: Encounter | undefined;
    try {
      if ('expectedRevision' in input) corrected = await correctEncounter.mutateAsync(input);
      else await logEncounter.mutateAsync(input);
    } catch (error) {
      if (!(error instanceof ContractCallError)) {
        setError('root.server', { type: 'server', message: 'internal_error' });
        return;
      }
      const lineCount = getValues('lines').length;
      let first = true;
      for (const issue of issuesOf(error.error)) {
        const field = formFieldOf(issue.field, lineCount);
        if (field) {
          setError(field, { type: 'server', message: issue.code }, { shouldFocus: first });
          first = false;
        } else {
          setError('root.server', { type: 'server', message: issue.code });
        }
      }
      return;
    }
    if (corrected) {
      correction?.onCorrected(corrected);
      return;
    }
    writeSetting(settingKeys.lastSiteId, input.siteId);
    reset(freshValues(input.siteId));
    setSaved(true);
    pendingFocus.current = 'participantCode';
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // One save at a time, however Enter and Ctrl+Enter are pressed.
    if (isSubmitting) return;
    setSaved(false);
    void handleSubmit(save)();
  };

  // Ctrl+Enter (Cmd+Enter on a Mac) saves from any field: no reaching for the mouse in a queue.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  };

  const removeLine = (index: number) => {
    remove(index);
    const remaining = fields.length - 1;
    pendingFocus.current = remaining === 0 ? 'addLine' : `lines.${Math.min(index, remaining - 1)}.itemId`;
  };

  const linesError = errors.lines?.message ?? errors.lines?.root?.message;

  return (
    <form noValidate onSubmit={submit} onKeyDown={onKeyDown}>
      <Stack gap="md">
        <NativeSelect
          label={t('encounterForm.site')}
          description={sites.length === 0 ? t('encounterForm.noSites') : undefined}
          error={errorText(errors.siteId)}
          {...register('siteId')}
        >
          {sites.length === 0 && <option value="">{t('encounterForm.chooseSite')}</option>}
          {siteGroups.map((group) => (
            <optgroup key={group.siteType} label={t(`siteTypes.${group.siteType}`)}>
              {group.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>

        <TextInput
          type="datetime-local"
          label={t('encounterForm.occurredAt')}
          error={errorText(errors.occurredAt)}
          {...register('occurredAt')}
        />

        <TextInput
          label={t('encounterForm.participantCode')}
          description={t('encounterForm.participantCodeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={errorText(errors.participantCode)}
          styles={{ input: { textTransform: 'uppercase' } }}
          {...register('participantCode')}
        />

        <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
          <Text component="legend" fw={700} fz="lg" mb="xs">
            {t('encounterForm.supplies')}
          </Text>
          <Stack gap="sm">
            {fields.length === 0 && <Text>{t('encounterForm.noLines')}</Text>}
            {fields.map((field, index) => {
              const number = index + 1;
              const lineErrors = errors.lines?.[index];
              return (
                <SupplyLineFields
                  key={field.id}
                  number={number}
                  items={items}
                  itemField={register(`lines.${index}.itemId`)}
                  quantityField={register(`lines.${index}.quantity`)}
                  itemError={errorText(lineErrors?.itemId)}
                  quantityError={errorText(lineErrors?.quantity)}
                  onRemove={() => removeLine(index)}
                />
              );
            })}
            {linesError && (
              <Text c="var(--mantine-color-error)" role="alert">
                {t(errorKey(linesError))}
              </Text>
            )}
            <Group>
              <Button
                ref={addLineButton}
                variant="default"
                disabled={fields.length >= maxLines}
                onClick={() => append({ ...emptyLine })}
              >
                {t('encounterForm.addLine')}
              </Button>
            </Group>
          </Stack>
        </Box>

        {correction && (
          <Textarea
            label={t('encounterForm.correctionReason')}
            description={t('encounterForm.correctionReasonHint')}
            withAsterisk
            aria-required
            rows={3}
            maxLength={500}
            error={errorText(errors.reason)}
            {...register('reason')}
          />
        )}

        {errors.root?.server && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="var(--mantine-color-error)">{t(errorKey(errors.root.server.message))}</Text>
          </Alert>
        )}

        <Stack gap={6}>
          <Group gap="md">
            <Button type="submit" loading={isSubmitting}>
              {correction ? t('encounterForm.saveCorrection') : t('encounterForm.save')}
            </Button>
            {correction && (
              <Button variant="default" onClick={correction.onCancel}>
                {t('encounterForm.cancelCorrection')}
              </Button>
            )}
            {/* Always in the page, so screen readers announce the text when it appears. */}
            <Box role={correction ? undefined : 'status'} aria-live={correction ? undefined : 'polite'}>
              {saved && (
                <Group gap={6} c="teal.9" wrap="nowrap">
                  <SavedIcon />
                  <Text fw={700} c="teal.9">
                    {t('encounterForm.saved')}
                  </Text>
                </Group>
              )}
            </Box>
          </Group>
          <Text c="dimmed">{t('encounterForm.shortcutHint')}</Text>
        </Stack>
      </Stack>
    </form>
  );
}
