/**
 * Putting a lot on hold (a recall, a quality question) or releasing it, with the reason. A hold
 * is the lot's everywhere: at every site it stays on hand but is not handed out or sent.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reasonLimit } from '@contract/fields';
import { holdLotInput, type HoldLotInput } from '@contract/inventory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { contractResolver } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useHoldLot } from './hooks';

export interface HeldLot {
  lotId: string;
  lotNumber: string;
  expiresOn: string | null;
  onHold: boolean;
  itemName: string;
}

const holdField = (field: string | undefined) => (field === 'reason' ? field : null);

export function LotHoldModal({ lot, onClose }: { lot: HeldLot; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const hold = useHoldLot();
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<HoldLotInput>({
    defaultValues: { lotId: lot.lotId, held: !lot.onHold, reason: '' },
    resolver: contractResolver(holdLotInput, holdField),
  });
  const reason = useWatch({ control, name: 'reason' });
  const submit = handleSubmit(async (values) => {
    try {
      await hold.mutateAsync(values);
      onClose();
    } catch (error) {
      showServerErrors(error, holdField, setError);
    }
  });
  const values = {
    lot: lot.lotNumber,
    item: shown(lot.itemName),
    expiry: lot.expiresOn ? format.date(lot.expiresOn) : t('stock.onHand.noExpiry'),
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('stock.hold.close') }}
      opened
      onClose={onClose}
      title={t(lot.onHold ? 'stock.hold.releaseTitle' : 'stock.hold.holdTitle', values)}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <Text>{t('stock.hold.lotLine', values)}</Text>
          <Text>{t(lot.onHold ? 'stock.hold.releaseExplained' : 'stock.hold.holdExplained')}</Text>
          <LimitedTextarea
            label={t('stock.hold.reason')}
            description={t(lot.onHold ? 'stock.hold.releaseReasonHint' : 'stock.hold.holdReasonHint')}
            rows={2}
            limit={reasonLimit}
            length={reason.length}
            data-autofocus
            error={errors.reason?.message ? t(errorKey(errors.reason.message)) : undefined}
            {...register('reason')}
          />
          <ErrorAlert code={errors.root?.server?.message ?? errors.held?.message ?? errors.lotId?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('stock.hold.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t(lot.onHold ? 'stock.hold.release' : 'stock.hold.hold')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
