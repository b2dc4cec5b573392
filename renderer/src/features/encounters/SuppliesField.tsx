/**
 * Supplies as quantity steppers, one per item: the program's common items first, kits beside the
 * loose items, anything else added by name. Stock at the site is shown softly and never blocks.
 */
import { ActionIcon, Box, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useWatch, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item } from '@contract/catalog';
import { maxQuantity } from '@contract/field-entries';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import type { EntryControl, EntryFormValues } from './encounterForm';

function StepIcon({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={direction === 'up' ? 'M12 5v14M5 12h14' : 'M5 12h14'}
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * The stock note's column: wide enough for "Only 9,999 on hand here" on one line, so the steppers line
 * up row under row; a longer note (in Spanish) wraps between words.
 */
const stockNoteWidth = '13rem';
const rowGap = 6;

function quantityOf(text: string | undefined): number {
  const value = Number((text ?? '').trim());
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function StockNote({ id, onHand, quantity }: { id: string; onHand: number | undefined; quantity: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (onHand === undefined) return null;
  if (onHand <= 0)
    return (
      <Text id={id} size="sm" c="gray.8">
        {t('supplies.noneOnHand')}
      </Text>
    );
  if (quantity > onHand)
    return (
      <Text id={id} size="sm" c="orange.9" fw={600}>
        {t('supplies.onlyOnHand', { count: onHand, formatted: format.number(onHand) })}
      </Text>
    );
  return (
    <Text id={id} size="sm" c="gray.8">
      {t('supplies.onHand', { count: onHand, formatted: format.number(onHand) })}
    </Text>
  );
}

function SupplyStepper({
  index,
  item,
  control,
  register,
  setValue,
  error,
  onHand,
}: {
  index: number;
  item: Item;
  control: EntryControl;
  register: UseFormRegister<EntryFormValues>;
  setValue: UseFormSetValue<EntryFormValues>;
  error: string | undefined;
  onHand: number | undefined;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const inputId = useId();
  const stockId = useId();
  const errorId = useId();
  const name = `supplies.${index}.quantity` as const;
  const quantity = quantityOf(useWatch({ control, name }));
  const step = (by: number) => {
    const next = Math.min(maxQuantity, Math.max(0, quantity + by));
    setValue(name, next === 0 ? '' : String(next), { shouldDirty: true });
  };
  const describedBy = [onHand === undefined ? null : stockId, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <Box>
      {/* Compact (36px controls) so a whole form's common items fit above the Save bar at 1024x768. */}
      <Group gap={rowGap} wrap="nowrap" align="center">
        <Text component="label" htmlFor={inputId} style={{ flex: 1, minWidth: '8rem', overflowWrap: 'break-word' }}>
          {shown(item.name)}
        </Text>
        {/* The buttons are for the mouse and touch; the keyboard uses the arrow keys in the field. */}
        <ActionIcon
          variant="default"
          size="input-sm"
          tabIndex={-1}
          aria-label={t('supplies.fewer', { item: shown(item.name) })}
          disabled={quantity === 0}
          onClick={() => step(-1)}
        >
          <StepIcon direction="down" />
        </ActionIcon>
        <TextInput
          id={inputId}
          type="number"
          inputMode="numeric"
          min={0}
          max={maxQuantity}
          step={1}
          size="sm"
          w={80}
          error={Boolean(error)}
          // Mantine sets aria-describedby from its own description and error only, replacing any
          // given; the stock note and the error shown beside the stepper are linked here instead.
          renderRoot={(props) => <input {...props} aria-describedby={describedBy || undefined} />}
          {...register(name)}
        />
        <ActionIcon
          variant="default"
          size="input-sm"
          tabIndex={-1}
          aria-label={t('supplies.more', { item: shown(item.name) })}
          onClick={() => step(1)}
        >
          <StepIcon direction="up" />
        </ActionIcon>
        <Box w={stockNoteWidth} style={{ flexShrink: 0 }}>
          <StockNote id={stockId} onHand={onHand} quantity={quantity} />
        </Box>
      </Group>
      {error && (
        <Text
          id={errorId}
          size="sm"
          c="var(--mantine-color-error)"
          ta="right"
          mr={`calc(${stockNoteWidth} + ${rowGap}px)`}
        >
          {error}
        </Text>
      )}
    </Box>
  );
}

export function SuppliesField({
  rows,
  itemsById,
  addableItems,
  addItemId,
  control,
  register,
  setValue,
  errorOf,
  onHand,
  onAddItem,
  sideBySide = true,
}: {
  /** The rows as the field array keeps them (a stable key per row). */
  rows: readonly { id: string; itemId: string }[];
  itemsById: ReadonlyMap<string, Item>;
  /** Active items not on the form yet. */
  addableItems: readonly Item[];
  /** The add-item field's id, so the form can move focus there. */
  addItemId: string;
  control: EntryControl;
  register: UseFormRegister<EntryFormValues>;
  setValue: UseFormSetValue<EntryFormValues>;
  errorOf: (index: number) => string | undefined;
  /** Units at the chosen site by item; undefined while unknown. */
  onHand: ReadonlyMap<string, number> | undefined;
  onAddItem: (itemId: string) => void;
  /** Kits in a column beside the loose items on a wide screen; false where space is narrow (a drawer). */
  sideBySide?: boolean;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const stepper = (row: { id: string; itemId: string }, index: number) => {
    const item = itemsById.get(row.itemId);
    if (!item) return null;
    return (
      <SupplyStepper
        key={row.id}
        index={index}
        item={item}
        control={control}
        register={register}
        setValue={setValue}
        error={errorOf(index)}
        onHand={onHand === undefined ? undefined : (onHand.get(item.id) ?? 0)}
      />
    );
  };
  const indexed = rows.map((row, index) => ({ row, index, isKit: itemsById.get(row.itemId)?.isKit === true }));
  const loose = indexed.filter((entry) => !entry.isKit);
  const kits = indexed.filter((entry) => entry.isKit);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={kits.length > 0 && sideBySide ? { base: 1, lg: 2 } : 1} spacing="xl" verticalSpacing="md">
        <Stack gap={4}>
          <Text fw={700}>{t('supplies.looseItems')}</Text>
          {loose.length === 0 && <Text c="gray.8">{t('supplies.noCommonItems')}</Text>}
          {loose.map(({ row, index }) => stepper(row, index))}
        </Stack>
        {kits.length > 0 && (
          <Stack gap={4}>
            <Text fw={700}>{t('supplies.kits')}</Text>
            {kits.map(({ row, index }) => stepper(row, index))}
          </Stack>
        )}
      </SimpleGrid>
      <Select
        id={addItemId}
        label={t('supplies.addItem')}
        placeholder={t('supplies.addItemPlaceholder')}
        searchable
        value={null}
        data={addableItems.map((item) => ({ value: item.id, label: shown(item.name) }))}
        nothingFoundMessage={t('supplies.noMatchingItem')}
        onChange={(itemId) => {
          if (itemId) onAddItem(itemId);
        }}
        maw={420}
      />
    </Stack>
  );
}
