/**
 * One count: a number field per line, entered by keyboard (Enter saves and moves to the next line,
 * Tab saves and moves on), in units or in packs as chosen; coordinators also see what the ledger
 * expects and the difference, post the count with a confirmation of the corrections it makes, or
 * cancel it. What arrived dated before the count is listed for review, and a blind sheet prints.
 */
import { Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Count } from '@contract/counts';
import { noteLimit, reasonLimit } from '@contract/fields';
import { useAllowed } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LimitedTextarea } from '../../../components/LimitedTextarea';
import { StackingTable } from '../../../components/StackingTable';
import { errorCodeOf, errorKey } from '../../../i18n/errors';
import { useFormatters } from '../../../i18n/format';
import { useSeededName } from '../../../i18n/seededNames';
import { numberFromText } from '../../../lib/contractResolver';
import { useQuantities } from '../stockParts';
import { CountPrintSheet } from './CountPrintSheet';
import { otherProblem, refusalProblems, type Problems } from './CountTab';
import { AddCountLine } from './AddCountLine';
import { useCancelCount, useCount, useEnterCount, usePostCount } from './countHooks';

type Line = Count['lines'][number];
type EntryIn = 'units' | 'packs';

/** The item of a line, with its lot when it has one (or says it has none, for an item tracked by lot). */
export function useCountLineName() {
  const { t } = useTranslation();
  const shown = useSeededName();
  return (line: Line) =>
    line.lotNumber
      ? t('stock.count.itemWithLot', { item: shown(line.itemName), lot: line.lotNumber })
      : line.tracksLots
        ? t('stock.count.itemWithoutLot', { item: shown(line.itemName) })
        : shown(line.itemName);
}

