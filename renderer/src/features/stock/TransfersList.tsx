/**
 * Transfers between sites, in transit first: where each went, when, what it carries and where it
 * stands. The receiving site confirms what arrived (anyone there may); a coordinator may cancel
 * one before anything arrived (the stock goes back) or write off what never will.
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StackingTable } from '../../components/StackingTable';
import type { FieldIssue } from '@contract/errors';
import { noteLimit, reasonLimit } from '@contract/fields';
import {
  cancelTransferInput,
  receiveTransferInput,
  writeOffTransferInput,
  type ReceiveTransferInput,
  type Transfer,
  type WriteOffTransferInput,
} from '@contract/inventory';
import {
  transferStatuses,
  transferWriteOffReasons,
  type TransferStatus,
  type TransferWriteOffReason,
} from '@contract/vocabulary';
import { ContractCallError } from '../../api/client';
import { useAllowed } from '../../api/queries';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { checkWith, numberFromText } from '../../lib/contractResolver';
import { issuesOf } from '../../lib/serverErrors';
import { useCancelTransfer, useReceiveTransfer, useTransfers, useWriteOffTransfer } from './hooks';
import { useQuantities } from './stockParts';

const allStatuses = 'all';

type Problems = Record<string, string>;

/** A check's or a refusal's problems by the field they name ('' for the dialog as a whole). */
function problemsOf(issues: FieldIssue[]): Problems {
  const problems: Problems = {};
  for (const issue of issues) problems[issue.field ?? ''] ??= issue.code;
  return problems;
}

function refusalProblems(error: unknown): Problems {
  return error instanceof ContractCallError ? problemsOf(issuesOf(error.error)) : { '': errorCodeOf(error) };
}

/** The item of a line, with its lot when it has one. */
function useLineName() {
  const { t } = useTranslation();
  const shown = useSeededName();
  return (line: Transfer['lines'][number]) =>
    line.lotNumber
      ? t('stock.transfers.itemWithLot', { item: shown(line.itemName), lot: line.lotNumber })
      : shown(line.itemName);
}

function DialogProblem({ problems, shownFields }: { problems: Problems; shownFields: string[] }) {
  const rest = Object.entries(problems).filter(([field]) => !shownFields.includes(field));
  return <ErrorAlert code={rest[0]?.[1]} />;
}

interface LineAnswer {
  received: string;
  /** What becomes of the units that did not arrive. */
  rest: 'onTheWay' | 'notComing';
  reason: TransferWriteOffReason | '';
}

/** The input a confirmation sends: every line still in transit, with what came and what never will. */
export function receiptInput(transfer: Transfer, answers: LineAnswer[], note: string): ReceiveTransferInput {
  const open = transfer.lines.filter((line) => line.inTransit > 0);
  return {
    transferId: transfer.id,
    lines: open.map((line, index) => {
      const answer = answers[index]!;
      const received = numberFromText(answer.received);
      const missing = Number.isInteger(received) ? line.inTransit - received : 0;
      return {
        line: line.line,
        received,
        ...(answer.rest === 'notComing' && missing > 0
          ? { writtenOff: missing, ...(answer.reason === '' ? {} : { reason: answer.reason }) }
          : {}),
      };
    }),
    ...(note.trim() === '' ? {} : { note }),
  };
}

