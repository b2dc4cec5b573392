import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { updateSettingsInput, type ProgramSettings, type UpdateSettingsInput } from '@contract/settings';
import { languages, type Language, type ParticipantCodeFormula } from '@contract/vocabulary';
import { CodeFormulaField } from '../../components/CodeFormulaField';
import { TimeZoneField } from '../../components/TimeZoneSelect';
import { queryKeys, useSettings } from '../../api/queries';
import { useSettingsWrite } from './hooks';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { RefileNotice } from './RefileNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SavedStatus } from './settingsParts';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';
import { contractResolver, numberFromText } from '../../lib/contractResolver';

const fields = [
  'programName',
  'timeZone',
  'participantCodeFormula',
  'syringesPerContainer',
  'syringesPerPound',
  'expiryWarningDays',
  'smallCellThreshold',
  'stockStartDate',
  'defaultLanguage',
] as const;
type Field = (typeof fields)[number];
type ProgramValues = Record<Field, string>;

/** The form's text, converted and checked by the contract's own schema, every field required. */
export const programFormSchema = z
  .object(Object.fromEntries(fields.map((field) => [field, z.string()])) as Record<Field, z.ZodString>)
  .transform((values): UpdateSettingsInput => ({
    programName: values.programName,
    timeZone: values.timeZone,
    participantCodeFormula: values.participantCodeFormula as ParticipantCodeFormula,
    syringesPerContainer: numberFromText(values.syringesPerContainer),
    syringesPerPound: numberFromText(values.syringesPerPound),
    expiryWarningDays: numberFromText(values.expiryWarningDays),
    smallCellThreshold: numberFromText(values.smallCellThreshold),
    stockStartDate: values.stockStartDate,
    defaultLanguage: values.defaultLanguage as Language,
  }))
  .pipe(updateSettingsInput.required());
type ProgramOutput = z.output<typeof programFormSchema>;

function valuesOf(settings: ProgramSettings): ProgramValues {
  return Object.fromEntries(fields.map((field) => [field, String(settings[field])])) as ProgramValues;
}

/** Only what differs from the saved settings is sent, so a save never overwrites what it did not change. */
export function changedSettings(output: ProgramOutput, saved: ProgramSettings): UpdateSettingsInput {
  return Object.fromEntries(
    fields.filter((field) => output[field] !== saved[field]).map((field) => [field, output[field]]),
  );
}

const isField = (field: string): boolean => (fields as readonly string[]).includes(field);

function ProgramForm({ settings }: { settings: ProgramSettings }) {
  const { t } = useTranslation();
  const update = useSettingsWrite('settings.update', queryKeys.settings);
  const [message, setMessage] = useState('');
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProgramValues, unknown, ProgramOutput>({
    resolver: contractResolver(programFormSchema),
    defaultValues: valuesOf(settings),
  });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);

  const save = async (output: ProgramOutput) => {
    const changes = changedSettings(output, settings);
    if (Object.keys(changes).length === 0) {
      setMessage(t('settings.program.noChanges'));
      return;
    }
    try {
      const saved = await update.mutateAsync(changes);
      reset(valuesOf(saved));
      setMessage(t('settings.program.saved'));
    } catch (error) {
      showServerErrors(error, sameNamedField(isField), setError);
    }
  };

  const number = (field: Field, step: string) => (
    <TextInput
      type="number"
      inputMode="decimal"
      step={step}
      label={t(`settings.program.${field}`)}
      error={errorText(errors[field])}
      {...register(field)}
    />
  );

  return (
    <form
      noValidate
      aria-label={t('settings.program.heading')}
      onSubmit={(event) => {
        setMessage('');
        void handleSubmit(save)(event);
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label={t('settings.program.programName')}
            autoComplete="off"
            error={errorText(errors.programName)}
            {...register('programName')}
          />
          <TimeZoneField control={control} error={errorText(errors.timeZone)} />
        </SimpleGrid>
        <CodeFormulaField
          legend={t('settings.program.participantCodeFormula')}
          radio={register('participantCodeFormula')}
          error={errorText(errors.participantCodeFormula)}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {number('syringesPerContainer', 'any')}
          {number('syringesPerPound', 'any')}
          {number('expiryWarningDays', '1')}
          {number('smallCellThreshold', '1')}
          <TextInput
            type="date"
            label={t('settings.program.stockStartDate')}
            error={errorText(errors.stockStartDate)}
            {...register('stockStartDate')}
          />
          <NativeSelect
            label={t('settings.program.defaultLanguage')}
            error={errorText(errors.defaultLanguage)}
            {...register('defaultLanguage')}
          >
            {languages.map((language) => (
              <option key={language} value={language}>
                {t(`language.${language}`)}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <ErrorAlert code={errors.root?.server?.message} />
        <Group gap="md">
          <Button type="submit" loading={isSubmitting}>
            {t('settings.program.save')}
          </Button>
          <SavedStatus message={message} />
        </Group>
        <RefileNotice onRefiled={setMessage} />
      </Stack>
    </form>
  );
}

export function ProgramTab() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.program.heading')}</Title>
      {settings.isPending ? (
        <Text>{t('app.loading')}</Text>
      ) : settings.isError ? (
        <ErrorAlert code={errorCodeOf(settings.error)} />
      ) : (
        <ProgramForm settings={settings.data} />
      )}
    </Stack>
  );
}
