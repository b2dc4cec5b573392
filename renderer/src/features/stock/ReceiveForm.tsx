/**
 * Receives stock into a site: the lines that came together (each an item, a quantity in packs or
 * units with the units it makes shown, the lot and its expiry for an item tracked by lot), where
 * it came from, its reference number, when, and a note. A scan field at the top reads what a
 * barcode scanner types and Enter fills a line from it (the item by its GTIN, that package's pack
 * size, the lot and expiry), keeping the focus there for the next scan. A lot that has already
 * expired is received only once someone says so, line by line. A save clears the form and keeps
 * the site; the form's key makes a double save receive the stock once.
 */
import { Button, Checkbox, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  useFieldArray,
  useForm,
  useWatch,
  type Control,
  type Resolver,
  type UseFormRegister,
  type UseFormSetValue,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Item, Site } from '@contract/catalog';
import { noteLimit } from '@contract/fields';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { ItemOptions } from '../../components/ItemOptions';
import { RemoveButton } from '../../components/RemoveButton';
import { ContractCallError } from '../../api/client';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { localDateOf } from '../../lib/calendar';
import { issuesResolver, numberFromText, type Checked } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useAddGtin, useReadBarcode, useReceiveDelivery } from './hooks';
import {
  checkReceipt,
  emptyLine,
  emptyReceipt,
  expiredUnconfirmed,
  hasExpired,
  isUntouched,
  lineFromScan,
  receiveFieldOf,
  unitsPerPackOf,
  type QuantityIn,
  type ReceiveFormValues,
} from './receiveForm';
import { useQuantities } from './stockParts';

/** FNC1 as a keyboard-wedge scanner sends it in GS1 DataMatrix and QR codes: the group separator. */
const groupSeparator = '\u001d';

type LineField = 'itemId' | 'quantity' | 'lotNumber' | 'expiresOn' | 'expiredConfirmed';