function ConfirmReceipt({ transfer, onDone }: { transfer: Transfer; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const quantities = useQuantities();
  const lineName = useLineName();
  const receive = useReceiveTransfer();
  const open = transfer.lines.filter((line) => line.inTransit > 0);
  const [answers, setAnswers] = useState<LineAnswer[]>(() =>
    open.map((line) => ({ received: String(line.inTransit), rest: 'onTheWay', reason: '' })),
  );
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const answer = (index: number, change: Partial<LineAnswer>) =>
    setAnswers((was) => was.map((one, at) => (at === index ? { ...one, ...change } : one)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = receiptInput(transfer, answers, note);
    const checked = checkWith(receiveTransferInput, input);
    if (!checked.success) {
      setProblems(problemsOf(checked.issues));
      return;
    }
    try {
      await receive.mutateAsync(input);
      onDone(t('stock.transfers.confirmed', { from: shown(transfer.fromSiteName), to: shown(transfer.toSiteName) }));
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };
  const shownFields = open.flatMap((_line, index) => [`lines.${index}.received`, `lines.${index}.reason`]);

  return (
    <form noValidate aria-label={t('stock.transfers.confirmHeading')} onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        <Text>
          {t('stock.transfers.confirmWhich', {
            from: shown(transfer.fromSiteName),
            to: shown(transfer.toSiteName),
          })}
        </Text>
        {open.map((line, index) => {
          const received = numberFromText(answers[index]!.received);
          const missing = Number.isInteger(received) && received >= 0 ? line.inTransit - received : 0;
          return (
            <Stack key={line.line} gap="xs">
              <Text fw={600}>{lineName(line)}</Text>
              <Text>
                {t('stock.transfers.sentAndInTransit', {
                  sent: quantities.units(line.sent),
                  inTransit: quantities.units(line.inTransit),
                })}
              </Text>
              <TextInput
                type="number"
                inputMode="numeric"
                min={0}
                max={line.inTransit}
                step={1}
                w={200}
                label={t('stock.transfers.received', { item: lineName(line) })}
                description={t('stock.transfers.receivedHint', { unit: line.unit })}
                value={answers[index]!.received}
                error={
                  problems[`lines.${index}.received`] ? t(errorKey(problems[`lines.${index}.received`])) : undefined
                }
                onChange={(event) => answer(index, { received: event.currentTarget.value })}
              />
              {missing > 0 && (
                <>
                  <Radio.Group
                    label={t('stock.transfers.rest', { units: quantities.units(missing) })}
                    value={answers[index]!.rest}
                    onChange={(value) => answer(index, { rest: value as LineAnswer['rest'] })}
                  >
                    <Stack gap={6} mt={6}>
                      <Radio value="onTheWay" label={t('stock.transfers.restOnTheWay')} />
                      <Radio value="notComing" label={t('stock.transfers.restNotComing')} />
                    </Stack>
                  </Radio.Group>
                  {answers[index]!.rest === 'notComing' && (
                    <NativeSelect
                      label={t('stock.transfers.reason', { item: lineName(line) })}
                      w={260}
                      value={answers[index]!.reason}
                      error={
                        problems[`lines.${index}.reason`] ? t(errorKey(problems[`lines.${index}.reason`])) : undefined
                      }
                      onChange={(event) => answer(index, { reason: event.currentTarget.value as LineAnswer['reason'] })}
                    >
                      <option value="">{t('stock.transfers.chooseReason')}</option>
                      {transferWriteOffReasons.map((reason) => (
                        <option key={reason} value={reason}>
                          {t(`stock.writeOffReasons.${reason}`)}
                        </option>
                      ))}
                    </NativeSelect>
                  )}
                </>
              )}
            </Stack>
          );
        })}
        <LimitedTextarea
          label={t('stock.note')}
          rows={2}
          limit={noteLimit}
          length={note.length}
          value={note}
          error={problems.note ? t(errorKey(problems.note)) : undefined}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <DialogProblem problems={problems} shownFields={[...shownFields, 'note']} />
        <Group>
          <Button type="submit" loading={receive.isPending}>
            {t('stock.transfers.confirmReceipt')}
          </Button>
          <Button variant="default" onClick={() => onDone(null)}>
            {t('stock.transfers.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelTransfer({ transfer, onDone }: { transfer: Transfer; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const cancel = useCancelTransfer();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { transferId: transfer.id, reason };
    const checked = checkWith(cancelTransferInput, input);
    if (!checked.success) return setProblems(problemsOf(checked.issues));
    try {
      await cancel.mutateAsync(input);
      onDone(t('stock.transfers.cancelled', { from: shown(transfer.fromSiteName) }));
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };
  return (
    <form noValidate aria-label={t('stock.transfers.cancelHeading')} onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        <Text>{t('stock.transfers.cancelHint', { from: shown(transfer.fromSiteName) })}</Text>
        <LimitedTextarea
          label={t('stock.transfers.cancelReason')}
          withAsterisk
          aria-required
          data-autofocus
          rows={2}
          limit={reasonLimit}
          length={reason.length}
          value={reason}
          error={problems.reason ? t(errorKey(problems.reason)) : undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <DialogProblem problems={problems} shownFields={['reason']} />
        <Group>
          <Button type="submit" color="red.9" loading={cancel.isPending}>
            {t('stock.transfers.confirmCancel')}
          </Button>
          <Button variant="default" onClick={() => onDone(null)}>
            {t('stock.transfers.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WriteOffTransfer({ transfer, onDone }: { transfer: Transfer; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const quantities = useQuantities();
  const writeOff = useWriteOffTransfer();
  const [reason, setReason] = useState<TransferWriteOffReason | ''>('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const inTransit = transfer.lines.reduce((total, line) => total + line.inTransit, 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      transferId: transfer.id,
      ...(reason === '' ? {} : { reason }),
      ...(note.trim() === '' ? {} : { note }),
    };
    const checked = checkWith(writeOffTransferInput, input);
    if (!checked.success) return setProblems(problemsOf(checked.issues));
    try {
      // As typed, once the check has found its reason (the parsed input would add a null note).
      await writeOff.mutateAsync(input as WriteOffTransferInput);
      onDone(t('stock.transfers.writtenOff'));
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };
  return (
    <form noValidate aria-label={t('stock.transfers.writeOffHeading')} onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        <Text>{t('stock.transfers.writeOffHint', { units: quantities.units(inTransit) })}</Text>
        <NativeSelect
          label={t('stock.transfers.writeOffReason')}
          withAsterisk
          aria-required
          data-autofocus
          w={260}
          value={reason}
          error={problems.reason ? t(errorKey(problems.reason)) : undefined}
          onChange={(event) => setReason(event.currentTarget.value as TransferWriteOffReason | '')}
        >
          <option value="">{t('stock.transfers.chooseReason')}</option>
          {transferWriteOffReasons.map((value) => (
            <option key={value} value={value}>
              {t(`stock.writeOffReasons.${value}`)}
            </option>
          ))}
        </NativeSelect>
        <LimitedTextarea
          label={t('stock.note')}
          rows={2}
          limit={noteLimit}
          length={note.length}
          value={note}
          error={problems.note ? t(errorKey(problems.note)) : undefined}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <DialogProblem problems={problems} shownFields={['reason', 'note']} />
        <Group>
          <Button type="submit" color="red.9" loading={writeOff.isPending}>
            {t('stock.transfers.confirmWriteOff')}
          </Button>
          <Button variant="default" onClick={() => onDone(null)}>
            {t('stock.transfers.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Action = { kind: 'confirm' | 'cancel' | 'writeOff'; transfer: Transfer };

const actionTitle = {
  confirm: 'stock.transfers.confirmHeading',
  cancel: 'stock.transfers.cancelHeading',
  writeOff: 'stock.transfers.writeOffHeading',
} as const;

export function TransfersList() {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const quantities = useQuantities();
  const lineName = useLineName();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<TransferStatus | typeof allStatuses>('in_transit');
  const transfers = useTransfers(status === allStatuses ? {} : { status });
  const [action, setAction] = useState<Action | null>(null);
  // A new object per action done, so the focus moves again after a second one alike.
  const [done, setDone] = useState<{ text: string } | null>(null);
  const [savedLast, setSavedLast] = useState(false);
  const canConfirm = useAllowed('inventory.receiveTransfer');
  const canCancel = useAllowed('inventory.cancelTransfer');
  const canWriteOff = useAllowed('inventory.writeOffTransfer');

  const start = (next: Action) => {
    setSavedLast(false);
    setAction(next);
  };
  const finish = (message: string | null) => {
    if (message !== null) {
      setSavedLast(true);
      setDone({ text: message });
    }
    setAction(null);
  };
  // The row may have left the list it was in: the list's heading takes the focus instead of its button.
  useEffect(() => {
    if (done !== null) heading.current?.focus();
  }, [done]);

  let content;
  if (transfers.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (transfers.isError) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(transfers.error)))}</Text>
      </Alert>
    );
  } else if (transfers.data.length === 0) {
    content = <Text>{status === 'in_transit' ? t('stock.transfers.noneInTransit') : t('stock.transfers.none')}</Text>;
  } else {
    content = (
      <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.transfers.sentAt')}</Table.Th>
            <Table.Th>{t('stock.transfers.from')}</Table.Th>
            <Table.Th>{t('stock.transfers.to')}</Table.Th>
            <Table.Th>{t('stock.transfers.lines')}</Table.Th>
            <Table.Th>{t('stock.transfers.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('stock.transfers.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {transfers.data.map((transfer) => {
            const open = transfer.status === 'in_transit';
            const untouched = transfer.lines.every((line) => line.inTransit === line.sent);
            const which = {
              from: shown(transfer.fromSiteName),
              to: shown(transfer.toSiteName),
              date: format.date(transfer.localDate),
            };
            return (
              <Table.Tr key={transfer.id}>
                <Table.Td data-label={t('stock.transfers.sentAt')}>
                  <time dateTime={transfer.sentAt}>{format.dateTime(transfer.sentAt)}</time>
                </Table.Td>
                <Table.Td data-label={t('stock.transfers.from')}>{shown(transfer.fromSiteName)}</Table.Td>
                <Table.Td data-label={t('stock.transfers.to')}>{shown(transfer.toSiteName)}</Table.Td>
                <Table.Td data-label={t('stock.transfers.lines')}>
                  <Stack gap={2}>
                    {transfer.lines.map((line) => (
                      <Text key={line.line}>
                        {t('stock.transfers.lineSummary', {
                          item: lineName(line),
                          sent: quantities.both(line.sent, line.unitsPerPack),
                        })}
                        {line.received > 0 &&
                          line.received < line.sent &&
                          ` · ${t('stock.transfers.lineReceived', { units: quantities.units(line.received) })}`}
                        {line.inTransit > 0 &&
                          line.inTransit < line.sent &&
                          ` · ${t('stock.transfers.lineInTransit', { units: quantities.units(line.inTransit) })}`}
                        {line.writtenOff > 0 &&
                          ` · ${t('stock.transfers.lineWrittenOff', { units: quantities.units(line.writtenOff) })}`}
                      </Text>
                    ))}
                    {transfer.reference && (
                      <Text c="gray.8">{t('stock.transfers.referenceLine', { reference: transfer.reference })}</Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td data-label={t('stock.transfers.status')}>
                  {t(`stock.transferStatus.${transfer.status}`)}
                </Table.Td>
                <Table.Td>
                  {open && (
                    <Group gap="xs">
                      {canConfirm && (
                        <Button
                          size="compact-sm"
                          aria-label={t('stock.transfers.confirmOne', which)}
                          onClick={() => start({ kind: 'confirm', transfer })}
                        >
                          {t('stock.transfers.confirmReceipt')}
                        </Button>
                      )}
                      {canCancel && untouched && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('stock.transfers.cancelOne', which)}
                          onClick={() => start({ kind: 'cancel', transfer })}
                        >
                          {t('stock.transfers.cancel')}
                        </Button>
                      )}
                      {canWriteOff && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('stock.transfers.writeOffOne', which)}
                          onClick={() => start({ kind: 'writeOff', transfer })}
                        >
                          {t('stock.transfers.writeOff')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </StackingTable>
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} id={headingId} ref={heading} tabIndex={-1}>
          {t('stock.transfers.heading')}
        </Title>
        <NativeSelect
          label={t('stock.transfers.statusFilter')}
          w={220}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as TransferStatus | typeof allStatuses)}
        >
          {transferStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`stock.transferStatus.${value}`)}
            </option>
          ))}
          <option value={allStatuses}>{t('stock.transfers.allStatuses')}</option>
        </NativeSelect>
      </Group>
      <Text role="status" c="green.9" fw={600} mb={done ? 'sm' : 0}>
        {done?.text}
      </Text>
      {content}
      <Modal
        opened={action !== null}
        onClose={() => finish(null)}
        title={action ? t(actionTitle[action.kind]) : ''}
        size="lg"
        returnFocus={!savedLast}
        closeButtonProps={{ 'aria-label': t('stock.transfers.close') }}
      >
        {action?.kind === 'confirm' && <ConfirmReceipt transfer={action.transfer} onDone={finish} />}
        {action?.kind === 'cancel' && <CancelTransfer transfer={action.transfer} onDone={finish} />}
        {action?.kind === 'writeOff' && <WriteOffTransfer transfer={action.transfer} onDone={finish} />}
      </Modal>
    </section>
  );
}
