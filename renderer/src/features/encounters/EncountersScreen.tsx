import {
  Alert,
  Button,
  Checkbox,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMergedRef } from '@mantine/hooks';
import { useEffect, useId, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemOptions } from '../../components/ItemOptions';
import { StackingTable } from '../../components/StackingTable';
import type { FieldEntry } from '@contract/field-entries';
import { useItems, useSettings, useSites } from '../../api/queries';
import type { ParticipantSearchResult } from '@contract/participants';
import { useFieldEntries, useParticipantSearch, useStaff } from './hooks';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { EntryDetail } from './EntryDetail';
import { EntryWho, SuppliesSummary, TakenBack } from './entryParts';
import { CodeFilterField } from './CodeFilterField';
import {
  dateRangeProblem,
  defaultFilters,
  participantCodeProblem,
  toListInput,
  type EntryFilters,
} from './entryFilters';

function EntryRow({ entry, onOpen }: { entry: FieldEntry; onOpen: (entry: FieldEntry) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const time = format.dateTime(entry.occurredAt);
  const voided = entry.status === 'voided';
  return (
    <Table.Tr data-status={entry.status}>
      <Table.Td data-label={t('entries.time')}>
        <time dateTime={entry.occurredAt}>{time}</time>
      </Table.Td>
      <Table.Td data-label={t('entries.kind')}>
        {entry.kind === 'encounter' ? t('entries.encounter') : t('entries.tally')}
      </Table.Td>
      <Table.Td data-label={t('entries.site')}>{shown(entry.siteName)}</Table.Td>
      <Table.Td data-label={t('entries.participant')}>
        <EntryWho entry={entry} />
      </Table.Td>
      <Table.Td data-label={t('entries.supplies')}>
        <SuppliesSummary entry={entry} />
      </Table.Td>
      <Table.Td data-label={t('entries.loggedBy')}>{shown(entry.loggedBy)}</Table.Td>
      <Table.Td data-label={t('entries.status')}>
        {voided ? (
          <Stack gap={2}>
            <Text component="span" fw={700} c="red.9">
              {t('entries.statusVoided')}
            </Text>
            {(entry.voidReason || entry.voidKind === 'undo') && (
              <span>
                <TakenBack entry={entry} />
              </span>
            )}
          </Stack>
        ) : (
          t('entries.statusActive')
        )}
      </Table.Td>
      <Table.Td>
        <Button
          variant="default"
          size="sm"
          data-entry-open={entry.id}
          aria-label={t(entry.kind === 'encounter' ? 'entries.openEncounter' : 'entries.openTally', { time })}
          onClick={() => onOpen(entry)}
        >
          {t('entries.open')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** What the code filter offers and says, as the list worked it out from what was typed. */
interface CodeFilterState {
  matches: ParticipantSearchResult[];
  matchesCurrent: boolean;
  onChoose: (result: ParticipantSearchResult) => void;
  error: string | undefined;
  description: string | undefined;
}

function Filters({
  filters,
  onChange,
  code,
  dateError,
}: {
  filters: EntryFilters;
  onChange: (next: EntryFilters) => void;
  code: CodeFilterState;
  dateError: string | null;
}) {
  const { t } = useTranslation();
  const sites = useSites();
  const staff = useStaff();
  const items = useItems();
  const shown = useSeededName();
  const set = <K extends keyof EntryFilters>(key: K, value: EntryFilters[K]) => onChange({ ...filters, [key]: value });

  return (
    <form role="search" aria-label={t('entries.filters')} onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          type="date"
          label={t('entries.from')}
          value={filters.from}
          onChange={(event) => set('from', event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('entries.to')}
          value={filters.to}
          error={dateError ? t(errorKey(dateError)) : undefined}
          onChange={(event) => set('to', event.currentTarget.value)}
        />
        <NativeSelect
          label={t('entries.site')}
          value={filters.siteId}
          onChange={(event) => set('siteId', event.currentTarget.value)}
        >
          <option value="">{t('entries.allSites')}</option>
          {(sites.data ?? []).map((site) => (
            <option key={site.id} value={site.id}>
              {shown(site.name)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('entries.staff')}
          value={filters.staffId}
          onChange={(event) => set('staffId', event.currentTarget.value)}
        >
          <option value="">{t('entries.allStaff')}</option>
          {(staff.data ?? []).map((member) => (
            <option key={member.id} value={member.id}>
              {shown(member.displayName)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('entries.item')}
          value={filters.itemId}
          onChange={(event) => set('itemId', event.currentTarget.value)}
        >
          <option value="">{t('entries.allItems')}</option>
          <ItemOptions items={items.data ?? []} />
        </NativeSelect>
        <CodeFilterField
          value={filters.participantCode}
          onChange={(value) => set('participantCode', value)}
          {...code}
        />
        <Checkbox
          label={t('entries.showVoided')}
          checked={filters.includeVoided}
          onChange={(event) => set('includeVoided', event.currentTarget.checked)}
          mt={{ base: 0, md: 34 }}
          size="md"
        />
      </SimpleGrid>
    </form>
  );
}

export function EncountersScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const ownHeading = useRef<HTMLHeadingElement>(null);
  const heading = useMergedRef(ownHeading, headingRef);
  // "Today" is the program's today: the core dates entries in the program's time zone.
  const settings = useSettings();
  return (
    <Stack gap="md">
      <Title order={1} id={headingId} ref={heading} tabIndex={-1}>
        {t('entries.heading')}
      </Title>
      {settings.isPending ? (
        <Text>{t('app.loading')}</Text>
      ) : (
        <EntryList headingId={headingId} heading={ownHeading} timeZone={settings.data?.timeZone} />
      )}
    </Stack>
  );
}

/**
 * The code filter: what was typed (after a pause) is searched for as the log screen searches, and
 * the list is narrowed to a code once it is one: picked from the matches, or typed in full. A code
 * that matches no one says so at the field, and the list waits rather than showing nothing.
 * `filterBy` is the code to list (empty for none), or null while there is none to list yet.
 */
function useCodeFilter(filters: EntryFilters, setFilters: (next: EntryFilters) => void) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(filters.participantCode, 200);
  // A code just picked needs no pause.
  const typed = chosen !== null && filters.participantCode === chosen ? chosen : debounced;
  const formatError = participantCodeProblem(typed);
  const query = formatError ? '' : typed.trim().toUpperCase();
  const search = useParticipantSearch(query);
  const matches = query === '' ? [] : (search.data ?? []);
  const searched = query !== '' && search.isSuccess && !search.isPlaceholderData;
  const noOne = searched && matches.length === 0;
  const known = chosen === query || (searched && matches.some((match) => match.code === query));
  // A search that failed leaves the code as typed, as the list had it before the search.
  const filterBy = query === '' || known || search.isError ? query : null;

  const onChoose = (result: ParticipantSearchResult) => {
    setChosen(result.code);
    setFilters({ ...filters, participantCode: result.code });
  };
  let error: string | undefined;
  if (formatError) error = t(errorKey(formatError));
  else if (noOne) error = t('entries.codeMatchesNoOne', { code: query });
  return {
    filterBy,
    searched,
    field: {
      matches,
      matchesCurrent: searched && query === filters.participantCode.trim().toUpperCase(),
      onChoose,
      error,
      description: searched && filterBy === null && !noOne ? t('entries.chooseCodeHint') : undefined,
    } satisfies CodeFilterState,
  };
}

function EntryList({
  headingId,
  heading,
  timeZone,
}: {
  headingId: string;
  heading: RefObject<HTMLHeadingElement | null>;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const ownHeading = heading;
  const [filters, setFilters] = useState<EntryFilters>(() => defaultFilters(new Date(), timeZone));
  const dateError = dateRangeProblem(filters);
  const code = useCodeFilter(filters, setFilters);
  const listInput = toListInput({ ...filters, participantCode: code.filterBy ?? '' });
  const entries = useFieldEntries(listInput, dateError === null && code.filterBy !== null);
  const [selected, setSelected] = useState<FieldEntry | null>(null);
  const format = useFormatters();

  // When the detail closes, focus goes back to the row's Open button, or to the heading when the row has gone.
  const lastOpened = useRef<string | null>(null);
  useEffect(() => {
    if (selected !== null || lastOpened.current === null) return;
    const id = lastOpened.current;
    const timer = window.setTimeout(() => {
      const opener = document.querySelector<HTMLElement>(`[data-entry-open="${id}"]`);
      if (opener) opener.focus();
      else ownHeading.current?.focus();
    }, 250);
    return () => window.clearTimeout(timer);
  }, [selected, ownHeading]);

  const open = (entry: FieldEntry) => {
    lastOpened.current = entry.id;
    setSelected(entry);
  };

  // "Show more" keeps its focus while it loads (it is marked busy, not disabled), then hands focus
  // to the first entry it brought, so the keyboard carries on down the list from there; when it
  // brought none, to the count of entries shown.
  const shownCount = useRef<HTMLParagraphElement>(null);
  const [focusAfterMore, setFocusAfterMore] = useState<{ entryId: string | null } | null>(null);
  useEffect(() => {
    if (!focusAfterMore) return;
    const opener = focusAfterMore.entryId
      ? document.querySelector<HTMLElement>(`[data-entry-open="${focusAfterMore.entryId}"]`)
      : null;
    (opener ?? shownCount.current)?.focus();
  }, [focusAfterMore]);
  const loadingMore = entries.isFetchingNextPage;
  const showMore = () => {
    if (loadingMore) return;
    void entries.fetchNextPage().then((result) => {
      if (result.isError) return;
      setFocusAfterMore({ entryId: result.data?.pages.at(-1)?.entries[0]?.id ?? null });
    });
  };

  let content;
  if (dateError || code.field.error) {
    content = null;
  } else if (code.filterBy === null) {
    content = <Text>{code.searched ? t('entries.chooseCode') : t('app.loading')}</Text>;
  } else if (entries.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (!entries.data || (entries.isError && !entries.isFetchNextPageError)) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(entries.error)}`)}</Text>
      </Alert>
    );
  } else if (entries.data.entries.length === 0) {
    content = <Text>{t('entries.empty')}</Text>;
  } else {
    content = (
      <Stack gap="xs">
        <StackingTable aria-labelledby={headingId} striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('entries.time')}</Table.Th>
              <Table.Th>{t('entries.kind')}</Table.Th>
              <Table.Th>{t('entries.site')}</Table.Th>
              <Table.Th>{t('entries.participant')}</Table.Th>
              <Table.Th>{t('entries.supplies')}</Table.Th>
              <Table.Th>{t('entries.loggedBy')}</Table.Th>
              <Table.Th>{t('entries.status')}</Table.Th>
              <Table.Th>{t('entries.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data.entries.map((entry) => (
              <EntryRow key={entry.id} entry={entry} onOpen={open} />
            ))}
          </Table.Tbody>
        </StackingTable>
        <Text ref={shownCount} role="status" c="dimmed" tabIndex={-1}>
          {t('entries.shown', {
            count: entries.data.entries.length,
            formatted: format.number(entries.data.entries.length),
          })}
          {!entries.hasNextPage && ` ${t('entries.allShown')}`}
        </Text>
        {entries.isFetchNextPageError && (
          <Text role="alert" c="var(--mantine-color-error)">
            {t(`errors.${errorCodeOf(entries.error)}`)}
          </Text>
        )}
        {entries.hasNextPage && (
          <Button
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            aria-busy={loadingMore}
            aria-disabled={loadingMore}
            leftSection={loadingMore ? <Loader size="xs" aria-hidden /> : undefined}
            onClick={showMore}
          >
            {loadingMore ? t('entries.loadingMore') : t('entries.showMore')}
          </Button>
        )}
      </Stack>
    );
  }

  return (
    <>
      <Filters filters={filters} onChange={setFilters} code={code.field} dateError={dateError} />
      {content}
      <EntryDetail entry={selected} onChange={setSelected} onClose={() => setSelected(null)} />
    </>
  );
}
