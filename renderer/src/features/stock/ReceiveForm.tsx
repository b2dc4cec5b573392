/**
 * Receives stock into a site: an item, a quantity in packs or units (the units it makes shown as
 * it is typed), the lot and its expiry for an item tracked by lot, where it came from, when, and a
 * note. A lot that has already expired is received only once someone says so. A save clears the
 * form for the next item and keeps the site.
 */
import { Button, Checkbox, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Item, Site } from '@contract/catalog';
import { noteLimit } from '@contract/fields';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { ItemOptions } from '../../components/ItemOptions';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { localDateOf } from '../../lib/calendar';
import { issuesResolver, numberFromText, type Checked } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useReceive } from './hooks';
import {
  checkReceipt,
  emptyReceipt,
  expiredUnconfirmed,
  hasExpired,
  receiveFieldOf,
  type QuantityIn,
  type ReceiveFormValues,
} from './receiveForm';
import { useQuantities } from './stockParts';

export function ReceiveForm({
  sites,
  items,
  timeZone,
  initialSiteId,
}: {
  sites: readonly Site[];
  items: readonly Item[];
  /** The program's: an expiry is past by the program's calendar. */
  timeZone: string;
  initialSiteId: string;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const format = useFormatters();
  const quantities = useQuantities();
  const receive = useReceive();
  // A new object per save, so the focus moves again after a second save alike.
  const [saved, setSaved] = useState<{ text: string } | null>(null);
  const quantityInId = useId();
  const activeItems = items.filter((item) => item.active);
  const itemOf = (id: string) => activeItems.find((item) => item.id === id);
  const today = () => localDateOf(new Date(), timeZone);
  const check = (values: ReceiveFormValues) =>
    checkReceipt(values, {
      item: itemOf(values.itemId),
      today: today(),
    });
  // Checked as the core will check what is sent, plus the form's own question about an expired lot.
  const fieldsResolver = issuesResolver((values: ReceiveFormValues): Checked<ReceiveFormValues> => {
    const { checked } = check(values);
    return checked.success ? { success: true, data: values } : checked;
  }, receiveFieldOf);
  const resolver: Resolver<ReceiveFormValues> = async (values, context, options) => {
    const result = await fieldsResolver(values, context, options);
    if (!check(values).confirmationMissing) return result;
    return {
      values: {},
      errors: { ...result.errors, expiredConfirmed: { type: 'validation', message: expiredUnconfirmed } },
    };
  };
  const {
    control,
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    setFocus,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ReceiveFormValues>({ defaultValues: emptyReceipt(initialSiteId), resolver });
  const [itemId, quantityIn, quantity, expiresOn, note] = useWatch({
    control,
    name: ['itemId', 'quantityIn', 'quantity', 'expiresOn', 'note'],
  });
  const item = itemOf(itemId);
  const tracked = item?.tracksLots === true;
  const errorText = (message: string | undefined) =>
    message === undefined
      ? undefined
      : message === expiredUnconfirmed
        ? t('stock.receive.expiredConfirmRequired')
        : t(errorKey(message));

  // The next receipt starts at its item, once the cleared form is in place.
  useEffect(() => {
    if (saved !== null) setFocus('itemId');
  }, [saved, setFocus]);

  const typed = numberFromText(quantity);
  const makes =
    item && quantityIn === 'packs' && Number.isInteger(typed) && typed > 0
      ? t('stock.receive.makes', {
          units: quantities.units(typed * item.unitsPerPack),
          size: format.number(item.unitsPerPack),
        })
      : item
        ? t('stock.receive.unitIs', { unit: item.unit, size: format.number(item.unitsPerPack) })
        : undefined;

  const submit = handleSubmit(async () => {
    setSaved(null);
    const values = getValues();
    const { checked, input } = check(values);
    if (!checked.success) return;
    try {
      const receipt = await receive.mutateAsync(input);
      reset(emptyReceipt(values.siteId));
      setSaved({
        text: t('stock.receive.saved', {
          units: quantities.units(receipt.units),
          item: shown(receipt.itemName),
          site: shown(receipt.siteName),
        }),
      });
    } catch (error) {
      showServerErrors(error, receiveFieldOf, setError);
    }
  });

  return (
    <form noValidate aria-label={t('stock.receive.formLabel')} onSubmit={(event) => void submit(event)}>
      <Stack gap="md" maw={720}>
        <Group align="flex-start" gap="md">
          <NativeSelect
            label={t('stock.receive.site')}
            w={240}
            error={errorText(errors.siteId?.message)}
            {...register('siteId')}
          >
            {sites
              .filter((site) => site.active)
              .map((site) => (
                <option key={site.id} value={site.id}>
                  {shown(site.name)}
                </option>
              ))}
          </NativeSelect>
          <NativeSelect
            label={t('stock.receive.item')}
            w={320}
            error={errorText(errors.itemId?.message)}
            {...register('itemId')}
          >
            <option value="">{t('stock.receive.chooseItem')}</option>
            <ItemOptions items={activeItems} />
          </NativeSelect>
        </Group>
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text fw={500} id={quantityInId}>
              {t('stock.quantityIn')}
            </Text>
            <SegmentedControl
              aria-labelledby={quantityInId}
              value={quantityIn}
              onChange={(value) => setValue('quantityIn', value as QuantityIn)}
              data={[
                { value: 'packs', label: t('stock.inPacks') },
                { value: 'units', label: t('stock.inUnits') },
              ]}
            />
          </Stack>
          <TextInput
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            w={200}
            label={quantityIn === 'packs' ? t('stock.receive.packs') : t('stock.receive.units')}
            withAsterisk
            aria-required
            error={errorText(errors.quantity?.message)}
            {...register('quantity')}
          />
        </Group>
        {makes && (
          <Text c="gray.8" aria-live="polite" data-testid="receive-makes">
            {makes}
          </Text>
        )}
        {tracked && (
          <Group align="flex-start" gap="md">
            <TextInput
              label={t('stock.receive.lotNumber')}
              withAsterisk
              aria-required
              w={240}
              error={errorText(errors.lotNumber?.message)}
              {...register('lotNumber')}
            />
            <TextInput
              type="date"
              label={t('stock.receive.expiresOn')}
              withAsterisk
              aria-required
              w={200}
              error={errorText(errors.expiresOn?.message)}
              {...register('expiresOn')}
            />
          </Group>
        )}
        {tracked && hasExpired(expiresOn, today()) && (
          <Checkbox
            label={t('stock.receive.expiredConfirm')}
            error={errorText(errors.expiredConfirmed?.message)}
            {...register('expiredConfirmed')}
          />
        )}
        <Group align="flex-start" gap="md">
          <TextInput
            label={t('stock.receive.source')}
            description={t('stock.receive.sourceHint')}
            w={320}
            error={errorText(errors.source?.message)}
            {...register('source')}
          />
          <TextInput
            type="datetime-local"
            label={t('stock.receive.receivedAt')}
            w={240}
            error={errorText(errors.receivedAt?.message)}
            {...register('receivedAt', { onChange: () => setValue('receivedAtEdited', true) })}
          />
        </Group>
        <LimitedTextarea
          label={t('stock.note')}
          rows={2}
          limit={noteLimit}
          length={note.length}
          error={errorText(errors.note?.message)}
          {...register('note')}
        />
        <ErrorAlert code={errors.root?.server?.message} />
        <Group gap="md" align="center">
          <Button type="submit" loading={isSubmitting}>
            {t('stock.receive.save')}
          </Button>
          <Text role="status" c="green.9" fw={600}>
            {saved?.text}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
