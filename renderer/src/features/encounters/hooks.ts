/**
 * The encounters feature's data: participants, soft stock, presets and services for the log
 * screen; saves, undo and voids; and the Encounters list, a page at a time.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import {
  compareEntries,
  type Encounter,
  type EntryCursor,
  type FieldEntry,
  type ListEntriesInput,
  type Tally,
} from '@contract/field-entries';
import { call, ContractCallError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { onHandQuery } from '../stock/hooks';
import type { EntrySubmission } from './encounterForm';

/** What a field entry's save, correction, void or undo changes: lists, participants' last visits, stock. */
export function refreshAfterEntryChange(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all(
    [queryKeys.encounters, queryKeys.participants, queryKeys.onHand].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

/** How many of each kind one page of the Encounters screen asks for. */
export const entryPageSize = 100;

export function useStaff() {
  return useQuery({ queryKey: queryKeys.staff, queryFn: () => call('staff.list', {}) });
}

/** Everyone who has been on staff: a paper form typed up may be from someone since deactivated. */
export function useStaffEver() {
  return useQuery({
    queryKey: [...queryKeys.staff, 'ever'],
    queryFn: () => call('staff.list', { includeInactive: true }),
  });
}

/** One page of the Encounters screen: entries of both kinds, newest first, and where the next page starts. */
export interface FieldEntryPage {
  entries: FieldEntry[];
  /** The last entry of this page, to list after; null when nothing is left. */
  next: EntryCursor | null;
}

/**
 * Asks for one page of each kind after the same cursor and merges them into one page that is
 * complete up to its end, so pages put end to end are the merged list in order, each entry once.
 *
 * The two kinds are listed apart, `pageSize` of each. A kind that came back short has nothing more
 * after the cursor; one that came back full may have more past its last entry. Past that last
 * entry the merge would be missing this kind's next entries, so the page ends at the newer (the
 * earlier in list order) of the full kinds' last entries: up to there both lists are complete.
 * Entries of the other kind past that point are dropped here and come back, in order, at the top
 * of the next page, which starts from the same point for both kinds. Every page but the last keeps
 * at least `pageSize` entries (the whole of the list that ended it), so paging always moves on.
 */
export async function fetchFieldEntryPage(
  filters: ListEntriesInput,
  before: EntryCursor | null,
  pageSize = entryPageSize,
): Promise<FieldEntryPage> {
  const input = { ...filters, limit: pageSize, ...(before ? { before } : {}) };
  const [encounters, tallies] = await Promise.all([call('encounters.list', input), call('tallies.list', input)]);
  const merged: FieldEntry[] = [...encounters, ...tallies].sort(compareEntries);
  const end = [encounters, tallies]
    .filter((list) => list.length >= pageSize)
    .map((list) => list[list.length - 1]!)
    .sort(compareEntries)[0];
  if (!end) return { entries: merged, next: null };
  return {
    entries: merged.filter((entry) => compareEntries(entry, end) <= 0),
    next: { occurredAt: end.occurredAt, id: end.id },
  };
}

/** The pages as loaded, and their entries as one list. */
function withAllEntries(data: InfiniteData<FieldEntryPage, EntryCursor | null>) {
  return { ...data, entries: data.pages.flatMap((page) => page.entries) };
}
/**
 * Encounters and tallies matching the same filters, merged newest first, a page at a time
 * (`fetchNextPage` adds the next older page). Kept under the encounters key, so every save,
 * correction and void refreshes it: TanStack Query then fetches the pages again from the first,
 * each from where the fresh one before it ends, so the pages still join up.
 */
export function useFieldEntries(filters: ListEntriesInput, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [...queryKeys.encounters, 'withTallies', filters],
    initialPageParam: null as EntryCursor | null,
    queryFn: ({ pageParam }) => fetchFieldEntryPage(filters, pageParam),
    getNextPageParam: (lastPage) => lastPage.next,
    select: withAllEntries,
  });
}

