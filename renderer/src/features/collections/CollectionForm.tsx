/**
 * Logs a collection, or corrects one: site, day (today unless changed), where from, syringes
 * counted or containers and weight (the estimate shown as they are typed), a note. Ctrl+Enter
 * (⌘+Enter on a Mac) saves from any field; a save clears the counts for the next one and keeps
 * the site, day and source.
 */
import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Site } from '@contract/catalog';
import { estimatedSyringes, type Collection } from '@contract/collections';
import { noteLimit, reasonLimit } from '@contract/fields';
import { collectionSources } from '@contract/vocabulary';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { issuesResolver, type Checked } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useShortcuts } from '../../lib/shortcuts';
import { firstSiteId } from '../../lib/sites';
import { ariaShortcut, ShortcutKbd } from '../encounters/ShortcutsHelp';
import {
  checkCorrection,
  checkLog,
  emptyCollection,
  formFieldOf,
  readNumber,
  today,
  valuesOf,
  type CollectionFormValues,
} from './collectionForm';
import { useCorrectCollection, useLogCollection } from './hooks';

const saveChord = 'Mod+Enter';

export interface Factors {
  syringesPerContainer: number;
  syringesPerPound: number;
}

function Estimate({ control, factors }: { control: Control<CollectionFormValues>; factors: Factors }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [containers, pounds] = useWatch({ control, name: ['containers', 'pounds'] });
  const estimated = estimatedSyringes({ containers: readNumber(containers), pounds: readNumber(pounds) }, factors);
  return (
    <Text size="sm" c="gray.8" aria-live="polite" data-testid="collection-estimate">
      {estimated === 0
        ? t('collections.estimateHint')
        : t('collections.estimate', { count: estimated, formatted: format.number(estimated) })}
    </Text>
  );
}

export function CollectionForm({
  sites,
  factors,
  timeZone,
  correcting,
  onDone,
  shortcutsEnabled = true,
}: {
  sites: readonly Site[];
  factors: Factors;
  /** The program's: a new collection starts on today's date there. */
  timeZone: string;
  /** The collection to correct; absent to log a new one. */
  correcting?: Collection;
  onDone?: () => void;
  shortcutsEnabled?: boolean;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const logCollection = useLogCollection();
  const correctCollection = useCorrectCollection();
  const [saved, setSaved] = useState(false);
  const activeSites = sites.filter((site) => site.active);
  const {
    control,
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<CollectionFormValues>({
    defaultValues: correcting ? valuesOf(correcting) : emptyCollection(firstSiteId(activeSites), today(timeZone)),
    // Checked as the core will check what is sent; the save itself sends the checked input.
    resolver: issuesResolver((values: CollectionFormValues): Checked<CollectionFormValues> => {
      const checked = correcting ? checkCorrection(values, correcting) : checkLog(values);
      return checked.success ? { success: true, data: values } : checked;
    }, formFieldOf),
  });
  const [siteId, source, note, reason] = useWatch({ control, name: ['siteId', 'source', 'note', 'reason'] });
  const errorText = (message: string | undefined) => (message ? t(errorKey(message)) : undefined);

  const submit = handleSubmit(async () => {
    setSaved(false);
    const values = getValues();
    try {
      if (correcting) {
        const checked = checkCorrection(values, correcting);
        if (!checked.success) return;
        await correctCollection.mutateAsync(checked.data);
        onDone?.();
        return;
      }
      const checked = checkLog(values);
      if (!checked.success) return;
      await logCollection.mutateAsync(checked.data);
      reset({ ...emptyCollection(values.siteId, values.collectedOn), source: values.source });
      setSaved(true);
    } catch (error) {
      showServerErrors(error, formFieldOf, setError);
    }
  });
  useShortcuts([{ chord: saveChord, run: () => void submit() }], shortcutsEnabled);

  return (
    <form
      noValidate
      aria-label={correcting ? t('collections.correctHeading') : t('collections.formLabel')}
      onSubmit={(event) => void submit(event)}
    >
      <Stack gap="md">
        <Group align="flex-start" gap="md">
          <Select
            label={t('collections.site')}
            placeholder={t('collections.chooseSite')}
            data={activeSites.map((site) => ({ value: site.id, label: shown(site.name) }))}
            value={siteId || null}
            onChange={(value) => setValue('siteId', value ?? '')}
            error={errorText(errors.siteId?.message)}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            type="date"
            label={t('collections.collectedOn')}
            w={180}
            error={errorText(errors.collectedOn?.message)}
            {...register('collectedOn')}
          />
          <Select
            label={t('collections.source')}
            data={collectionSources.map((source) => ({ value: source, label: t(`collections.sources.${source}`) }))}
            value={source}
            onChange={(value) => value && setValue('source', value as CollectionFormValues['source'])}
            allowDeselect={false}
            w={200}
          />
        </Group>
        <Group align="flex-start" gap="md">
          <TextInput
            type="number"
            inputMode="numeric"
            min={0}
            w={170}
            label={t('collections.counted')}
            error={errorText(errors.counted?.message)}
            {...register('counted')}
          />
          <TextInput
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            w={170}
            label={t('collections.containers')}
            error={errorText(errors.containers?.message)}
            {...register('containers')}
          />
          <TextInput
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            w={170}
            label={t('collections.pounds')}
            error={errorText(errors.pounds?.message)}
            {...register('pounds')}
          />
        </Group>
        <Estimate control={control} factors={factors} />
        <LimitedTextarea
          label={t('collections.note')}
          description={t('collections.noteHint')}
          rows={2}
          limit={noteLimit}
          length={note.length}
          error={errorText(errors.note?.message)}
          {...register('note')}
        />
        {correcting && (
          <LimitedTextarea
            label={t('collections.reason')}
            withAsterisk
            aria-required
            rows={2}
            limit={reasonLimit}
            length={reason.length}
            error={errorText(errors.reason?.message)}
            {...register('reason')}
          />
        )}
        {errors.root?.server && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="var(--mantine-color-error)">{t(errorKey(errors.root.server.message))}</Text>
          </Alert>
        )}
        <Group gap="md" align="center">
          <Button
            type="submit"
            loading={isSubmitting}
            aria-keyshortcuts={ariaShortcut(saveChord)}
            rightSection={<ShortcutKbd chord={saveChord} />}
          >
            {correcting ? t('collections.saveCorrection') : t('collections.save')}
          </Button>
          {correcting && (
            <Button variant="default" onClick={onDone}>
              {t('collections.cancelCorrection')}
            </Button>
          )}
          {saved && (
            <Text role="status" c="green.9" fw={600}>
              {t('collections.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
