/**
 * Participants, for coordinators: codes that may be one person (a near-miss typed for a code that
 * exists), compared side by side and merged with a reason; two codes typed by hand for pairs the
 * list does not find; and the merges made, each of which can be undone.
 */
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useMergedRef } from '@mantine/hooks';
import { useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeParticipantsInput, type DuplicateSide, type ParticipantMerge } from '@contract/participants';
import { useSites } from '../../api/queries';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { lookUpCode, useDuplicates } from './hooks';
import { MergeHistory } from './MergeHistory';
import { MergePanel } from './MergePanel';

type Pair = readonly [DuplicateSide, DuplicateSide];

function DuplicatesList({ onCompare }: { onCompare: (pair: Pair) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const sites = useSites();
  const [siteId, setSiteId] = useState('');
  const duplicates = useDuplicates(siteId);
  const headingId = useId();

  const lastVisitText = (side: DuplicateSide) =>
    side.lastVisit
      ? t('participants.lastVisitShort', {
          code: side.code,
          date: format.dateTime(side.lastVisit.occurredAt),
          site: shown(side.lastVisit.siteName),
        })
      : t('participants.noVisitsFor', { code: side.code });

  let body;
  if (duplicates.isPending) body = <Text c="gray.8">{t('app.loading')}</Text>;
  else if (duplicates.error)
    body = (
      <Alert color="red" variant="outline" role="alert">
        <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(duplicates.error)))}</Text>
      </Alert>
    );
  else if (duplicates.data.length === 0) body = <Text c="gray.8">{t('participants.noDuplicates')}</Text>;
  else
    body = (
      <StackingTable aria-labelledby={headingId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('participants.codes')}</Table.Th>
            <Table.Th scope="col">{t('participants.sharedSites')}</Table.Th>
            <Table.Th scope="col">{t('participants.visitsColumn')}</Table.Th>
            <Table.Th scope="col">{t('participants.lastVisits')}</Table.Th>
            <Table.Th scope="col">{t('participants.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {duplicates.data.map((pair) => (
            <Table.Tr key={`${pair.first.participantId}:${pair.second.participantId}`}>
              <Table.Td data-label={t('participants.codes')}>
                <Text fw={700} span>
                  {t('participants.pairCodes', { first: pair.first.code, second: pair.second.code })}
                </Text>
                <Text c="gray.8">{t('participants.distance', { count: pair.distance })}</Text>
              </Table.Td>
              <Table.Td data-label={t('participants.sharedSites')}>
                {format.list(pair.sharedSites.map((site) => shown(site.siteName)))}
              </Table.Td>
              <Table.Td data-label={t('participants.visitsColumn')}>
                {t('participants.visitsPair', {
                  first: format.number(pair.first.visits),
                  second: format.number(pair.second.visits),
                })}
              </Table.Td>
              <Table.Td data-label={t('participants.lastVisits')}>
                <Stack gap={2}>
                  <span>{lastVisitText(pair.first)}</span>
                  <span>{lastVisitText(pair.second)}</span>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Button
                  size="sm"
                  variant="default"
                  aria-label={t('participants.compareLabel', { first: pair.first.code, second: pair.second.code })}
                  onClick={() => onCompare([pair.first, pair.second])}
                >
                  {t('participants.compare')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        {t('participants.duplicatesHeading')}
      </Title>
      <Text>{t('participants.duplicatesHint')}</Text>
      <NativeSelect
        label={t('participants.site')}
        value={siteId}
        onChange={(event) => setSiteId(event.currentTarget.value)}
        maw={320}
      >
        <option value="">{t('participants.allSites')}</option>
        {(sites.data ?? []).map((site) => (
          <option key={site.id} value={site.id}>
            {shown(site.name)}
          </option>
        ))}
      </NativeSelect>
      {body}
    </Stack>
  );
}

type CodeField = 'first' | 'second';

/** Two codes typed by hand, each looked up (with its visits) before they can be compared and merged. */
function MergeByHand({ onCompare }: { onCompare: (pair: Pair) => void }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<Record<CodeField, string>>({ first: '', second: '' });
  const [errors, setErrors] = useState<Partial<Record<CodeField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const fields = { first: useRef<HTMLInputElement>(null), second: useRef<HTMLInputElement>(null) };
  const headingId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (looking) return;
    const found: Partial<Record<CodeField, string>> = {};
    const parsed: Partial<Record<CodeField, string>> = {};
    for (const field of ['first', 'second'] as const) {
      // The contract's rule for a code, so the core is never asked about one it would refuse.
      const checked = mergeParticipantsInput.shape.fromCode.safeParse(codes[field]);
      if (checked.success) parsed[field] = checked.data;
      else found[field] = checked.error.issues[0]?.message ?? 'participant_code_format';
    }
    if (parsed.first !== undefined && parsed.first === parsed.second) found.second = 'participant_merge_same';
    setFormError(null);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      fields[found.first ? 'first' : 'second'].current?.focus();
      return;
    }
    setLooking(true);
    try {
      const [first, second] = await Promise.all([lookUpCode(parsed.first!), lookUpCode(parsed.second!)]);
      const missing: Partial<Record<CodeField, string>> = {};
      if (!first) missing.first = 'participant_not_found';
      if (!second) missing.second = 'participant_not_found';
      setErrors(missing);
      if (first && second) onCompare([first, second]);
      else fields[missing.first ? 'first' : 'second'].current?.focus();
    } catch (error) {
      setFormError(errorCodeOf(error));
    } finally {
      setLooking(false);
    }
  };

  const codeInput = (field: CodeField) => (
    <TextInput
      ref={fields[field]}
      label={t(`participants.${field}Code`)}
      value={codes[field]}
      autoComplete="off"
      spellCheck={false}
      error={errors[field] ? t(errorKey(errors[field])) : undefined}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setCodes((current) => ({ ...current, [field]: value }));
      }}
    />
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        {t('participants.byHandHeading')}
      </Title>
      <Text>{t('participants.byHandHint')}</Text>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Group align="flex-start">
          {codeInput('first')}
          {codeInput('second')}
          <Button type="submit" mt={25} loading={looking}>
            {t('participants.compare')}
          </Button>
        </Group>
        {formError && (
          <Alert color="red" variant="outline" role="alert" mt="sm">
            <Text c="var(--mantine-color-error)">{t(errorKey(formError))}</Text>
          </Alert>
        )}
      </form>
    </Stack>
  );
}

