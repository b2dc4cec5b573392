/**
 * Sends stock from one site to another: lines of item and quantity in packs or units, a lot picked
 * by hand or left to go first to expire first, a reference and a note. The stock is in transit,
 * in neither site's on hand, until the receiving site confirms it, unless both sites are run here
 * and it is received now. The form's key makes a double save send the stock once.
 */
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Item, Site } from '@contract/catalog';
import { noteLimit } from '@contract/fields';
import type { OnHand } from '@contract/inventory';
import { ItemOptions } from '../../components/ItemOptions';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { RemoveButton } from '../../components/RemoveButton';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { issuesResolver, type Checked } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useOnHand, useSendTransfer } from './hooks';
import { useQuantities } from './stockParts';
import {
  checkTransfer,
  emptyLine,
  emptyTransfer,
  firstToExpire,
  transferFieldOf,
  type TransferFormValues,
} from './transferForm';
import type { QuantityIn } from './receiveForm';
import { SiteOptions } from '../../components/SiteOptions';

function TransferLine({
  index,
  control,
  register,
  items,
  stock,
  fromSiteName,
  error,
  onQuantityIn,
  onRemove,
}: {
  index: number;
  control: Control<TransferFormValues>;
  register: UseFormRegister<TransferFormValues>;
  items: readonly Item[];
  /** On hand at the sending site, by item. */
  stock: ReadonlyMap<string, OnHand[number]>;
  fromSiteName: string;
  error: (field: 'itemId' | 'quantity' | 'lotId') => string | undefined;
  onQuantityIn: (value: QuantityIn) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const quantityInId = useId();
  const number = index + 1;
  const [itemId, quantityIn] = useWatch({ control, name: [`lines.${index}.itemId`, `lines.${index}.quantityIn`] });
  const item = items.find((candidate) => candidate.id === itemId);
  const held = stock.get(itemId);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('stock.transfer.lineHeading', { number })}</Text>
          {onRemove && <RemoveButton mt={0} label={t('stock.transfer.removeLine', { number })} onClick={onRemove} />}
        </Group>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t('stock.transfer.item', { number })}
            w={300}
            error={error('itemId')}
            {...register(`lines.${index}.itemId`)}
          >
            <option value="">{t('stock.receive.chooseItem')}</option>
            <ItemOptions items={items} />
          </NativeSelect>
          <Stack gap={4}>
            <Text fw={500} id={quantityInId}>
              {t('stock.quantityIn')}
            </Text>
            <SegmentedControl
              aria-labelledby={quantityInId}
              value={quantityIn}
              onChange={(value) => onQuantityIn(value as QuantityIn)}
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
            w={180}
            label={
              quantityIn === 'packs' ? t('stock.transfer.packs', { number }) : t('stock.transfer.units', { number })
            }
            error={error('quantity')}
            {...register(`lines.${index}.quantity`)}
          />
        </Group>
        {item && (
          <Text c="gray.8">
            {t('stock.transfer.heldThere', {
              site: fromSiteName,
              units: quantities.both(held?.available ?? 0, item.unitsPerPack),
            })}
            {item.unitsPerPack > 1 &&
              ` · ${t('stock.onHand.unitAndPack', { unit: item.unit, size: format.number(item.unitsPerPack) })}`}
          </Text>
        )}
        {item?.tracksLots && (
          <NativeSelect
            label={t('stock.transfer.lot', { number })}
            w={420}
            error={error('lotId')}
            {...register(`lines.${index}.lotId`)}
          >
            <option value={firstToExpire}>{t('stock.transfer.firstToExpire')}</option>
            {(held?.lots ?? []).map((lot) => (
              <option key={lot.lotId} value={lot.lotId}>
                {t('stock.onHand.lotLine', {
                  lot: lot.lotNumber,
                  expiry: lot.expiresOn ? format.date(lot.expiresOn) : t('stock.onHand.noExpiry'),
                  units: quantities.units(lot.units),
                })}
              </option>
            ))}
          </NativeSelect>
        )}
      </Stack>
    </Paper>
  );
}

