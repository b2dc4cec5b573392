/**
 * Adjusting a site's stock for a reason (damaged, expired, donated, lost, found, a count
 * correction, a disposal, a recall, or one of the program's own): lines of item, lot and quantity
 * in units or packs, each added or taken off as the reason says, or as picked when the reason goes
 * either way. The site's latest adjustments are listed below, and the program's own reasons are
 * managed at the end.
 */
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Item, Site } from '@contract/catalog';
import { noteLimit } from '@contract/fields';
import type { AdjustmentReasonRecord, OnHand } from '@contract/inventory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ItemOptions } from '../../components/ItemOptions';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { RemoveButton } from '../../components/RemoveButton';
import { StackingTable } from '../../components/StackingTable';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { issuesResolver, type Checked } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import {
  adjustFieldOf,
  checkAdjustment,
  emptyAdjustLine,
  emptyAdjustment,
  firstToExpire,
  lineDirection,
  lineUnits,
  type AdjustContext,
  type AdjustFormValues,
} from './adjustForm';
import { useAdjust, useAdjustmentReasons, useAdjustments, useLotsOf, useOnHand } from './hooks';
import type { QuantityIn } from './receiveForm';
import { AdjustmentReasonsSection, useReasonName } from './AdjustmentReasons';
import { useQuantities } from './stockParts';
import { SiteOptions } from '../../components/SiteOptions';

function LotField({
  index,
  register,
  item,
  held,
  direction,
  error,
}: {
  index: number;
  register: UseFormRegister<AdjustFormValues>;
  item: Item;
  held: OnHand[number] | undefined;
  direction: string;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const number = index + 1;
  // Every lot of the item: units found may belong to a lot this site holds none of now.
  const lots = useLotsOf(item.id);
  const atSite = (lotId: string) => held?.lots.find((lot) => lot.lotId === lotId)?.units ?? 0;
  const offered = (lots.data ?? []).filter((lot) => direction === 'add' || atSite(lot.id) !== 0);
  return (
    <NativeSelect
      label={t('stock.adjust.lot', { number })}
      description={direction === 'add' ? t('stock.adjust.lotAddHint') : undefined}
      w={460}
      maw="100%"
      error={error}
      {...register(`lines.${index}.lotId`)}
    >
      <option value={firstToExpire}>
        {direction === 'add' ? t('stock.adjust.chooseLot') : t('stock.transfer.firstToExpire')}
      </option>
      {offered.map((lot) => (
        <option key={lot.id} value={lot.id}>
          {t('stock.onHand.lotLine', {
            lot: lot.lotNumber,
            expiry: lot.expiresOn ? format.date(lot.expiresOn) : t('stock.onHand.noExpiry'),
            units: quantities.units(atSite(lot.id)),
          })}
          {lot.expired && ` · ${t('stock.onHand.lotExpired')}`}
          {lot.onHold && ` · ${t('stock.onHand.lotOnHold')}`}
        </option>
      ))}
    </NativeSelect>
  );
}

function AdjustLine({
  index,
  control,
  register,
  items,
  reason,
  stock,
  siteName,
  error,
  onQuantityIn,
  onRemove,
}: {
  index: number;
  control: Control<AdjustFormValues>;
  register: UseFormRegister<AdjustFormValues>;
  items: readonly Item[];
  reason: AdjustmentReasonRecord | undefined;
  stock: ReadonlyMap<string, OnHand[number]>;
  siteName: string;
  error: (field: 'itemId' | 'quantity' | 'lotId' | 'direction') => string | undefined;
  onQuantityIn: (value: QuantityIn) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const quantityInId = useId();
  const number = index + 1;
  const line = useWatch({ control, name: `lines.${index}` });
  const item = items.find((candidate) => candidate.id === line.itemId);
  const held = stock.get(line.itemId);
  const direction = lineDirection(reason, line);
  const units = lineUnits(line, item);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('stock.adjust.lineHeading', { number })}</Text>
          {onRemove && <RemoveButton mt={0} label={t('stock.adjust.removeLine', { number })} onClick={onRemove} />}
        </Group>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t('stock.adjust.item', { number })}
            w={300}
            maw="100%"
            error={error('itemId')}
            {...register(`lines.${index}.itemId`)}
          >
            <option value="">{t('stock.receive.chooseItem')}</option>
            <ItemOptions items={items} />
          </NativeSelect>
          {reason?.direction === 'either' && (
            <NativeSelect
              label={t('stock.adjust.direction', { number })}
              w={220}
              error={error('direction')}
              {...register(`lines.${index}.direction`)}
            >
              <option value="">{t('stock.adjust.chooseDirection')}</option>
              <option value="add">{t('stock.adjust.add')}</option>
              <option value="remove">{t('stock.adjust.remove')}</option>
            </NativeSelect>
          )}
        </Group>
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text fw={500} id={quantityInId}>
              {t('stock.quantityIn')}
            </Text>
            <SegmentedControl
              aria-labelledby={quantityInId}
              value={line.quantityIn}
              onChange={(value) => onQuantityIn(value as QuantityIn)}
              data={[
                { value: 'units', label: t('stock.inUnits') },
                { value: 'packs', label: t('stock.inPacks') },
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
              line.quantityIn === 'packs' ? t('stock.adjust.packs', { number }) : t('stock.adjust.units', { number })
            }
            error={error('quantity')}
            {...register(`lines.${index}.quantity`)}
          />
        </Group>
        {item && line.quantityIn === 'packs' && Number.isInteger(units) && (
          <Text c="gray.8">
            {t('stock.adjust.makes', { units: quantities.units(units), size: format.number(item.unitsPerPack) })}
          </Text>
        )}
        {item && (
          <Text c="gray.8">
            {t('stock.adjust.atSite', { site: siteName, units: quantities.both(held?.units ?? 0, item.unitsPerPack) })}
            {item.unitsPerPack > 1 &&
              ` · ${t('stock.onHand.unitAndPack', { unit: item.unit, size: format.number(item.unitsPerPack) })}`}
          </Text>
        )}
        {item?.tracksLots && (
          <LotField
            index={index}
            register={register}
            item={item}
            held={held}
            direction={direction}
            error={error('lotId')}
          />
        )}
      </Stack>
    </Paper>
  );
}

