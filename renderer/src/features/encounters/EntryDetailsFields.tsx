/**
 * Everything an entry records besides supplies: syringes collected, supplies passed on to others,
 * services and referrals, overdose reversals reported, requests that could not be met, a note.
 */
import { Box, Button, Chip, Group, NativeSelect, Stack, Text, TextInput, type TextareaProps } from '@mantine/core';
import { Controller, useFieldArray, useWatch, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, ServiceType } from '@contract/catalog';
import { estimatedSyringes, noteLimit } from '@contract/field-entries';
import { reversalOutcomes, unmetReasons } from '@contract/vocabulary';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { RemoveButton } from '../../components/RemoveButton';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { emptyReversal, type EntryControl, type EntryFormValues } from './encounterForm';

function Section({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Text component="legend" fw={700} mb={6}>
        {legend}
      </Text>
      {children}
    </Box>
  );
}

/** A note counting its characters as they are typed. */
function NoteField({
  control,
  name,
  ...props
}: TextareaProps & ReturnType<UseFormRegister<EntryFormValues>> & { control: EntryControl; name: NoteName }) {
  const text = useWatch({ control, name });
  return <LimitedTextarea limit={noteLimit} length={text.length} name={name} {...props} />;
}

type NoteName = 'note' | `reversals.${number}.note`;

