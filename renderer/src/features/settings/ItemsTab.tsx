import {
  Box,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useId, useRef, useState } from 'react';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createItemInput, type CreateItemInput, type Item, type UpdateItemInput } from '@contract/catalog';
import { itemCategories, naloxoneForms, type ItemCategory, type NaloxoneForm } from '@contract/vocabulary';
import { queryKeys } from '../../api/queries';
import { useAllItems, useSettingsWrite } from './hooks';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { nameToSave, useSeededName } from '../../i18n/seededNames';
import { ItemGtins } from './ItemGtins';
import { KitContents } from './KitContents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormButtons, RecordActions, SavedStatus, useRecordToggle } from './settingsParts';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';
import { contractResolver, numberFromText } from '../../lib/contractResolver';

/** The fields the form edits, by the contract's names, so the core's errors land on them. */
const itemFields = [
  'name',
  'sku',
  'category',
  'unit',
  'unitsPerPack',
  'naloxoneForm',
  'dosesPerUnit',
  'tracksLots',
  'isKit',
  'isCommon',
] as const;
type ItemField = (typeof itemFields)[number];
const naloxoneOnly: readonly ItemField[] = ['naloxoneForm', 'dosesPerUnit'];

/** A loose naloxone item has a form and doses per unit; a naloxone kit's contents carry them. */
const asksNaloxoneFields = (values: { category: string; isKit: boolean }) =>
  values.category === 'naloxone' && !values.isKit;

interface ItemValues {
  name: string;
  sku: string;
  category: string;
  unit: string;
  unitsPerPack: string;
  naloxoneForm: string;
  dosesPerUnit: string;
  tracksLots: boolean;
  isKit: boolean;
  isCommon: boolean;
}

/**
 * The form's text, converted and then checked by the contract's own schema (the naloxone rule
 * included). The naloxone fields count only for a naloxone item that is no kit: hidden, they are "none".
 */
export const itemFormSchema = z
  .object({
    name: z.string(),
    sku: z.string(),
    category: z.string(),
    unit: z.string(),
    unitsPerPack: z.string(),
    naloxoneForm: z.string(),
    dosesPerUnit: z.string(),
    tracksLots: z.boolean(),
    isKit: z.boolean(),
    isCommon: z.boolean(),
  })
  .transform((values): CreateItemInput => {
    const naloxone = asksNaloxoneFields(values);
    return {
      name: values.name,
      sku: values.sku,
      category: values.category as ItemCategory,
      unit: values.unit,
      unitsPerPack: numberFromText(values.unitsPerPack),
      naloxoneForm: naloxone && values.naloxoneForm !== '' ? (values.naloxoneForm as NaloxoneForm) : null,
      dosesPerUnit: naloxone && values.dosesPerUnit.trim() !== '' ? numberFromText(values.dosesPerUnit) : null,
      tracksLots: values.tracksLots,
      isKit: values.isKit,
      isCommon: values.isCommon,
    };
  })
  .pipe(createItemInput);
type ItemOutput = z.output<typeof itemFormSchema>;

const emptyValues: ItemValues = {
  name: '',
  sku: '',
  category: itemCategories[0],
  unit: '',
  unitsPerPack: '1',
  naloxoneForm: '',
  dosesPerUnit: '',
  tracksLots: false,
  isKit: false,
  isCommon: false,
};

function valuesOf(item: Item): ItemValues {
  return {
    name: item.name,
    sku: item.sku ?? '',
    category: item.category,
    unit: item.unit,
    unitsPerPack: String(item.unitsPerPack),
    naloxoneForm: item.naloxoneForm ?? '',
    dosesPerUnit: item.dosesPerUnit === null ? '' : String(item.dosesPerUnit),
    tracksLots: item.tracksLots,
    isKit: item.isKit,
    isCommon: item.isCommon,
  };
}

/** Only what differs from the saved item is sent, so an edit never overwrites what it did not change. */
export function changedItemFields(output: ItemOutput, saved: Item): Omit<UpdateItemInput, 'id'> {
  return Object.fromEntries(
    itemFields.filter((field) => output[field] !== saved[field]).map((field) => [field, output[field]]),
  );
}

function ItemForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Item | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const create = useSettingsWrite('items.create', queryKeys.items);
  const update = useSettingsWrite('items.update', queryKeys.items);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ItemValues, unknown, ItemOutput>({
    resolver: contractResolver(itemFormSchema),
    defaultValues: editing ? { ...valuesOf(editing), name: shown(editing.name) } : emptyValues,
  });
  const [category, isKit] = useWatch({ control, name: ['category', 'isKit'] });
  const isNaloxone = category === 'naloxone';
  const asksNaloxone = asksNaloxoneFields({ category, isKit });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);
  const heading = editing ? t('itemsTab.editHeading', { name: shown(editing.name) }) : t('itemsTab.addHeading');
  // Hidden naloxone fields cannot show an error: the core's word about them goes to the form's alert.
  const isField = (field: string) =>
    (itemFields as readonly string[]).includes(field) &&
    (asksNaloxoneFields(getValues()) || !naloxoneOnly.includes(field as ItemField));

  const save = async (output: ItemOutput) => {
    try {
      if (editing) {
        const changes = changedItemFields({ ...output, name: nameToSave(output.name, editing.name) }, editing);
        if (Object.keys(changes).length === 0) {
          onSaved(t('itemsTab.noChanges'));
          return;
        }
        await update.mutateAsync({ id: editing.id, ...changes });
        onSaved(t('settings.updated', { name: output.name }));
      } else {
        const { active: _active, ...input } = output;
        await create.mutateAsync(input);
        reset(emptyValues);
        onSaved(t('settings.created', { name: output.name }));
      }
    } catch (error) {
      showServerErrors(error, sameNamedField(isField), setError);
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
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label={t('itemsTab.name')}
            autoComplete="off"
            error={errorText(errors.name)}
            {...register('name')}
          />
          <TextInput
            label={t('itemsTab.sku')}
            autoComplete="off"
            spellCheck={false}
            error={errorText(errors.sku)}
            {...register('sku')}
          />
          <NativeSelect label={t('itemsTab.category')} error={errorText(errors.category)} {...register('category')}>
            {itemCategories.map((choice) => (
              <option key={choice} value={choice}>
                {t(`categories.${choice}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('itemsTab.unit')}
            description={t('itemsTab.unitHint')}
            autoComplete="off"
            error={errorText(errors.unit)}
            {...register('unit')}
          />
          <TextInput
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            label={t('itemsTab.unitsPerPack')}
            description={t('itemsTab.unitsPerPackHint')}
            error={errorText(errors.unitsPerPack)}
            {...register('unitsPerPack')}
          />
        </SimpleGrid>
        {isNaloxone && !asksNaloxone && <Text size="sm">{t('itemsTab.kitFormFromContents')}</Text>}
        {asksNaloxone && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <NativeSelect
              label={t('itemsTab.naloxoneForm')}
              error={errorText(errors.naloxoneForm)}
              {...register('naloxoneForm')}
            >
              <option value="">{t('itemsTab.chooseForm')}</option>
              {naloxoneForms.map((form) => (
                <option key={form} value={form}>
                  {t(`itemsTab.forms.${form}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              label={t('itemsTab.dosesPerUnit')}
              description={t('itemsTab.dosesPerUnitHint')}
              error={errorText(errors.dosesPerUnit)}
              {...register('dosesPerUnit')}
            />
          </SimpleGrid>
        )}
        <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
          <Text component="legend" fw={700} mb="xs">
            {t('itemsTab.options')}
          </Text>
          <Stack gap="xs">
            <Checkbox
              size="md"
              label={t('itemsTab.isCommon')}
              error={errorText(errors.isCommon)}
              {...register('isCommon')}
            />
            <Checkbox
              size="md"
              label={t('itemsTab.tracksLots')}
              error={errorText(errors.tracksLots)}
              {...register('tracksLots')}
            />
            <Checkbox size="md" label={t('itemsTab.isKit')} error={errorText(errors.isKit)} {...register('isKit')} />
          </Stack>
        </Box>
        <ErrorAlert code={errors.root?.server?.message} />
        <FormButtons
          submitting={isSubmitting}
          editing={editing !== null}
          addLabel={t('itemsTab.add')}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

export function ItemsTab() {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const tableId = useId();
  const items = useAllItems();
  const update = useSettingsWrite('items.update', queryKeys.items);
  const [editing, setEditing] = useState<Item | null>(null);
  const [kitId, setKitId] = useState<string | null>(null);
  const contentsButtons = useRef(new Map<string, HTMLButtonElement>());
  const kit = items.data?.find((item) => item.id === kitId && item.isKit);
  const yesNo = (value: boolean) => (value ? t('itemsTab.yes') : t('itemsTab.no'));

  const { message, setMessage, listError, toggle } = useRecordToggle(update.mutateAsync);

  const closeContents = () => {
    const button = kitId === null ? undefined : contentsButtons.current.get(kitId);
    setKitId(null);
    button?.focus();
  };

  let list;
  if (items.isPending) list = <Text>{t('app.loading')}</Text>;
  else if (items.isError) list = <ErrorAlert code={errorCodeOf(items.error)} />;
  else if (items.data.length === 0) list = <Text>{t('itemsTab.empty')}</Text>;
  else
    list = (
      <StackingTable aria-labelledby={tableId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('itemsTab.name')}</Table.Th>
            <Table.Th>{t('itemsTab.category')}</Table.Th>
            <Table.Th>{t('itemsTab.unit')}</Table.Th>
            <Table.Th>{t('itemsTab.unitsPerPack')}</Table.Th>
            <Table.Th>{t('itemsTab.shownFirst')}</Table.Th>
            <Table.Th>{t('itemsTab.kit')}</Table.Th>
            <Table.Th>{t('settings.status')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.data.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td data-label={t('itemsTab.name')}>{shown(item.name)}</Table.Td>
              <Table.Td data-label={t('itemsTab.category')}>{t(`categories.${item.category}`)}</Table.Td>
              <Table.Td data-label={t('itemsTab.unit')}>{item.unit}</Table.Td>
              <Table.Td data-label={t('itemsTab.unitsPerPack')}>{format.number(item.unitsPerPack)}</Table.Td>
              <Table.Td data-label={t('itemsTab.shownFirst')}>{yesNo(item.isCommon)}</Table.Td>
              <Table.Td data-label={t('itemsTab.kit')}>{yesNo(item.isKit)}</Table.Td>
              <Table.Td data-label={t('settings.status')}>
                {item.active ? t('settings.active') : t('settings.inactive')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <RecordActions
                    name={shown(item.name)}
                    active={item.active}
                    onEdit={() => {
                      setMessage('');
                      setEditing(item);
                    }}
                    onToggle={() => void toggle({ ...item, name: shown(item.name) })}
                  />
                  {item.isKit && (
                    <Button
                      size="sm"
                      variant="default"
                      aria-label={t('itemsTab.contentsOf', { name: shown(item.name) })}
                      aria-expanded={kitId === item.id}
                      ref={(button) => {
                        if (button) contentsButtons.current.set(item.id, button);
                        else contentsButtons.current.delete(item.id);
                      }}
                      onClick={() => setKitId(item.id)}
                    >
                      {t('itemsTab.contents')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );

  return (
    <Stack gap="md">
      <Title order={2} id={tableId}>
        {t('itemsTab.heading')}
      </Title>
      <SavedStatus message={message} />
      <ErrorAlert code={listError} />
      {list}
      {kit && <KitContents key={kit.id} kit={kit} items={items.data ?? []} onClose={closeContents} />}
      <ItemForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={(text) => {
          setMessage(text);
          if (text && editing) setEditing(null);
        }}
        onCancel={() => setEditing(null)}
      />
      {editing && <ItemGtins key={editing.id} item={editing} />}
    </Stack>
  );
}
