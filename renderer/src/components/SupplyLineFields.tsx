import { Group, NativeSelect, TextInput } from '@mantine/core';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item } from '@contract/catalog';
import { ItemOptions } from './ItemOptions';
import { RemoveButton } from './RemoveButton';

/** One supply line (item, quantity, remove), as the encounter form and the preset form both edit them. */
export function SupplyLineFields({
  number,
  items,
  itemField,
  quantityField,
  itemError,
  quantityError,
  onRemove,
}: {
  /** 1-based, part of every label ("Item 2", "Quantity 2"). */
  number: number;
  items: readonly Item[];
  itemField: UseFormRegisterReturn;
  quantityField: UseFormRegisterReturn;
  itemError: string | undefined;
  quantityError: string | undefined;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <NativeSelect
        label={t('encounterForm.item', { number })}
        error={itemError}
        style={{ flex: 1, minWidth: 0 }}
        {...itemField}
      >
        <option value="">{t('encounterForm.chooseItem')}</option>
        <ItemOptions items={items} />
      </NativeSelect>
      <TextInput
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        label={t('encounterForm.quantity', { number })}
        error={quantityError}
        w={130}
        {...quantityField}
      />
      <RemoveButton label={t('encounterForm.removeLine', { number })} onClick={onRemove} />
    </Group>
  );
}
