/**
 * First run: what a new program answers once before anyone logs an encounter. Everything asked
 * here is in Settings afterwards; the demo database skips it.
 */
import {
  Button,
  Checkbox,
  Container,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Controller, useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SetupStatus } from '@contract/system';
import { itemCategories, siteTypes } from '@contract/vocabulary';
import { CodeFormulaField } from '../../components/CodeFormulaField';
import { computerTimeZone, TimeZoneField } from '../../components/TimeZoneSelect';
import { changeLanguage, currentLanguage, isLanguage, languages } from '../../i18n';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useSeededName } from '../../i18n/seededNames';
import { contractResolver } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useSwitchDataSet } from '../about/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSetUp } from './hooks';
import { initialSetupValues, setupFieldOf, setupFormSchema, type SetupOutput, type SetupValues } from './setupForm';

function Section({ heading, intro, children }: { heading: string; intro: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={heading}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            {heading}
          </Title>
          <Text c="gray.8">{intro}</Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function ItemChoices({
  catalog,
  chosen,
  onChange,
  error,
}: {
  catalog: SetupStatus['catalog'];
  chosen: string[];
  onChange: (names: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const groups = itemCategories
    .map((category) => ({ category, items: catalog.filter((item) => item.category === category) }))
    .filter((group) => group.items.length > 0);
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button variant="default" size="xs" onClick={() => onChange(catalog.map((item) => item.name))}>
          {t('setup.chooseAll')}
        </Button>
        <Button variant="default" size="xs" onClick={() => onChange([])}>
          {t('setup.chooseNone')}
        </Button>
      </Group>
      <Checkbox.Group value={chosen} onChange={onChange} error={error}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
          {groups.map((group) => (
            <Stack key={group.category} gap={6} role="group" aria-label={t(`categories.${group.category}`)}>
              <Text fw={700}>{t(`categories.${group.category}`)}</Text>
              {group.items.map((item) => (
                <Checkbox
                  key={item.name}
                  value={item.name}
                  label={shown(item.name)}
                  description={
                    item.components.length > 0
                      ? t('setup.comesWith', { items: item.components.map(shown).join(', ') })
                      : undefined
                  }
                />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </Stack>
  );
}

export function SetupScreen({ catalog }: { catalog: SetupStatus['catalog'] }) {
  const { t } = useTranslation();
  const setUp = useSetUp();
  const tryDemo = useSwitchDataSet();
  const heading = useRef<HTMLHeadingElement>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SetupValues, unknown, SetupOutput>({
    resolver: contractResolver(setupFormSchema, setupFieldOf),
    defaultValues: initialSetupValues(catalog, currentLanguage(), computerTimeZone()),
  });
  const sites = useFieldArray({ control, name: 'sites' });
  const errorText = (error: FieldError | undefined) => (error?.message ? t(errorKey(error.message)) : undefined);

  useEffect(() => heading.current?.focus(), []);

  const save = async (output: SetupOutput) => {
    try {
      await setUp.mutateAsync(output);
    } catch (error) {
      showServerErrors(error, setupFieldOf, setError);
    }
  };

  return (
    <Container component="main" size="md" py="lg">
      <Stack gap="lg">
        <div>
          <Title order={1} ref={heading} tabIndex={-1}>
            {t('setup.title')}
          </Title>
          <Text>{t('setup.intro')}</Text>
        </div>
        <form noValidate aria-label={t('setup.title')} onSubmit={(event) => void handleSubmit(save)(event)}>
          <Stack gap="lg">
            <Section heading={t('setup.programHeading')} intro={t('setup.languageHint')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label={t('settings.program.programName')}
                  autoComplete="off"
                  error={errorText(errors.programName)}
                  {...register('programName')}
                />
                <NativeSelect
                  label={t('setup.language')}
                  error={errorText(errors.language)}
                  {...register('language', {
                    onChange: (event: React.ChangeEvent<HTMLSelectElement>) => {
                      const language = event.target.value;
                      if (isLanguage(language)) void changeLanguage(language);
                    },
                  })}
                >
                  {languages.map((language) => (
                    <option key={language} value={language} lang={language}>
                      {t(`language.${language}`)}
                    </option>
                  ))}
                </NativeSelect>
              </SimpleGrid>
              <TimeZoneField control={control} error={errorText(errors.timeZone)} />
            </Section>

            <Section heading={t('setup.codesHeading')} intro={t('setup.codesIntro')}>
              <CodeFormulaField
                legend={t('settings.program.participantCodeFormula')}
                radio={register('participantCodeFormula')}
                error={errorText(errors.participantCodeFormula)}
              />
            </Section>

            <Section heading={t('setup.sitesHeading')} intro={t('setup.sitesIntro')}>
              {sites.fields.map((site, index) => (
                <Group key={site.id} align="flex-start" gap="sm" wrap="wrap">
                  <TextInput
                    style={{ flex: '2 1 16rem' }}
                    label={t('setup.siteName', { number: index + 1 })}
                    autoComplete="off"
                    error={errorText(errors.sites?.[index]?.name)}
                    {...register(`sites.${index}.name`)}
                  />
                  <NativeSelect
                    style={{ flex: '1 1 12rem' }}
                    label={t('setup.siteType', { number: index + 1 })}
                    error={errorText(errors.sites?.[index]?.siteType)}
                    {...register(`sites.${index}.siteType`)}
                  >
                    {siteTypes.map((type) => (
                      <option key={type} value={type}>
                        {t(`siteTypes.${type}`)}
                      </option>
                    ))}
                  </NativeSelect>
                  {sites.fields.length > 1 && (
                    <Button variant="subtle" color="red.9" mt={24} onClick={() => sites.remove(index)}>
                      {t('setup.removeSite', { number: index + 1 })}
                    </Button>
                  )}
                </Group>
              ))}
              <ErrorAlert code={errors.sites?.root?.message} />
              <Group>
                <Button variant="default" onClick={() => sites.append({ name: '', siteType: 'fixed' })}>
                  {t('setup.addSite')}
                </Button>
              </Group>
            </Section>

            <Section heading={t('setup.itemsHeading')} intro={t('setup.itemsIntro')}>
              <Controller
                control={control}
                name="items"
                render={({ field }) => (
                  <ItemChoices
                    catalog={catalog}
                    chosen={field.value}
                    onChange={field.onChange}
                    error={errorText(errors.items as FieldError | undefined)}
                  />
                )}
              />
            </Section>

            <Section heading={t('setup.estimatesHeading')} intro={t('setup.estimatesIntro')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                {(['syringesPerContainer', 'syringesPerPound'] as const).map((field) => (
                  <TextInput
                    key={field}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    label={t(`settings.program.${field}`)}
                    error={errorText(errors[field])}
                    {...register(field)}
                  />
                ))}
              </SimpleGrid>
            </Section>

            <ErrorAlert code={errors.root?.server?.message} />
            <Group justify="space-between" wrap="wrap" gap="md">
              <Button type="submit" size="md" loading={isSubmitting}>
                {t('setup.submit')}
              </Button>
              <Stack gap={4} align="flex-end">
                <Button variant="default" loading={tryDemo.isPending} onClick={() => tryDemo.mutate({ demo: true })}>
                  {t('setup.tryDemo')}
                </Button>
                <Text size="sm">{t('setup.tryDemoHint')}</Text>
              </Stack>
            </Group>
            {tryDemo.isError && <ErrorAlert code={errorCodeOf(tryDemo.error)} />}
          </Stack>
        </form>
      </Stack>
    </Container>
  );
}
