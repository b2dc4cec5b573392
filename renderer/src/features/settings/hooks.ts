/** The settings screen's data: every record, inactive ones too, and writes that refresh what they change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, WriteChannelName } from '@contract';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';

/**
 * A settings list: inactive records too, so they can be reactivated. Under the list's own key, so
 * every change that refreshes the list refreshes this one too.
 */
function useEveryRecord<T>(listKey: readonly string[], list: (input: { includeInactive: true }) => Promise<T>) {
  return useQuery({ queryKey: [...listKey, 'all'], queryFn: () => list({ includeInactive: true }) });
}

export const useAllSites = () => useEveryRecord(queryKeys.sites, (input) => call('sites.list', input));
export const useAllStaff = () => useEveryRecord(queryKeys.staff, (input) => call('staff.list', input));
export const useAllServiceTypes = () =>
  useEveryRecord(queryKeys.serviceTypes, (input) => call('serviceTypes.list', input));
export const useAllItems = () => useEveryRecord(queryKeys.items, (input) => call('items.list', input));
export const useAllPresets = () => useEveryRecord(queryKeys.presets, (input) => call('presets.list', input));

/** A kit's current contents; under the items key, so every item or kit write refreshes it. */
export function useKitContents(itemId: string) {
  return useQuery({
    queryKey: [...queryKeys.items, 'kitContents', itemId],
    queryFn: () => call('items.kitContents', { itemId }),
  });
}

/** A settings write that refreshes what it changes (a renamed site shows everywhere it is listed). */
export function useSettingsWrite<C extends WriteChannelName>(channel: C, refreshes: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: refreshes }),
  });
}