export function TransferForm({
  sites,
  items,
  initialSiteId,
}: {
  sites: readonly Site[];
  items: readonly Item[];
  initialSiteId: string;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const send = useSendTransfer();
  const headingId = useId();
  // A new object per save, so the focus moves again after a second save alike.
  const [saved, setSaved] = useState<{ text: string } | null>(null);
  const activeSites = sites.filter((site) => site.active);
  const activeItems = items.filter((item) => item.active);
  const otherSite = (siteId: string) => activeSites.find((site) => site.id !== siteId)?.id ?? '';
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
  } = useForm<TransferFormValues>({
    defaultValues: emptyTransfer(initialSiteId, otherSite(initialSiteId)),
    // Checked as the core will check what is sent; the save itself sends the checked input.
    resolver: issuesResolver((values: TransferFormValues): Checked<TransferFormValues> => {
      const { checked } = checkTransfer(values);
      return checked.success ? { success: true, data: values } : checked;
    }, transferFieldOf),
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const [fromSiteId, note] = useWatch({ control, name: ['fromSiteId', 'note'] });
  const fromStock = useOnHand({ siteId: fromSiteId }, fromSiteId !== '');
  const stock = new Map((fromStock.data ?? []).map((row) => [row.itemId, row]));
  const fromSiteName = shown(activeSites.find((site) => site.id === fromSiteId)?.name ?? '');
  const errorText = (message: string | undefined) => (message ? t(errorKey(message)) : undefined);
  // The next transfer starts at its first item, once the cleared form is in place.
  useEffect(() => {
    if (saved !== null) setFocus('lines.0.itemId');
  }, [saved, setFocus]);

  const submit = handleSubmit(async () => {
    setSaved(null);
    const values = getValues();
    const { checked, input } = checkTransfer(values);
    if (!checked.success) return;
    try {
      const transfer = await send.mutateAsync(input);
      reset(emptyTransfer(values.fromSiteId, values.toSiteId));
      setSaved({
        text: t(transfer.status === 'received' ? 'stock.transfer.savedReceived' : 'stock.transfer.savedInTransit', {
          to: shown(transfer.toSiteName),
        }),
      });
    } catch (error) {
      showServerErrors(error, transferFieldOf, setError);
    }
  });

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('stock.transfer.heading')}
      </Title>
      <form noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
        <Stack gap="md" maw={820}>
          <Group align="flex-start" gap="md">
            <NativeSelect
              label={t('stock.transfer.from')}
              w={240}
              error={errorText(errors.fromSiteId?.message)}
              {...register('fromSiteId')}
            >
              <SiteOptions sites={activeSites} />
            </NativeSelect>
            <NativeSelect
              label={t('stock.transfer.to')}
              w={240}
              error={errorText(errors.toSiteId?.message)}
              {...register('toSiteId')}
            >
              <SiteOptions sites={activeSites} />
            </NativeSelect>
          </Group>
          {lines.fields.map((field, index) => (
            <TransferLine
              key={field.id}
              index={index}
              control={control}
              register={register}
              items={activeItems}
              stock={stock}
              fromSiteName={fromSiteName}
              error={(name) => errorText(errors.lines?.[index]?.[name]?.message)}
              onQuantityIn={(value) => setValue(`lines.${index}.quantityIn`, value)}
              {...(lines.fields.length > 1 ? { onRemove: () => lines.remove(index) } : {})}
            />
          ))}
          <Group>
            <Button variant="default" onClick={() => lines.append(emptyLine())}>
              {t('stock.transfer.addLine')}
            </Button>
          </Group>
          <TextInput
            label={t('stock.transfer.reference')}
            description={t('stock.transfer.referenceHint')}
            w={320}
            error={errorText(errors.reference?.message)}
            {...register('reference')}
          />
          <LimitedTextarea
            label={t('stock.note')}
            rows={2}
            limit={noteLimit}
            length={note.length}
            error={errorText(errors.note?.message)}
            {...register('note')}
          />
          <Switch
            label={t('stock.transfer.receiveNow')}
            description={t('stock.transfer.receiveNowHint')}
            {...register('receiveNow')}
          />
          <ErrorAlert code={errors.root?.server?.message ?? errors.lines?.root?.message ?? errors.lines?.message} />
          <Group gap="md" align="center">
            <Button type="submit" loading={isSubmitting}>
              {t('stock.transfer.save')}
            </Button>
            <Text role="status" c="green.9" fw={600}>
              {saved?.text}
            </Text>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
