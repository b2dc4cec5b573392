/**
 * A line the count did not list, found on the shelf: an item, and for an item tracked by lot a lot
 * already recorded or a new one with the number and expiry printed on it. The core refuses a line
 * the count already has or one outside its scope, at the field it names.
 */
import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Count } from '@contract/counts';
import { useItems } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ItemOptions } from '../../../components/ItemOptions';
import { errorKey } from '../../../i18n/errors';
import { useFormatters } from '../../../i18n/format';
import { showServerErrors } from '../../../lib/serverErrors';
import { useLotsOf } from '../hooks';
import { useAddCountLine } from './countHooks';

interface Values {
  itemId: string;
  /** A lot already recorded, or `new` for one typed in. */
  lot: string;
  lotNumber: string;
  expiresOn: string;
}

const newLot = 'new';
const blank: Values = { itemId: '', lot: '', lotNumber: '', expiresOn: '' };

export function AddCountLine({ count }: { count: Count }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const items = useItems();
  const add = useAddCountLine();
  const headingId = useId();
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: blank });
  const [itemId, lot] = useWatch({ control, name: ['itemId', 'lot'] });
  const item = items.data?.find((each) => each.id === itemId);
  const lots = useLotsOf(item?.tracksLots === true ? itemId : '');
  const error = (field: keyof Values) => {
    const message = errors[field]?.message;
    return message ? t(errorKey(message)) : undefined;
  };

  const submit = handleSubmit(async (values) => {
    if (values.itemId === '') {
      setError('itemId', { type: 'required', message: 'item_required' }, { shouldFocus: true });
      return;
    }
    const tracked = item?.tracksLots === true;
    if (tracked && values.lot === '') {
      setError('lot', { type: 'required', message: 'lot_not_found' }, { shouldFocus: true });
      return;
    }
    const typedLot = tracked && values.lot === newLot;
    try {
      await add.mutateAsync({
        countId: count.id,
        itemId: values.itemId,
        ...(tracked && !typedLot ? { lotId: values.lot } : {}),
        lotNumber: typedLot ? values.lotNumber : null,
        expiresOn: typedLot && values.expiresOn !== '' ? values.expiresOn : null,
      });
      reset(blank);
    } catch (refusal) {
      showServerErrors(
        refusal,
        (field) => ({ itemId: 'itemId', lotId: 'lot', lotNumber: 'lotNumber', expiresOn: 'expiresOn' })[field] ?? null,
        setError,
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {t('stock.count.addLine.heading')}
        </Title>
        <Text>{t('stock.count.addLine.hint')}</Text>
        <Group align="flex-start" wrap="wrap">
          <NativeSelect label={t('stock.count.addLine.item')} w={280} error={error('itemId')} {...register('itemId')}>
            <option value="">{t('stock.count.chooseItem')}</option>
            <ItemOptions items={(items.data ?? []).filter((each) => each.active)} />
          </NativeSelect>
          {item?.tracksLots === true && (
            <NativeSelect label={t('stock.count.addLine.lot')} w={280} error={error('lot')} {...register('lot')}>
              <option value="">{t('stock.count.chooseLot')}</option>
              {(lots.data ?? []).map((each) => (
                <option key={each.id} value={each.id}>
                  {each.expiresOn === null
                    ? each.lotNumber
                    : t('stock.count.lotWithExpiry', { lot: each.lotNumber, expiresOn: format.date(each.expiresOn) })}
                </option>
              ))}
              <option value={newLot}>{t('stock.count.addLine.newLot')}</option>
            </NativeSelect>
          )}
          {item?.tracksLots === true && lot === newLot && (
            <>
              <TextInput
                label={t('stock.count.addLine.lotNumber')}
                w={180}
                error={error('lotNumber')}
                {...register('lotNumber')}
              />
              <TextInput
                type="date"
                label={t('stock.count.addLine.expiresOn')}
                w={180}
                error={error('expiresOn')}
                {...register('expiresOn')}
              />
            </>
          )}
        </Group>
        {errors.root?.server?.message && <ErrorAlert code={errors.root.server.message} />}
        <Group>
          <Button type="submit" variant="default" loading={isSubmitting}>
            {t('stock.count.addLine.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