function ReceiveLine({
  index,
  control,
  register,
  setValue,
  items,
  today,
  error,
  onRemove,
}: {
  index: number;
  control: Control<ReceiveFormValues>;
  register: UseFormRegister<ReceiveFormValues>;
  setValue: UseFormSetValue<ReceiveFormValues>;
  items: readonly Item[];
  today: string;
  error: (field: LineField) => string | undefined;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const quantities = useQuantities();
  const addGtin = useAddGtin();
  const quantityInId = useId();
  const number = index + 1;
  const line = useWatch({ control, name: `lines.${index}` });
  const item = items.find((candidate) => candidate.id === line.itemId);
  const tracked = item?.tracksLots === true;
  const perPack = unitsPerPackOf(line, item);
  const typed = numberFromText(line.quantity);
  const packSize = line.scanned?.label
    ? t('stock.receive.scannedPackIs', { label: line.scanned.label, units: quantities.units(perPack) })
    : t('stock.receive.packIs', { units: quantities.units(perPack) });
  const makes =
    line.quantityIn === 'packs' && Number.isInteger(typed) && typed > 0
      ? t('stock.receive.makes', { units: quantities.units(typed * perPack), size: format.number(perPack) })
      : null;
  const [gtinError, setGtinError] = useState<string | null>(null);

  const rememberGtin = async () => {
    if (!item || line.unknownGtin === null) return;
    setGtinError(null);
    try {
      const saved = await addGtin.mutateAsync({
        itemId: item.id,
        gtin: line.unknownGtin,
        unitsPerPack: item.unitsPerPack,
      });
      setValue(`lines.${index}.scanned`, { gtin: saved.gtin, unitsPerPack: saved.unitsPerPack, label: saved.label });
      setValue(`lines.${index}.unknownGtin`, null);
    } catch (failure) {
      setGtinError(failure instanceof ContractCallError ? failure.error.code : 'internal_error');
    }
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('stock.receive.lineHeading', { number })}</Text>
          {onRemove && <RemoveButton mt={0} label={t('stock.receive.removeLine', { number })} onClick={onRemove} />}
        </Group>
        {line.unknownGtin !== null && (
          <Stack gap={4} data-testid="receive-unknown-gtin">
            <Text c="gray.8">{t('stock.receive.unknownGtin', { gtin: line.unknownGtin, number })}</Text>
            {item && (
              <Group>
                <Button variant="default" size="sm" loading={addGtin.isPending} onClick={() => void rememberGtin()}>
                  {t('stock.receive.rememberGtin', {
                    gtin: line.unknownGtin,
                    item: shown(item.name),
                    units: quantities.units(item.unitsPerPack),
                  })}
                </Button>
              </Group>
            )}
            <ErrorAlert code={gtinError ?? undefined} />
          </Stack>
        )}
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t('stock.receive.item', { number })}
            w={300}
            error={error('itemId')}
            {...register(`lines.${index}.itemId`, {
              // A package scanned for one item says nothing about another.
              onChange: () => setValue(`lines.${index}.scanned`, null),
            })}
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
              value={line.quantityIn}
              onChange={(value) => setValue(`lines.${index}.quantityIn`, value as QuantityIn)}
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
              line.quantityIn === 'packs' ? t('stock.receive.packs', { number }) : t('stock.receive.units', { number })
            }
            withAsterisk
            aria-required
            error={error('quantity')}
            {...register(`lines.${index}.quantity`)}
          />
        </Group>
        {item && (
          <Text c="gray.8" aria-live="polite" data-testid="receive-makes">
            {makes ? `${packSize} · ${makes}` : packSize}
          </Text>
        )}
        {tracked && (
          <Group align="flex-start" gap="md">
            <TextInput
              label={t('stock.receive.lotNumber', { number })}
              withAsterisk
              aria-required
              w={240}
              error={error('lotNumber')}
              {...register(`lines.${index}.lotNumber`)}
            />
            <TextInput
              type="date"
              label={t('stock.receive.expiresOn', { number })}
              withAsterisk
              aria-required
              w={200}
              error={error('expiresOn')}
              {...register(`lines.${index}.expiresOn`)}
            />
          </Group>
        )}
        {tracked && hasExpired(line.expiresOn, today) && (
          <Checkbox
            label={t('stock.receive.expiredConfirm', { number })}
            error={error('expiredConfirmed')}
            {...register(`lines.${index}.expiredConfirmed`)}
          />
        )}
      </Stack>
    </Paper>
  );
}

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
  const quantities = useQuantities();
  const receive = useReceiveDelivery();
  const readBarcode = useReadBarcode();
  // A new object per save, so the focus moves again after a second save alike.
  const [saved, setSaved] = useState<{ text: string } | null>(null);
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const [scanResult, setScanResult] = useState('');
  const scanField = useRef<HTMLInputElement>(null);
  const activeItems = items.filter((item) => item.active);
  const itemOf = (id: string) => activeItems.find((item) => item.id === id);
  const today = () => localDateOf(new Date(), timeZone);
  const check = (values: ReceiveFormValues) => checkReceipt(values, { itemOf, today: today() });
  // Checked as the core will check what is sent, plus the form's own question about expired lots.
  const fieldsResolver = issuesResolver((values: ReceiveFormValues): Checked<ReceiveFormValues> => {
    const { checked } = check(values);
    return checked.success ? { success: true, data: values } : checked;
  }, receiveFieldOf);
  const resolver: Resolver<ReceiveFormValues> = async (values, context, options) => {
    const result = await fieldsResolver(values, context, options);
    const { unconfirmed } = check(values);
    if (unconfirmed.length === 0) return result;
    const lines: Record<number, unknown> = { ...(result.errors.lines as Record<number, unknown> | undefined) };
    for (const index of unconfirmed) {
      lines[index] = {
        ...(lines[index] as object | undefined),
        expiredConfirmed: { type: 'validation', message: expiredUnconfirmed },
      };
    }
    return { values: {}, errors: { ...result.errors, lines: lines as never } };
  };
  const {
    control,
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ReceiveFormValues>({ defaultValues: emptyReceipt(initialSiteId), resolver });
  const lines = useFieldArray({ control, name: 'lines' });
  const note = useWatch({ control, name: 'note' });
  const errorText = (message: string | undefined) =>
    message === undefined
      ? undefined
      : message === expiredUnconfirmed
        ? t('stock.receive.expiredConfirmRequired')
        : t(errorKey(message));

  // The next delivery starts at the scan field, once the cleared form is in place.
  useEffect(() => {
    if (saved !== null) scanField.current?.focus();
  }, [saved]);

  const readScan = async () => {
    const barcode = scan;
    if (barcode.trim() === '') return;
    setScanError(null);
    setScanResult('');
    try {
      const reading = await readBarcode.mutateAsync(barcode);
      const line = lineFromScan(reading);
      const current = getValues('lines');
      const onlyUntouched = current.length === 1 && isUntouched(current[0]!);
      if (onlyUntouched) lines.update(0, line);
      else lines.append(line, { shouldFocus: false });
      const number = onlyUntouched ? 1 : current.length + 1;
      setScanResult(
        reading.item
          ? t('stock.receive.scanned', {
              number,
              item: shown(reading.item.itemName),
              units: quantities.units(reading.item.unitsPerPack),
            })
          : t('stock.receive.scannedUnknown', { number }),
      );
      setScan('');
    } catch (failure) {
      setScanError(failure instanceof ContractCallError ? failure.error.code : 'internal_error');
    }
    scanField.current?.focus();
  };

  const onScanKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter ends a scan; it never sends the form from here.
      event.preventDefault();
      void readScan();
    } else if (event.ctrlKey && (event.key === ']' || event.code === 'BracketRight')) {
      // Scanners that cannot type GS send Ctrl+] instead: put the separator where it belongs.
      event.preventDefault();
      const input = event.currentTarget;
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      const next = `${input.value.slice(0, start)}${groupSeparator}${input.value.slice(end)}`;
      setScan(next);
      requestAnimationFrame(() => input.setSelectionRange(start + 1, start + 1));
    }
  };

  const submit = handleSubmit(async () => {
    setSaved(null);
    const values = getValues();
    const { checked, input } = check(values);
    if (!checked.success) return;
    try {
      const delivery = await receive.mutateAsync(input);
      reset(emptyReceipt(values.siteId));
      setScanResult('');
      const [first] = delivery.lines;
      setSaved({
        text:
          delivery.lines.length === 1 && first
            ? t('stock.receive.saved', {
                units: quantities.units(first.units),
                item: shown(first.itemName),
                site: shown(delivery.siteName),
              })
            : t('stock.receive.savedLines', {
                count: delivery.lines.length,
                units: quantities.units(delivery.units),
                site: shown(delivery.siteName),
              }),
      });
    } catch (error) {
      showServerErrors(error, receiveFieldOf, setError);
    }
  });

  return (
    <form noValidate aria-label={t('stock.receive.formLabel')} onSubmit={(event) => void submit(event)}>
      <Stack gap="md" maw={820}>
        <Stack gap={4}>
          <TextInput
            ref={scanField}
            label={t('stock.receive.scan')}
            description={t('stock.receive.scanHint')}
            w={420}
            autoComplete="off"
            spellCheck={false}
            value={scan}
            onChange={(event) => setScan(event.currentTarget.value)}
            onKeyDown={onScanKey}
            error={scanError ? t(errorKey(scanError)) : undefined}
            data-testid="receive-scan"
          />
          <Text c="gray.8" aria-live="polite" data-testid="receive-scan-result">
            {scanResult}
          </Text>
        </Stack>
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
        {lines.fields.map((field, index) => (
          <ReceiveLine
            key={field.id}
            index={index}
            control={control}
            register={register}
            setValue={setValue}
            items={activeItems}
            today={today()}
            error={(name) => errorText(errors.lines?.[index]?.[name]?.message)}
            {...(lines.fields.length > 1 ? { onRemove: () => lines.remove(index) } : {})}
          />
        ))}
        <Group>
          <Button variant="default" onClick={() => lines.append(emptyLine())}>
            {t('stock.receive.addLine')}
          </Button>
        </Group>
        <Group align="flex-start" gap="md">
          <TextInput
            label={t('stock.receive.source')}
            description={t('stock.receive.sourceHint')}
            w={320}
            error={errorText(errors.source?.message)}
            {...register('source')}
          />
          <TextInput
            label={t('stock.receive.reference')}
            description={t('stock.receive.referenceHint')}
            w={240}
            error={errorText(errors.reference?.message)}
            {...register('reference')}
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
        <ErrorAlert code={errors.root?.server?.message ?? errors.lines?.root?.message ?? errors.lines?.message} />
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
