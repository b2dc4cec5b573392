/** Data fetching through TanStack Query: cached reads, and writes that refresh what they change. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import { compareEntries, type EntryCursor, type FieldEntry, type ListEntriesInput } from '@contract/field-entries';
import { reloadPage } from '../lib/page';
import { call } from './client';

export const queryKeys = {
  about: ['system.about'] as const,
  session: ['session.current'] as const,
  sites: ['sites.list'] as const,
  items: ['items.list'] as const,
  encounters: ['encounters.list'] as const,
  staff: ['staff.list'] as const,
  settings: ['settings.get'] as const,
  serviceTypes: ['serviceTypes.list'] as const,
  presets: ['presets.list'] as const,
  participants: ['participants'] as const,
  onHand: ['inventory.onHand'] as const,
};

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

export function useAbout() {
  return useQuery({ queryKey: queryKeys.about, queryFn: () => call('system.about', {}) });
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => call('session.current', {}) });
}

export function useSites() {
  return useQuery({ queryKey: queryKeys.sites, queryFn: () => call('sites.list', {}) });
}

export function useItems() {
  return useQuery({ queryKey: queryKeys.items, queryFn: () => call('items.list', {}) });
}

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => call('settings.get', {}) });
}

export function useStaff() {
  return useQuery({ queryKey: queryKeys.staff, queryFn: () => call('staff.list', {}) });
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

/** Opens the demo database (or goes back to the program's); the page then starts afresh on it. */
export function useSwitchDataSet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'system.switchDataSet'>) => call('system.switchDataSet', input),
    onSuccess: () => reloadPage(),
  });
}

/** Settings lists: inactive records too, so they can be reactivated. Under the same keys, so every change refreshes them. */
export function useAllSites() {
  return useQuery({
    queryKey: [...queryKeys.sites, 'all'],
    queryFn: () => call('sites.list', { includeInactive: true }),
  });
}

export function useAllStaff() {
  return useQuery({
    queryKey: [...queryKeys.staff, 'all'],
    queryFn: () => call('staff.list', { includeInactive: true }),
  });
}

export function useAllServiceTypes() {
  return useQuery({
    queryKey: [...queryKeys.serviceTypes, 'all'],
    queryFn: () => call('serviceTypes.list', { includeInactive: true }),
  });
}

export function useAllItems() {
  return useQuery({
    queryKey: [...queryKeys.items, 'all'],
    queryFn: () => call('items.list', { includeInactive: true }),
  });
}

/** A kit's current contents; under the items key, so every item or kit write refreshes it. */
export function useKitContents(itemId: string) {
  return useQuery({
    queryKey: [...queryKeys.items, 'kitContents', itemId],
    queryFn: () => call('items.kitContents', { itemId }),
  });
}

export function useAllPresets() {
  return useQuery({
    queryKey: [...queryKeys.presets, 'all'],
    queryFn: () => call('presets.list', { includeInactive: true }),
  });
}

type WriteChannel =
  | 'sites.create'
  | 'sites.update'
  | 'staff.create'
  | 'staff.update'
  | 'items.create'
  | 'items.update'
  | 'items.setKitContents'
  | 'serviceTypes.create'
  | 'serviceTypes.update'
  | 'presets.create'
  | 'presets.update'
  | 'settings.update';

/** A settings write that refreshes what it changes (a renamed site shows everywhere it is listed). */
export function useSettingsWrite<C extends WriteChannel>(channel: C, refreshes: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: refreshes }),
  });
}