/**
 * An entry's history, oldest first. Under the encounters key, so a correction or a void made here
 * or elsewhere refreshes it; keyed by the entry's revision and status as well, so a changed entry
 * never shows the history of what it was.
 */
export function useEntryHistory(entry: Pick<FieldEntry, 'kind' | 'id' | 'revision' | 'status'>) {
  return useQuery({
    queryKey: [...queryKeys.encounters, 'history', entry.kind, entry.id, entry.revision, entry.status],
    queryFn: () =>
      entry.kind === 'encounter'
        ? call('encounters.history', { id: entry.id })
        : call('tallies.history', { id: entry.id }),
  });
}

export function useVoidEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      ...input
    }: ChannelInput<'encounters.void'> & { kind: FieldEntry['kind'] }): Promise<FieldEntry> =>
      kind === 'encounter' ? call('encounters.void', input) : call('tallies.void', input),
    onSuccess: () => refreshAfterEntryChange(queryClient),
  });
}

/** The search for `query`, shared by the field's live list and a lookup awaited on Enter. */
export const participantSearch = (query: string) => ({
  queryKey: [...queryKeys.participants, 'search', query],
  queryFn: () => call('participants.search', { query, limit: 6 }),
  staleTime: 5_000,
});

/** Codes starting with, or close to, what was typed (typos, swapped characters). */
export function useParticipantSearch(query: string) {
  return useQuery({ ...participantSearch(query), enabled: query !== '', placeholderData: keepPreviousData });
}

/** A participant with their last visit; null when nobody has the code yet. */
export function useParticipant(code: string | null) {
  return useQuery({
    enabled: code !== null && code !== '',
    queryKey: [...queryKeys.participants, 'get', code],
    queryFn: async () => {
      try {
        return await call('participants.get', { code: code ?? '' });
      } catch (error) {
        if (error instanceof ContractCallError && error.error.code === 'participant_not_found') return null;
        throw error;
      }
    },
  });
}

/**
 * What can be handed out at a site, by item (held and expired lots left out): shown softly beside
 * each quantity, never blocking a save. The Stock screen's own query, so both show one figure.
 */
export function useOnHandAtSite(siteId: string) {
  return useQuery({
    ...onHandQuery({ siteId }),
    enabled: siteId !== '',
    select: (rows) => new Map(rows.map((row) => [row.itemId, row.available])),
  });
}

export function usePresets() {
  return useQuery({ queryKey: queryKeys.presets, queryFn: () => call('presets.list', {}) });
}

export function useServiceTypes() {
  return useQuery({ queryKey: queryKeys.serviceTypes, queryFn: () => call('serviceTypes.list', {}) });
}

/**
 * The latest encounters and tallies together, newest first. Under the encounters key, so every
 * save, correction, void and undo refreshes it.
 */
export function useRecentEntries(limit = 30) {
  return useQuery({
    queryKey: [...queryKeys.encounters, 'recent', limit],
    queryFn: async () => (await fetchFieldEntryPage({}, null, limit)).entries,
  });
}

function useRefreshAfterWrite() {
  const queryClient = useQueryClient();
  return () => refreshAfterEntryChange(queryClient);
}

/** Logs or corrects an encounter or a tally, as the form's submission says. */
export function useSaveEntry() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (submission: EntrySubmission): Promise<Encounter | Tally> => {
      switch (submission.channel) {
        case 'encounters.log':
          return call('encounters.log', submission.input);
        case 'tallies.log':
          return call('tallies.log', submission.input);
        case 'encounters.correct':
          return call('encounters.correct', submission.input);
        case 'tallies.correct':
          return call('tallies.correct', submission.input);
      }
    },
    onSuccess: refresh,
  });
}

/** Takes back the last save, through the undo channel: the record says it was undone, not voided. */
export function useUndoEntry() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (entry: Encounter | Tally): Promise<Encounter | Tally> =>
      entry.kind === 'encounter' ? call('encounters.undo', { id: entry.id }) : call('tallies.undo', { id: entry.id }),
    onSuccess: refresh,
  });
}
