import { Alert, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonLimit, voidEntryInput } from '@contract/field-entries';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import type { FieldEntry } from '@contract/field-entries';
import { useVoidEntry } from './hooks';
import { errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { EntryHistory } from './EntryHistory';
import { EntryWho, SuppliesSummary, TakenBack, useReversalText, useUnmetText } from './entryParts';
import { LogEncounterForm } from './LogEncounterForm';
import { LogFormLoader } from './LogEncounterScreen';
import { useReasonStep } from '../../lib/reasonStep';

type Mode = 'view' | 'void' | 'correct';
type Notice = 'voided' | 'corrected' | null;

function EntryFields({ entry }: { entry: FieldEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const reversalText = useReversalText();
  const unmetText = useUnmetText();
  const shown = useSeededName();
  const none = t('detail.none');
  // Spanish agrees the word with what is missing: a note and requests are feminine.
  const noneFemale = t('detail.none', { context: 'female' });
  const rows: { key: string; label: string; value: ReactNode }[] = [
    {
      key: 'status',
      label: t('detail.status'),
      value: entry.status === 'voided' ? t('entries.statusVoided') : t('entries.statusActive'),
    },
  ];
  if (entry.status === 'voided')
    rows.push({ key: 'voidReason', label: t('detail.voidReason'), value: <TakenBack entry={entry} /> });
  rows.push(
    {
      key: 'occurredAt',
      label: t('detail.occurredAt'),
      value: <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>,
    },
    { key: 'site', label: t('detail.site'), value: shown(entry.siteName) },
  );
  if (entry.kind === 'encounter') {
    rows.push(
      { key: 'participant', label: t('detail.participant'), value: <EntryWho entry={entry} /> },
      { key: 'contactType', label: t('detail.contactType'), value: t(`contactTypes.${entry.contactType}`) },
      { key: 'onBehalfOf', label: t('detail.onBehalfOf'), value: format.number(entry.onBehalfOf) },
    );
  } else {
    rows.push({ key: 'contacts', label: t('detail.contacts'), value: format.number(entry.contacts) });
  }
  rows.push(
    { key: 'supplies', label: t('detail.supplies'), value: <SuppliesSummary entry={entry} /> },
    {
      key: 'collected',
      label: t('detail.collected'),
      value: t('detail.collectedDetail', {
        counted: format.number(entry.collected.counted),
        estimated: format.number(entry.collected.estimated),
        total: format.number(entry.collected.total),
      }),
    },
    {
      key: 'services',
      label: t('detail.services'),
      value:
        entry.services.length === 0 ? (
          none
        ) : (
          <Stack gap={2}>
            {entry.services.map((service) => (
              <span key={service.id}>{shown(service.name)}</span>
            ))}
          </Stack>
        ),
    },
    {
      key: 'reversals',
      label: t('detail.reversals'),
      value:
        entry.reversals.length === 0 ? (
          none
        ) : (
          <Stack gap={2}>
            {entry.reversals.map((reversal, index) => (
              <span key={index}>{reversalText(reversal)}</span>
            ))}
          </Stack>
        ),
    },
    {
      key: 'unmetRequests',
      label: t('detail.unmetRequests'),
      value:
        entry.unmetRequests.length === 0 ? (
          noneFemale
        ) : (
          <Stack gap={2}>
            {entry.unmetRequests.map((request) => (
              <span key={request.itemId}>{unmetText(request)}</span>
            ))}
          </Stack>
        ),
    },
    { key: 'note', label: t('detail.note'), value: entry.note ?? noneFemale },
    { key: 'revision', label: t('detail.revision'), value: format.number(entry.revision) },
    { key: 'loggedBy', label: t('detail.loggedBy'), value: shown(entry.loggedBy) },
    {
      key: 'loggedAt',
      label: t('detail.loggedAt'),
      value: <time dateTime={entry.loggedAt}>{format.dateTime(entry.loggedAt)}</time>,
    },
    { key: 'changedBy', label: t('detail.changedBy'), value: shown(entry.changedBy) },
    {
      key: 'changedAt',
      label: t('detail.changedAt'),
      value: <time dateTime={entry.changedAt}>{format.dateTime(entry.changedAt)}</time>,
    },
    { key: 'changeReason', label: t('detail.changeReason'), value: entry.changeReason ?? none },
  );
  return (
    <Table variant="vertical" layout="fixed" withTableBorder aria-label={t('detail.fields')}>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row" w="40%">
              {row.label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'break-word' }}>{row.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VoidForm({
  entry,
  onVoided,
  onCancel,
}: {
  entry: FieldEntry;
  onVoided: (entry: FieldEntry) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const voidEntry = useVoidEntry();
  const { reason, setReason, reasonError, formError, reasonField, take } = useReasonStep();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (voidEntry.isPending) return;
    await take(voidEntryInput, { id: entry.id, reason }, async (input) =>
      onVoided(await voidEntry.mutateAsync({ kind: entry.kind, ...input })),
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Title order={3}>{t('detail.voidHeading')}</Title>
        <Text>{t('detail.voidHint')}</Text>
        <LimitedTextarea
          ref={reasonField}
          label={t('detail.voidReasonLabel')}
          withAsterisk
          aria-required
          rows={3}
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
          <Button type="submit" color="red.9" loading={voidEntry.isPending}>
            {t('detail.confirmVoid')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('detail.cancelVoid')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CorrectionForm({
  entry,
  onCorrected,
  onCancel,
}: {
  entry: FieldEntry;
  onCorrected: (entry: FieldEntry) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack gap="sm">
      <Title order={3}>{t('detail.correctHeading')}</Title>
      <Text>{t('detail.correctHint', { revision: format.number(entry.revision) })}</Text>
      <LogFormLoader>
        {(context) => <LogEncounterForm context={context} correction={{ entry, onCorrected, onCancel }} />}
      </LogFormLoader>
    </Stack>
  );
}

function DetailBody({ entry, onChange }: { entry: FieldEntry; onChange: (entry: FieldEntry) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<Notice>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const voidButton = useRef<HTMLButtonElement>(null);
  const correctButton = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<'notice' | 'void' | 'correct' | null>(null);

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'notice') noticeRef.current?.focus();
    else if (target === 'void') voidButton.current?.focus();
    else correctButton.current?.focus();
  });

  const backToView = (focus: 'notice' | 'void' | 'correct', nextNotice: Notice = null) => {
    setNotice(nextNotice);
    setMode('view');
    pendingFocus.current = focus;
  };

  return (
    <Stack gap="md">
      <div ref={noticeRef} tabIndex={-1} role="status" aria-live="polite">
        {notice && (
          <Text fw={700} c="teal.9">
            {notice === 'voided' ? t('detail.voided') : t('detail.corrected')}
          </Text>
        )}
      </div>
      {mode === 'correct' ? (
        <CorrectionForm
          entry={entry}
          onCorrected={(corrected) => {
            onChange(corrected);
            backToView('notice', 'corrected');
          }}
          onCancel={() => backToView('correct')}
        />
      ) : (
        <>
          <EntryFields entry={entry} />
          {entry.status === 'active' && mode === 'view' && (
            <Group>
              <Button ref={correctButton} variant="default" onClick={() => setMode('correct')}>
                {entry.kind === 'tally' ? t('detail.correctTally') : t('detail.correct')}
              </Button>
              <Button ref={voidButton} variant="outline" color="red.9" onClick={() => setMode('void')}>
                {t('detail.void')}
              </Button>
            </Group>
          )}
          {entry.status === 'active' && mode === 'void' && (
            <VoidForm
              entry={entry}
              onVoided={(voided) => {
                onChange(voided);
                backToView('notice', 'voided');
              }}
              onCancel={() => backToView('void')}
            />
          )}
          <EntryHistory entry={entry} />
        </>
      )}
    </Stack>
  );
}

/** The chosen entry in a drawer: every field, and the ways to void or correct it. */
export function EntryDetail({
  entry,
  onChange,
  onClose,
}: {
  entry: FieldEntry | null;
  onChange: (entry: FieldEntry) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const title = entry?.kind === 'tally' ? t('detail.tallyTitle') : t('detail.encounterTitle');
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={title}
      returnFocus={false}
      closeButtonProps={{ 'aria-label': t('detail.close') }}
      styles={{ title: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700 } }}
    >
      {/* Keyed by entry: another entry starts on its details, with no leftover form. */}
      {entry && <DetailBody key={entry.id} entry={entry} onChange={onChange} />}
    </Drawer>
  );
}