export function ParticipantsScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const ownHeading = useRef<HTMLHeadingElement>(null);
  const heading = useMergedRef(ownHeading, headingRef);
  const [pair, setPair] = useState<Pair | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const announce = (text: string) => {
    setNotice(text);
    // After the panel closes, so the focus does not fall to the page's start.
    setTimeout(() => noticeRef.current?.focus(), 0);
  };
  const compare = (chosen: Pair) => {
    setNotice(null);
    setPair(chosen);
  };

  return (
    <Stack gap="lg">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('participants.heading')}
      </Title>
      <Text>{t('participants.intro')}</Text>
      <div ref={noticeRef} tabIndex={-1} role="status" aria-live="polite">
        {notice && (
          <Alert color="green" variant="light">
            <Text>{notice}</Text>
          </Alert>
        )}
      </div>
      {pair && (
        <MergePanel
          key={`${pair[0].code}:${pair[1].code}`}
          pair={pair}
          onCancel={() => setPair(null)}
          onMerged={(merge: ParticipantMerge) => {
            setPair(null);
            announce(t('participants.merged', { from: merge.fromCode, into: merge.intoCode }));
          }}
        />
      )}
      <DuplicatesList onCompare={compare} />
      <MergeByHand onCompare={compare} />
      <MergeHistory
        onUnmerged={(unmerge) =>
          announce(t('participants.unmerged', { from: unmerge.fromCode, into: unmerge.intoCode }))
        }
      />
    </Stack>
  );
}
