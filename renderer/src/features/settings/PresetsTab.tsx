import { Box, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useId, useState } from 'react';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createPresetInput, type CreatePresetInput, type Preset } from '@contract/presets';
import { SupplyLineFields } from '../../components/SupplyLineFields';
import { queryKeys, useItems } from '../../api/queries';
import { useAllPresets, useSettingsWrite } from './hooks';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useSeededName } from '../../i18n/seededNames';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormButtons, RecordActions, SavedStatus, useRecordToggle } from './settingsParts';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';
import { contractResolver, numberFromText } from '../../lib/contractResolver';

interface PresetValues {
  name: string;
  lines: { itemId: string; quantity: string }[];
}

const emptyLine = { itemId: '', quantity: '' };

/** The form's text, converted and then checked by the contract's own schema. */
const presetFormSchema = z
  .object({ name: z.string(), lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })) })
  .transform((values): CreatePresetInput => ({
    name: values.name,
    lines: values.lines.map((line) => ({ itemId: line.itemId, quantity: numberFromText(line.quantity) })),
  }))
  .pipe(createPresetInput);
type PresetOutput = z.output<typeof presetFormSchema>;

const isPresetField = (field: string) => field === 'name' || /^lines\.\d+\.(itemId|quantity)$/.test(field);

function PresetForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Preset | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const items = useItems();
  const create = useSettingsWrite('presets.create', queryKeys.presets);
  const update = useSettingsWrite('presets.update', queryKeys.presets);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PresetValues, unknown, PresetOutput>({
    resolver: contractResolver(presetFormSchema),
    defaultValues: editing
      ? {
          name: editing.name,
          lines: editing.lines.map((line) => ({ itemId: line.itemId, quantity: String(line.quantity) })),
        }
      : { name: '', lines: [{ ...emptyLine }] },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);
  const linesError = errors.lines?.message ?? errors.lines?.root?.message;
  const heading = editing
    ? t('settings.presets.editHeading', { name: editing.name })
    : t('settings.presets.addHeading');

  const save = async (output: PresetOutput) => {
    try {
      if (editing) {
        await update.mutateAsync({ id: editing.id, name: output.name, lines: output.lines });
        onSaved(t('settings.updated', { name: output.name }));
      } else {
        await create.mutateAsync(output);
        reset({ name: '', lines: [{ ...emptyLine }] });
        onSaved(t('settings.created', { name: output.name }));
      }
    } catch (error) {
      showServerErrors(error, sameNamedField(isPresetField), setError);
    }
  };

  return (
    <form
      noValidate
      aria-label={heading}
      onSubmit={(event) => {
        onSaved('');
        void handleSubmit(save)(event);
      }}
    >
      <Stack gap="sm">
        <Title order={3}>{heading}</Title>
        <TextInput
          label={t('settings.presets.name')}
          autoComplete="off"
          error={errorText(errors.name)}
          {...register('name')}
        />
        <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
          <Text component="legend" fw={700} mb="xs">
            {t('settings.presets.lines')}
          </Text>
          <Stack gap="sm">
            {fields.map((field, index) => {
              const number = index + 1;
              const lineErrors = errors.lines?.[index];
              return (
                <SupplyLineFields
                  key={field.id}
                  number={number}
                  items={items.data ?? []}
                  itemField={register(`lines.${index}.itemId`)}
                  quantityField={register(`lines.${index}.quantity`)}
                  itemError={errorText(lineErrors?.itemId)}
                  quantityError={errorText(lineErrors?.quantity)}
                  onRemove={() => remove(index)}
                />
              );
            })}
            {linesError && (
              <Text c="var(--mantine-color-error)" role="alert">
                {t(errorKey(linesError))}
              </Text>
            )}
            <Group>
              <Button variant="default" onClick={() => append({ ...emptyLine })}>
                {t('encounterForm.addLine')}
              </Button>
            </Group>
          </Stack>
        </Box>
        <ErrorAlert code={errors.root?.server?.message} />
        <FormButtons
          submitting={isSubmitting}
          editing={editing !== null}
          addLabel={t('settings.presets.add')}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

export function PresetsTab() {
  const { t } = useTranslation();
  const tableId = useId();
  const presets = useAllPresets();
  const shown = useSeededName();
  const update = useSettingsWrite('presets.update', queryKeys.presets);
  const [editing, setEditing] = useState<Preset | null>(null);

  const { message, setMessage, listError, toggle } = useRecordToggle(update.mutateAsync);

  let list;
  if (presets.isPending) list = <Text>{t('app.loading')}</Text>;
  else if (presets.isError) list = <ErrorAlert code={errorCodeOf(presets.error)} />;
  else if (presets.data.length === 0) list = <Text>{t('settings.presets.empty')}</Text>;
  else
    list = (
      <StackingTable aria-labelledby={tableId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.presets.name')}</Table.Th>
            <Table.Th>{t('settings.presets.lines')}</Table.Th>
            <Table.Th>{t('settings.status')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {presets.data.map((preset) => (
            <Table.Tr key={preset.id}>
              <Table.Td data-label={t('settings.presets.name')}>{preset.name}</Table.Td>
              <Table.Td data-label={t('settings.presets.lines')}>
                {preset.lines
                  .map((line) => t('recent.supplyLine', { quantity: line.quantity, item: shown(line.itemName) }))
                  .join(', ')}
              </Table.Td>
              <Table.Td data-label={t('settings.status')}>
                {preset.active ? t('settings.active') : t('settings.inactive')}
              </Table.Td>
              <Table.Td>
                <RecordActions
                  name={preset.name}
                  active={preset.active}
                  onEdit={() => {
                    setMessage('');
                    setEditing(preset);
                  }}
                  onToggle={() => void toggle(preset)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );

  return (
    <Stack gap="md">
      <Title order={2} id={tableId}>
        {t('settings.presets.heading')}
      </Title>
      <SavedStatus message={message} />
      <ErrorAlert code={listError} />
      {list}
      <PresetForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={(text) => {
          setMessage(text);
          if (text && editing) setEditing(null);
        }}
        onCancel={() => setEditing(null)}
      />
    </Stack>
  );
}
