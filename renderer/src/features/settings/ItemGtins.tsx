/**
 * The packages an item comes in, by the GTIN under their barcode: each with its name on the
 * shelf ("Box of 100") and the units inside, since a box and a case of the same item differ. A
 * GTIN is typed or scanned into its field (a GS1 barcode's GTIN is read out of what the scanner
 * types); a package no longer bought is retired, never deleted.
 */
import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, ItemGtin } from '@contract/catalog';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StackingTable } from '../../components/StackingTable';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { numberFromText } from '../../lib/contractResolver';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';
import { useSettingsWrite } from './hooks';
import { SavedStatus } from './settingsParts';

interface GtinValues {
  gtin: string;
  label: string;
  unitsPerPack: string;
}

/** What a person types under a barcode: digits, perhaps spaced. Anything else came from a scanner. */
const typedGtin = /^[\d\s-]+$/;

const gtinFields = ['gtin', 'label', 'unitsPerPack'];

/** A GTIN as printed under a barcode: the padding zeros of a shorter GTIN left off. */
export function printedGtin(gtin: string): string {
  for (const length of [8, 12, 13]) {
    if (gtin.startsWith('0'.repeat(14 - length))) return gtin.slice(14 - length);
  }
  return gtin;
}

export function ItemGtins({ item }: { item: Item }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const format = useFormatters();
  const headingId = useId();
  const name = shown(item.name);
  const gtins = useQuery({
    queryKey: [...queryKeys.items, 'gtins', item.id],
    queryFn: () => call('items.gtins', { itemId: item.id, includeInactive: true }),
  });
  const add = useSettingsWrite('items.addGtin', queryKeys.items);
  const update = useSettingsWrite('items.updateGtin', queryKeys.items);
  const readBarcode = useMutation({ mutationFn: (barcode: string) => call('inventory.readBarcode', { barcode }) });
  const [message, setMessage] = useState('');
  const [listError, setListError] = useState<string | undefined>(undefined);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<GtinValues>({ defaultValues: { gtin: '', label: '', unitsPerPack: String(item.unitsPerPack) } });
  const errorText = (code: string | undefined) => (code ? t(errorKey(code)) : undefined);
  const packageName = (gtin: ItemGtin) => gtin.label ?? t('itemsTab.gtins.noLabel');

  const save = async (values: GtinValues) => {
    setMessage('');
    try {
      // A scanned GS1 barcode carries more than the GTIN: the core reads it out.
      const gtin = typedGtin.test(values.gtin)
        ? values.gtin
        : (
            await readBarcode.mutateAsync(values.gtin).catch((error: unknown) => {
              showServerErrors(error, (field) => (field === 'barcode' ? 'gtin' : null), setError);
              return null;
            })
          )?.gtin;
      if (gtin === undefined) return;
      const saved = await add.mutateAsync({
        itemId: item.id,
        gtin,
        unitsPerPack: numberFromText(values.unitsPerPack),
        label: values.label,
      });
      reset({ gtin: '', label: '', unitsPerPack: String(item.unitsPerPack) });
      setMessage(t('itemsTab.gtins.added', { gtin: printedGtin(saved.gtin), name }));
    } catch (error) {
      showServerErrors(
        error,
        sameNamedField((field) => gtinFields.includes(field)),
        setError,
      );
    }
  };

  const toggle = async (gtin: ItemGtin) => {
    setMessage('');
    setListError(undefined);
    try {
      await update.mutateAsync({ id: gtin.id, active: !gtin.active });
      setMessage(
        t(gtin.active ? 'itemsTab.gtins.retired' : 'itemsTab.gtins.reactivated', { gtin: printedGtin(gtin.gtin) }),
      );
    } catch (error) {
      setListError(errorCodeOf(error));
    }
  };

  let list;
  if (gtins.isPending) list = <Text>{t('app.loading')}</Text>;
  else if (gtins.isError) list = <ErrorAlert code={errorCodeOf(gtins.error)} />;
  else if (gtins.data.length === 0) list = <Text>{t('itemsTab.gtins.empty')}</Text>;
  else
    list = (
      <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('itemsTab.gtins.gtin')}</Table.Th>
            <Table.Th>{t('itemsTab.gtins.label')}</Table.Th>
            <Table.Th>{t('itemsTab.gtins.unitsPerPack')}</Table.Th>
            <Table.Th>{t('settings.status')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gtins.data.map((gtin) => (
            <Table.Tr key={gtin.id}>
              <Table.Td data-label={t('itemsTab.gtins.gtin')}>{printedGtin(gtin.gtin)}</Table.Td>
              <Table.Td data-label={t('itemsTab.gtins.label')}>{packageName(gtin)}</Table.Td>
              <Table.Td data-label={t('itemsTab.gtins.unitsPerPack')}>
                {t('itemsTab.gtins.packIs', { units: format.number(gtin.unitsPerPack), unit: item.unit })}
              </Table.Td>
              <Table.Td data-label={t('settings.status')}>
                {gtin.active ? t('settings.active') : t('itemsTab.gtins.retiredStatus')}
              </Table.Td>
              <Table.Td>
                <Button
                  size="sm"
                  variant="default"
                  aria-label={t(gtin.active ? 'itemsTab.gtins.retireNamed' : 'itemsTab.gtins.reactivateNamed', {
                    gtin: printedGtin(gtin.gtin),
                  })}
                  onClick={() => void toggle(gtin)}
                >
                  {gtin.active ? t('itemsTab.gtins.retire') : t('itemsTab.gtins.reactivate')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );

  return (
    <Stack gap="sm">
      <Title order={3} id={headingId}>
        {t('itemsTab.gtins.heading', { name })}
      </Title>
      <Text size="sm">{t('itemsTab.gtins.hint')}</Text>
      <SavedStatus message={message} />
      <ErrorAlert code={listError} />
      {list}
      <form
        noValidate
        aria-label={t('itemsTab.gtins.addHeading', { name })}
        onSubmit={(event) => void handleSubmit(save)(event)}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <TextInput
              label={t('itemsTab.gtins.gtin')}
              description={t('itemsTab.gtins.gtinHint')}
              autoComplete="off"
              spellCheck={false}
              error={errorText(errors.gtin?.message)}
              {...register('gtin')}
            />
            <TextInput
              label={t('itemsTab.gtins.label')}
              description={t('itemsTab.gtins.labelHint')}
              autoComplete="off"
              error={errorText(errors.label?.message)}
              {...register('label')}
            />
            <TextInput
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              label={t('itemsTab.gtins.unitsPerPack')}
              description={t('itemsTab.gtins.unitsPerPackHint', { unit: item.unit })}
              error={errorText(errors.unitsPerPack?.message)}
              {...register('unitsPerPack')}
            />
          </SimpleGrid>
          <ErrorAlert code={errors.root?.server?.message} />
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t('itemsTab.gtins.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
