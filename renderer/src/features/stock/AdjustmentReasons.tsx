/**
 * The program's own reasons to adjust stock, beside Outpost's eight: added with the way they move
 * stock, renamed, retired (kept on the adjustments already made with them) and brought back.
 */
import { Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  createAdjustmentReasonInput,
  type AdjustmentReasonRecord,
  type CreateAdjustmentReasonInput,
} from '@contract/inventory';
import { adjustmentDirections, type AdjustmentDirection } from '@contract/vocabulary';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StackingTable } from '../../components/StackingTable';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { contractResolver } from '../../lib/contractResolver';
import { showServerErrors } from '../../lib/serverErrors';
import { useAdjustmentReasons, useCreateReason, useUpdateReason } from './hooks';

/** A reason as the reader says it: Outpost's own in their language, the program's as the program named it. */
export function useReasonName() {
  const { t } = useTranslation();
  return useCallback(
    (reason: Pick<AdjustmentReasonRecord, 'id' | 'builtIn' | 'name'>) =>
      reason.builtIn ? t(`stock.adjust.reasons.${reason.name as 'damaged'}`) : reason.name,
    [t],
  );
}

const reasonField = (field: string | undefined) => (field === 'name' || field === 'direction' ? field : null);

function AddReasonForm() {
  const { t } = useTranslation();
  const create = useCreateReason();
  const headingId = useId();
  const [saved, setSaved] = useState<{ name: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateAdjustmentReasonInput>({
    defaultValues: { name: '', direction: 'remove' },
    resolver: contractResolver(createAdjustmentReasonInput, reasonField),
  });
  const errorText = (message: string | undefined) => (message ? t(errorKey(message)) : undefined);
  const submit = handleSubmit(async (values) => {
    setSaved(null);
    try {
      const reason = await create.mutateAsync(values);
      reset({ name: '', direction: values.direction });
      setSaved({ name: reason.name });
    } catch (error) {
      showServerErrors(error, reasonField, setError);
    }
  });
  return (
    <form noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Title order={3} id={headingId}>
          {t('stock.adjust.reasonsAdd')}
        </Title>
        <Group align="flex-start" gap="md">
          <TextInput
            label={t('stock.adjust.reasonName')}
            w={300}
            maw="100%"
            error={errorText(errors.name?.message)}
            {...register('name')}
          />
          <NativeSelect
            label={t('stock.adjust.reasonDirection')}
            w={260}
            error={errorText(errors.direction?.message)}
            {...register('direction')}
          >
            {adjustmentDirections.map((direction) => (
              <option key={direction} value={direction}>
                {t(`stock.adjust.directions.${direction}`)}
              </option>
            ))}
          </NativeSelect>
        </Group>
        <ErrorAlert code={errors.root?.server?.message} />
        <Group gap="md" align="center">
          <Button type="submit" variant="default" loading={isSubmitting}>
            {t('stock.adjust.reasonsAddButton')}
          </Button>
          <Text role="status" c="green.9" fw={600}>
            {saved && t('stock.adjust.reasonAdded', { name: saved.name })}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

function RenameReasonModal({ reason, onClose }: { reason: AdjustmentReasonRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateReason();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ name: string }>({
    defaultValues: { name: reason.name },
    resolver: contractResolver(createAdjustmentReasonInput.pick({ name: true }), reasonField),
  });
  const submit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync({ id: reason.id, name: values.name });
      onClose();
    } catch (error) {
      showServerErrors(error, reasonField, setError);
    }
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('stock.adjust.close') }}
      opened
      onClose={onClose}
      title={t('stock.adjust.renameTitle', { name: reason.name })}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <TextInput
            label={t('stock.adjust.reasonName')}
            data-autofocus
            error={errors.name?.message ? t(errorKey(errors.name.message)) : undefined}
            {...register('name')}
          />
          <ErrorAlert code={errors.root?.server?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('stock.adjust.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('stock.adjust.rename')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReasonRow({ reason, onRename }: { reason: AdjustmentReasonRecord; onRename: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateReason();
  return (
    <Table.Tr>
      <Table.Td data-label={t('stock.adjust.reasonName')}>{reason.name}</Table.Td>
      <Table.Td data-label={t('stock.adjust.reasonDirection')}>
        {t(`stock.adjust.directions.${reason.direction as AdjustmentDirection}`)}
      </Table.Td>
      <Table.Td data-label={t('stock.adjust.reasonState')}>
        {reason.active ? t('stock.adjust.inUse') : t('stock.adjust.retired')}
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            aria-label={t('stock.adjust.renameOf', { name: reason.name })}
            onClick={onRename}
          >
            {t('stock.adjust.rename')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            loading={update.isPending}
            aria-label={t(reason.active ? 'stock.adjust.retireOf' : 'stock.adjust.restoreOf', { name: reason.name })}
            onClick={() => update.mutate({ id: reason.id, active: !reason.active })}
          >
            {reason.active ? t('stock.adjust.retire') : t('stock.adjust.restore')}
          </Button>
        </Group>
        {update.isError && (
          <Text c="var(--mantine-color-error)" role="alert">
            {t(errorKey(errorCodeOf(update.error)))}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function AdjustmentReasonsSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const reasons = useAdjustmentReasons(true);
  const [renaming, setRenaming] = useState<AdjustmentReasonRecord | null>(null);
  const own = (reasons.data ?? []).filter((reason) => !reason.builtIn);
  return (
    <section aria-labelledby={headingId}>
      <Stack gap="md" maw={820}>
        <Title order={2} id={headingId}>
          {t('stock.adjust.reasonsHeading')}
        </Title>
        <Text>{t('stock.adjust.reasonsIntro')}</Text>
        {reasons.isError && <ErrorAlert code={errorCodeOf(reasons.error)} />}
        {reasons.isSuccess &&
          (own.length === 0 ? (
            <Text>{t('stock.adjust.reasonsNone')}</Text>
          ) : (
            <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stock.adjust.reasonName')}</Table.Th>
                  <Table.Th>{t('stock.adjust.reasonDirection')}</Table.Th>
                  <Table.Th>{t('stock.adjust.reasonState')}</Table.Th>
                  <Table.Th>{t('stock.adjust.reasonActions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {own.map((reason) => (
                  <ReasonRow key={reason.id} reason={reason} onRename={() => setRenaming(reason)} />
                ))}
              </Table.Tbody>
            </StackingTable>
          ))}
        <AddReasonForm />
      </Stack>
      {renaming && <RenameReasonModal reason={renaming} onClose={() => setRenaming(null)} />}
    </section>
  );
}