function ReasonOptions({ reasons }: { reasons: readonly AdjustmentReasonRecord[] }) {
  const { t } = useTranslation();
  const reasonName = useReasonName();
  const option = (reason: AdjustmentReasonRecord) => (
    <option key={reason.id} value={reason.id}>
      {t('stock.adjust.reasonOption', {
        reason: reasonName(reason),
        direction: t(`stock.adjust.directions.${reason.direction}`),
      })}
    </option>
  );
  const own = reasons.filter((reason) => !reason.builtIn);
  return (
    <>
      <optgroup label={t('stock.adjust.builtInReasons')}>
        {reasons.filter((reason) => reason.builtIn).map(option)}
      </optgroup>
      {own.length > 0 && <optgroup label={t('stock.adjust.programReasons')}>{own.map(option)}</optgroup>}
    </>
  );
}

function AdjustForm({
  sites,
  items,
  siteId,
  onSite,
}: {
  sites: readonly Site[];
  items: readonly Item[];
  siteId: string;
  onSite: (siteId: string) => void;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const reasonName = useReasonName();
  const quantities = useQuantities();
  const adjust = useAdjust();
  const headingId = useId();
  const reasons = useAdjustmentReasons();
  const [saved, setSaved] = useState<{ text: string } | null>(null);
  const activeItems = items.filter((item) => item.active);
  const siteStock = useOnHand({ siteId }, siteId !== '');
  const stock = new Map((siteStock.data ?? []).map((row) => [row.itemId, row]));
  const context: AdjustContext = { items, reasons: reasons.data ?? [], stock };
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
  } = useForm<AdjustFormValues>({
    defaultValues: emptyAdjustment(siteId),
    resolver: issuesResolver((values: AdjustFormValues): Checked<AdjustFormValues> => {
      const { checked } = checkAdjustment(values, context);
      return checked.success ? { success: true, data: values } : checked;
    }, adjustFieldOf),
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const [chosenSite, reasonId, note] = useWatch({ control, name: ['siteId', 'reason', 'note'] });
  const reason = reasons.data?.find((candidate) => candidate.id === reasonId);
  useEffect(() => {
    if (chosenSite !== siteId) onSite(chosenSite);
  }, [chosenSite, siteId, onSite]);
  useEffect(() => {
    if (saved !== null) setFocus('lines.0.itemId');
  }, [saved, setFocus]);
  const errorText = (message: string | undefined) => (message ? t(errorKey(message)) : undefined);

  const submit = handleSubmit(async () => {
    setSaved(null);
    const values = getValues();
    const { checked, input } = checkAdjustment(values, context);
    if (!checked.success) return;
    try {
      const adjustment = await adjust.mutateAsync(input);
      reset({ ...emptyAdjustment(values.siteId), reason: values.reason });
      const change = adjustment.lines.reduce((total, line) => total + line.units, 0);
      setSaved({
        text: t('stock.adjust.saved', {
          reason: reasonName(adjustment.reason),
          site: shown(adjustment.siteName),
          change: `${change > 0 ? '+' : change < 0 ? '−' : ''}${quantities.units(Math.abs(change))}`,
        }),
      });
    } catch (error) {
      showServerErrors(error, adjustFieldOf, setError);
    }
  });

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('stock.adjust.heading')}
      </Title>
      <form noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
        <Stack gap="md" maw={820}>
          <Group align="flex-start" gap="md">
            <NativeSelect
              label={t('stock.adjust.site')}
              w={240}
              error={errorText(errors.siteId?.message)}
              {...register('siteId')}
            >
              <SiteOptions sites={sites} />
            </NativeSelect>
            <NativeSelect
              label={t('stock.adjust.reason')}
              description={
                reason && reason.direction !== 'either'
                  ? t(`stock.adjust.reasonGoes.${reason.direction}`)
                  : reason
                    ? t('stock.adjust.reasonGoes.either')
                    : undefined
              }
              w={380}
              maw="100%"
              error={errorText(errors.reason?.message)}
              {...register('reason')}
            >
              <option value="">{t('stock.adjust.chooseReason')}</option>
              <ReasonOptions reasons={reasons.data ?? []} />
            </NativeSelect>
          </Group>
          {lines.fields.map((field, index) => (
            <AdjustLine
              key={field.id}
              index={index}
              control={control}
              register={register}
              items={activeItems}
              reason={reason}
              stock={stock}
              siteName={shown(sites.find((site) => site.id === chosenSite)?.name ?? '')}
              error={(name) => errorText(errors.lines?.[index]?.[name]?.message)}
              onQuantityIn={(value) => setValue(`lines.${index}.quantityIn`, value)}
              {...(lines.fields.length > 1 ? { onRemove: () => lines.remove(index) } : {})}
            />
          ))}
          <Group>
            <Button variant="default" onClick={() => lines.append(emptyAdjustLine())}>
              {t('stock.adjust.addLine')}
            </Button>
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
              {t('stock.adjust.save')}
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

function RecentAdjustments({ siteId, siteName }: { siteId: string; siteName: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const reasonName = useReasonName();
  const quantities = useQuantities();
  const headingId = useId();
  const adjustments = useAdjustments(siteId);
  let content;
  if (adjustments.isPending) content = <Text>{t('app.loading')}</Text>;
  else if (adjustments.isError) content = <ErrorAlert code={errorCodeOf(adjustments.error)} />;
  else if (adjustments.data.length === 0) content = <Text>{t('stock.adjust.none')}</Text>;
  else
    content = (
      <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.adjust.when')}</Table.Th>
            <Table.Th>{t('stock.adjust.reason')}</Table.Th>
            <Table.Th>{t('stock.adjust.lines')}</Table.Th>
            <Table.Th>{t('stock.note')}</Table.Th>
            <Table.Th>{t('stock.adjust.by')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {adjustments.data.map((adjustment) => (
            <Table.Tr key={adjustment.id}>
              <Table.Td data-label={t('stock.adjust.when')}>
                <time dateTime={adjustment.occurredAt}>{format.dateTime(adjustment.occurredAt)}</time>
              </Table.Td>
              <Table.Td data-label={t('stock.adjust.reason')}>{reasonName(adjustment.reason)}</Table.Td>
              <Table.Td data-label={t('stock.adjust.lines')}>
                <Stack gap={2}>
                  {adjustment.lines.map((line) => (
                    <Text key={line.line}>
                      {t(line.lotNumber ? 'stock.adjust.lineWithLot' : 'stock.adjust.lineSummary', {
                        item: shown(line.itemName),
                        lot: line.lotNumber,
                        change: `${line.units > 0 ? '+' : '−'}${quantities.units(Math.abs(line.units))}`,
                      })}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td data-label={t('stock.note')}>{adjustment.note ?? t('stock.adjust.noNote')}</Table.Td>
              <Table.Td data-label={t('stock.adjust.by')}>{shown(adjustment.by)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('stock.adjust.recent', { site: siteName })}
      </Title>
      {content}
    </section>
  );
}

export function AdjustTab({
  sites,
  items,
  initialSiteId,
}: {
  sites: readonly Site[];
  items: readonly Item[];
  initialSiteId: string;
}) {
  const shown = useSeededName();
  const [siteId, setSiteId] = useState(initialSiteId);
  return (
    <Stack gap="xl">
      <AdjustForm sites={sites} items={items} siteId={siteId} onSite={setSiteId} />
      <RecentAdjustments siteId={siteId} siteName={shown(sites.find((site) => site.id === siteId)?.name ?? '')} />
      <AdjustmentReasonsSection />
    </Stack>
  );
}