function PostDialog({ count, onClose }: { count: Count; onClose: () => void }) {
  const { t } = useTranslation();
  const quantities = useQuantities();
  const lineName = useCountLineName();
  const post = usePostCount();
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const corrections = count.lines.filter((line) => line.difference !== null && line.difference !== 0);
  const uncounted = count.lines.filter((line) => line.counted === null).length;
  const confirm = async () => {
    try {
      await post.mutateAsync({ countId: count.id, ...(note.trim() === '' ? {} : { note }) });
      onClose();
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('stock.count.postHeading')} size="lg">
      <Stack gap="md">
        {corrections.length === 0 ? (
          <Text>{t('stock.count.noCorrections')}</Text>
        ) : (
          <>
            <Text>{t('stock.count.correctionsIntro', { count: corrections.length })}</Text>
            <Stack gap={4} component="ul" m={0} pl="lg">
              {corrections.map((line) => (
                <Text component="li" key={line.line}>
                  {t('stock.count.correctionLine', {
                    item: lineName(line),
                    counted: quantities.units(line.counted!),
                    expected: quantities.units(line.expected),
                    difference: `${line.difference! > 0 ? '+' : ''}${quantities.units(line.difference!)}`,
                  })}
                </Text>
              ))}
            </Stack>
          </>
        )}
        {uncounted > 0 && <Text fw={600}>{t('stock.count.uncountedLeft', { count: uncounted })}</Text>}
        <LimitedTextarea
          label={t('stock.note')}
          rows={2}
          limit={noteLimit}
          length={note.length}
          value={note}
          error={problems.note ? t(errorKey(problems.note)) : undefined}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <ErrorAlert code={otherProblem(problems, ['note'])} />
        <Group>
          <Button onClick={() => void confirm()} loading={post.isPending}>
            {t('stock.count.confirmPost')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('stock.count.back')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CancelDialog({ count, onClose }: { count: Count; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelCount();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const confirm = async () => {
    try {
      await cancel.mutateAsync({ countId: count.id, reason });
      onClose();
    } catch (error) {
      setProblems(refusalProblems(error));
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('stock.count.cancelHeading')}>
      <Stack gap="md">
        <Text>{t('stock.count.cancelIntro')}</Text>
        <LimitedTextarea
          label={t('stock.count.cancelReason')}
          rows={2}
          limit={reasonLimit}
          length={reason.length}
          value={reason}
          error={problems.reason ? t(errorKey(problems.reason)) : undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <ErrorAlert code={otherProblem(problems, ['reason'])} />
        <Group>
          <Button color="red" onClick={() => void confirm()} loading={cancel.isPending}>
            {t('stock.count.confirmCancel')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('stock.count.back')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ArrivedLate({ count }: { count: Count }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const lineName = useCountLineName();
  const lines = new Map(count.lines.map((line) => [line.line, line]));
  const columns = {
    item: t('stock.count.columns.item'),
    occurredAt: t('stock.count.columns.occurredAt'),
    arrivedAt: t('stock.count.columns.arrivedAt'),
    source: t('stock.count.columns.source'),
    units: t('stock.count.columns.units'),
    effect: t('stock.count.columns.effect'),
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('stock.count.lateHeading')}
      </Title>
      <Text>{t('stock.count.lateIntro')}</Text>
      {count.arrivedLate.length === 0 ? (
        <Text>{t('stock.count.lateNone')}</Text>
      ) : (
        <StackingTable>
          <Table.Thead>
            <Table.Tr>
              {Object.values(columns).map((label) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {count.arrivedLate.map((late, index) => (
              <Table.Tr key={index}>
                <Table.Td data-label={columns.item}>{lineName(lines.get(late.line)!)}</Table.Td>
                <Table.Td data-label={columns.occurredAt}>{format.dateTime(late.occurredAt)}</Table.Td>
                <Table.Td data-label={columns.arrivedAt}>{format.dateTime(late.arrivedAt)}</Table.Td>
                <Table.Td data-label={columns.source}>
                  {t(`stock.count.sources.${late.source.type}`)}
                  {late.reversal && ` · ${t('stock.count.reversal')}`}
                </Table.Td>
                <Table.Td data-label={columns.units}>{quantities.units(late.units)}</Table.Td>
                <Table.Td data-label={columns.effect}>
                  {late.offset ? t('stock.count.lateOffset') : t('stock.count.lateIncluded')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
    </Stack>
  );
}

function CountLines({ count, showExpected }: { count: Count; showExpected: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const quantities = useQuantities();
  const lineName = useCountLineName();
  const enter = useEnterCount();
  const canEnter = useAllowed('inventory.enterCount') && count.status === 'open';
  const [entryIn, setEntryIn] = useState<EntryIn>('units');
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const fields = useRef<(HTMLInputElement | null)[]>([]);
  const columns = {
    item: t('stock.count.columns.item'),
    expiresOn: t('stock.count.columns.expiresOn'),
    packSize: t('stock.count.columns.packSize'),
    ...(canEnter ? { entry: t(`stock.count.columns.entry.${entryIn}`) } : {}),
    counted: t('stock.count.columns.counted'),
    ...(showExpected
      ? { expected: t('stock.count.columns.expected'), difference: t('stock.count.columns.difference') }
      : {}),
  };
  const settle = (line: number, problem: string | null) => {
    setProblems((was) => {
      const { [line]: _dropped, ...rest } = was;
      return problem === null ? rest : { ...rest, [line]: problem };
    });
  };

  const save = async (line: Line, index: number, moveOn: boolean) => {
    const next = () => {
      if (moveOn) fields.current[index + 1]?.focus();
    };
    const text = drafts[line.line];
    if (text === undefined) return next();
    if (text.trim() === '') {
      settle(line.line, line.counted === null ? null : 'counted_required');
      return;
    }
    try {
      await enter.mutateAsync({ countId: count.id, line: line.line, [entryIn]: numberFromText(text) });
      setDrafts(({ [line.line]: _saved, ...rest }) => rest);
      settle(line.line, null);
      next();
    } catch (error) {
      settle(line.line, refusalProblems(error)[''] ?? Object.values(refusalProblems(error))[0] ?? errorCodeOf(error));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, line: Line, index: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void save(line, index, true);
  };

  return (
    <Stack gap="sm">
      {canEnter && (
        <Group gap="sm" align="center">
          <Text size="sm" fw={500} id="count-entry-in">
            {t('stock.count.enterIn')}
          </Text>
          <SegmentedControl
            aria-labelledby="count-entry-in"
            value={entryIn}
            onChange={(value) => {
              setEntryIn(value as EntryIn);
              setDrafts({});
            }}
            data={[
              { value: 'units', label: t('stock.count.inUnits') },
              { value: 'packs', label: t('stock.count.inPacks') },
            ]}
          />
        </Group>
      )}
      <StackingTable>
        <Table.Thead>
          <Table.Tr>
            {Object.values(columns).map((label) => (
              <Table.Th key={label}>{label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {count.lines.map((line, index) => {
            const saved = line.counted === null ? '' : entryIn === 'units' ? String(line.counted) : '';
            return (
              <Table.Tr key={line.line}>
                <Table.Td data-label={columns.item}>{lineName(line)}</Table.Td>
                <Table.Td data-label={columns.expiresOn}>
                  {line.expiresOn ? format.date(line.expiresOn) : t('stock.count.noExpiry')}
                </Table.Td>
                <Table.Td data-label={columns.packSize}>
                  {t('stock.count.packSize', { size: format.number(line.unitsPerPack), unit: line.unit })}
                </Table.Td>
                {canEnter && (
                  <Table.Td data-label={columns.entry}>
                    <TextInput
                      ref={(element) => {
                        fields.current[index] = element;
                      }}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      step={1}
                      w={130}
                      aria-label={t(`stock.count.entryLabel.${entryIn}`, {
                        item: lineName(line),
                        size: format.number(line.unitsPerPack),
                        unit: line.unit,
                      })}
                      value={drafts[line.line] ?? saved}
                      error={problems[line.line] ? t(errorKey(problems[line.line]!)) : undefined}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setDrafts((was) => ({ ...was, [line.line]: value }));
                      }}
                      onKeyDown={(event) => onKeyDown(event, line, index)}
                      onBlur={() => void save(line, index, false)}
                    />
                  </Table.Td>
                )}
                <Table.Td data-label={columns.counted}>
                  {line.counted === null
                    ? t('stock.count.notCounted')
                    : quantities.both(line.counted, line.unitsPerPack)}
                </Table.Td>
                {showExpected && (
                  <>
                    <Table.Td data-label={columns.expected}>
                      {quantities.both(line.expected, line.unitsPerPack)}
                    </Table.Td>
                    <Table.Td data-label={columns.difference}>
                      {line.difference === null
                        ? '—'
                        : `${line.difference > 0 ? '+' : ''}${quantities.units(line.difference)}`}
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </StackingTable>
    </Stack>
  );
}

export function CountSheet({ countId, onClose }: { countId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const format = useFormatters();
  const count = useCount(countId);
  // Coordinators see the ledger's figures; whoever else counts, counts blind.
  const canPost = useAllowed('inventory.postCount');
  const [dialog, setDialog] = useState<'post' | 'cancel' | 'print' | null>(null);
  if (count.isError) return <ErrorAlert code={errorCodeOf(count.error)} />;
  if (!count.data) return <Text>{t('app.loading')}</Text>;
  const data = count.data;
  const open = data.status === 'open';
  const counted = data.lines.filter((line) => line.counted !== null).length;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {t('stock.count.sheetHeading', { site: shown(data.siteName), at: format.dateTime(data.countedAt) })}
          </Title>
          <Text>
            {t(`stock.count.status.${data.status}`)} ·{' '}
            {t('stock.count.progress', { counted, lines: data.lines.length })} ·{' '}
            {t('stock.count.startedBy', { by: data.startedBy })}
          </Text>
          {data.closed && (
            <Text>
              {t(`stock.count.closed.${data.closed.kind}`, { by: data.closed.by, at: format.dateTime(data.closed.at) })}
              {data.closed.note && ` · ${data.closed.note}`}
            </Text>
          )}
        </Stack>
        <Button variant="default" onClick={onClose}>
          {t('stock.count.backToList')}
        </Button>
      </Group>
      {open && <Text>{t('stock.count.enterHint')}</Text>}
      <CountLines count={data} showExpected={canPost} />
      {open && <AddCountLine count={data} />}
      <Group>
        {open && (
          <Button variant="default" onClick={() => setDialog('print')}>
            {t('stock.count.printSheet')}
          </Button>
        )}
        {open && canPost && <Button onClick={() => setDialog('post')}>{t('stock.count.post')}</Button>}
        {open && canPost && (
          <Button variant="outline" color="red" onClick={() => setDialog('cancel')}>
            {t('stock.count.cancel')}
          </Button>
        )}
      </Group>
      {canPost && <ArrivedLate count={data} />}
      {dialog === 'post' && <PostDialog count={data} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDialog count={data} onClose={() => setDialog(null)} />}
      {dialog === 'print' && <CountPrintSheet count={data} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
