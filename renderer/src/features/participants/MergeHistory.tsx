/** Merges and unmerges, newest first, with "Unmerge" on each merge still in force. */
import { Alert, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonLimit } from '@contract/fields';
import { unmergeParticipantsInput, type ParticipantMerge } from '@contract/participants';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { useMerges, useUnmerge } from './hooks';
import { useReasonStep } from '../../lib/reasonStep';

function UnmergeForm({
  merge,
  onUnmerged,
  onCancel,
}: {
  merge: ParticipantMerge;
  onUnmerged: (unmerge: ParticipantMerge) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const unmerge = useUnmerge();
  const { reason, setReason, reasonError, formError, reasonField, take } = useReasonStep();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (unmerge.isPending) return;
    await take(unmergeParticipantsInput, { mergeId: merge.mergeId, reason }, async (input) =>
      onUnmerged(await unmerge.mutateAsync(input)),
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text>{t('participants.unmergeHint', { from: merge.fromCode, into: merge.intoCode })}</Text>
        <LimitedTextarea
          ref={reasonField}
          label={t('participants.unmergeReason')}
          withAsterisk
          aria-required
          rows={2}
          limit={reasonLimit}
          length={reason.length}
          value={reason}
          error={reasonError ? t(errorKey(reasonError)) : undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {formError && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="var(--mantine-color-error)">{t(errorKey(formError))}</Text>
          </Alert>
        )}
        <Group>
          <Button type="submit" color="red.9" loading={unmerge.isPending}>
            {t('participants.confirmUnmerge')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('participants.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MergeHistory({ onUnmerged }: { onUnmerged: (unmerge: ParticipantMerge) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const merges = useMerges();
  const [undoing, setUndoing] = useState<ParticipantMerge | null>(null);
  const headingId = useId();

  let body;
  if (merges.isPending) body = <Text c="gray.8">{t('app.loading')}</Text>;
  else if (merges.error)
    body = (
      <Alert color="red" variant="outline" role="alert">
        <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(merges.error)))}</Text>
      </Alert>
    );
  else if (merges.data.length === 0) body = <Text c="gray.8">{t('participants.noMerges')}</Text>;
  else
    body = (
      <StackingTable aria-labelledby={headingId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('participants.when')}</Table.Th>
            <Table.Th scope="col">{t('participants.change')}</Table.Th>
            <Table.Th scope="col">{t('participants.reason')}</Table.Th>
            <Table.Th scope="col">{t('participants.by')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('participants.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {merges.data.map((merge) => (
            <Table.Tr key={merge.mergeId}>
              <Table.Td data-label={t('participants.when')}>
                <time dateTime={merge.createdAt}>{format.dateTime(merge.createdAt)}</time>
              </Table.Td>
              <Table.Td data-label={t('participants.change')}>
                {merge.kind === 'merge'
                  ? t('participants.mergedInto', { from: merge.fromCode, into: merge.intoCode })
                  : t('participants.unmergedFrom', { from: merge.fromCode, into: merge.intoCode })}
                {merge.kind === 'merge' && merge.undoneById !== null && (
                  <Text c="gray.8">{t('participants.undone')}</Text>
                )}
              </Table.Td>
              <Table.Td data-label={t('participants.reason')}>{merge.reason}</Table.Td>
              <Table.Td data-label={t('participants.by')}>{shown(merge.createdBy)}</Table.Td>
              <Table.Td>
                {merge.kind === 'merge' && merge.undoneById === null && (
                  <Button
                    size="sm"
                    variant="default"
                    aria-label={t('participants.unmergeLabel', { from: merge.fromCode, into: merge.intoCode })}
                    onClick={() => setUndoing(merge)}
                  >
                    {t('participants.unmerge')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        {t('participants.mergesHeading')}
      </Title>
      {body}
      {undoing && (
        <UnmergeForm
          key={undoing.mergeId}
          merge={undoing}
          onCancel={() => setUndoing(null)}
          onUnmerged={(unmerge) => {
            setUndoing(null);
            onUnmerged(unmerge);
          }}
        />
      )}
    </Stack>
  );
}