function CollectedEstimate({
  control,
  syringesPerContainer,
  syringesPerPound,
}: {
  control: EntryControl;
  syringesPerContainer: number;
  syringesPerPound: number;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [counted, containers, pounds] = useWatch({
    control,
    name: ['collectedCounted', 'collectedContainers', 'collectedPounds'],
  });
  const read = (text: string) => {
    const value = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : 0;
  };
  const estimated = estimatedSyringes(
    { containers: read(containers), pounds: read(pounds) },
    { syringesPerContainer, syringesPerPound },
  );
  if (estimated === 0) return null;
  const total = Math.floor(read(counted)) + estimated;
  return (
    <Text size="sm" c="gray.8" aria-live="polite">
      {t('details.collectedTotal', { count: total, formatted: format.number(total) })}
    </Text>
  );
}

export function EntryDetailsFields({
  kind,
  control,
  register,
  errors,
  errorText,
  serviceTypes,
  items,
  syringesPerContainer,
  syringesPerPound,
}: {
  kind: EntryFormValues['kind'];
  control: EntryControl;
  register: UseFormRegister<EntryFormValues>;
  errors: FieldErrors<EntryFormValues>;
  errorText: (message: string | undefined) => string | undefined;
  serviceTypes: readonly ServiceType[];
  items: readonly Item[];
  syringesPerContainer: number;
  syringesPerPound: number;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const reversals = useFieldArray({ control, name: 'reversals' });
  const unmet = useFieldArray({ control, name: 'unmetRequests' });
  const services = serviceTypes.filter((service) => service.kind === 'service');
  const referrals = serviceTypes.filter((service) => service.kind === 'referral');

  return (
    <Stack gap="lg">
      <Section legend={t('details.collected')}>
        <Group align="flex-start" gap="md">
          <TextInput
            type="number"
            inputMode="numeric"
            min={0}
            w={150}
            label={t('details.collectedCounted')}
            error={errorText(errors.collectedCounted?.message)}
            {...register('collectedCounted')}
          />
          <TextInput
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            w={150}
            label={t('details.collectedContainers')}
            error={errorText(errors.collectedContainers?.message)}
            {...register('collectedContainers')}
          />
          <TextInput
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            w={150}
            label={t('details.collectedPounds')}
            error={errorText(errors.collectedPounds?.message)}
            {...register('collectedPounds')}
          />
          {kind === 'encounter' && (
            <TextInput
              type="number"
              inputMode="numeric"
              min={0}
              w={200}
              label={t('details.onBehalfOf')}
              description={t('details.onBehalfOfHint')}
              error={errorText(errors.onBehalfOf?.message)}
              {...register('onBehalfOf')}
            />
          )}
        </Group>
        <CollectedEstimate
          control={control}
          syringesPerContainer={syringesPerContainer}
          syringesPerPound={syringesPerPound}
        />
      </Section>

      {serviceTypes.length > 0 && (
        <Controller
          control={control}
          name="services"
          render={({ field }) => (
            <Section legend={t('details.services')}>
              <Chip.Group multiple value={field.value} onChange={field.onChange}>
                <Stack gap="xs">
                  {[services, referrals]
                    .filter((group) => group.length > 0)
                    .map((group) => (
                      <Group key={group[0]?.kind} gap="xs">
                        <Text size="sm" c="gray.8" w={90}>
                          {t(group[0]?.kind === 'referral' ? 'details.referralsLabel' : 'details.servicesLabel')}
                        </Text>
                        {group.map((service) => (
                          <Chip key={service.id} value={service.id} variant="outline">
                            {shown(service.name)}
                          </Chip>
                        ))}
                      </Group>
                    ))}
                </Stack>
              </Chip.Group>
              {errors.services && (
                <Text size="sm" c="var(--mantine-color-error)" role="alert">
                  {errorText(errors.services.message)}
                </Text>
              )}
            </Section>
          )}
        />
      )}

      <Section legend={t('details.reversals')}>
        <Stack gap="sm">
          {reversals.fields.map((field, index) => {
            const number = index + 1;
            const fieldErrors = errors.reversals?.[index];
            return (
              <Group key={field.id} align="flex-start" gap="sm" wrap="wrap">
                <NativeSelect
                  label={t('details.reversalOutcome', { number })}
                  error={errorText(fieldErrors?.outcome?.message)}
                  w={200}
                  {...register(`reversals.${index}.outcome`)}
                >
                  <option value="">{t('details.chooseOutcome')}</option>
                  {reversalOutcomes.map((outcome) => (
                    <option key={outcome} value={outcome}>
                      {t(`reversalOutcomes.${outcome}`)}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput
                  type="number"
                  inputMode="numeric"
                  min={1}
                  w={150}
                  label={t('details.dosesUsed', { number })}
                  error={errorText(fieldErrors?.dosesUsed?.message)}
                  {...register(`reversals.${index}.dosesUsed`)}
                />
                <NoteField
                  control={control}
                  label={t('details.reversalNote', { number })}
                  error={errorText(fieldErrors?.note?.message)}
                  style={{ flex: 1, minWidth: 200 }}
                  rows={1}
                  {...register(`reversals.${index}.note`)}
                />
                <RemoveButton
                  label={t('details.removeReversal', { number })}
                  onClick={() => reversals.remove(index)}
                  mt={30}
                />
              </Group>
            );
          })}
          <Group>
            <Button
              variant="default"
              disabled={reversals.fields.length >= 10}
              onClick={() => reversals.append({ ...emptyReversal })}
            >
              {t('details.addReversal')}
            </Button>
          </Group>
        </Stack>
      </Section>

      <Section legend={t('details.unmetRequests')}>
        <Stack gap="sm">
          {unmet.fields.map((field, index) => {
            const number = index + 1;
            const fieldErrors = errors.unmetRequests?.[index];
            return (
              <Group key={field.id} align="flex-start" gap="sm" wrap="wrap">
                <NativeSelect
                  label={t('details.unmetItem', { number })}
                  error={errorText(fieldErrors?.itemId?.message)}
                  style={{ flex: 1, minWidth: 220 }}
                  {...register(`unmetRequests.${index}.itemId`)}
                >
                  <option value="">{t('encounterForm.chooseItem')}</option>
                  {items.map((item) => (
                    <option key={item.id} value={item.id}>
                      {shown(item.name)}
                    </option>
                  ))}
                </NativeSelect>
                <NativeSelect
                  label={t('details.unmetReason', { number })}
                  error={errorText(fieldErrors?.reason?.message)}
                  w={200}
                  {...register(`unmetRequests.${index}.reason`)}
                >
                  {unmetReasons.map((reason) => (
                    <option key={reason} value={reason}>
                      {t(`unmetReasons.${reason}`)}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput
                  type="number"
                  inputMode="numeric"
                  min={1}
                  w={150}
                  label={t('details.unmetQuantity', { number })}
                  error={errorText(fieldErrors?.quantity?.message)}
                  {...register(`unmetRequests.${index}.quantity`)}
                />
                <RemoveButton
                  label={t('details.removeUnmet', { number })}
                  onClick={() => unmet.remove(index)}
                  mt={30}
                />
              </Group>
            );
          })}
          <Group>
            <Button
              variant="default"
              disabled={unmet.fields.length >= 50}
              onClick={() => unmet.append({ itemId: '', reason: 'out_of_stock', quantity: '' })}
            >
              {t('details.addUnmet')}
            </Button>
          </Group>
        </Stack>
      </Section>

      <NoteField
        control={control}
        label={t('details.note')}
        description={t('details.noteHint')}
        rows={2}
        error={errorText(errors.note?.message)}
        {...register('note')}
      />
    </Stack>
  );
}
