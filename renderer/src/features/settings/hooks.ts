/** The settings screen's data: every record, inactive ones too, and writes that refresh what they change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, WriteChannelName } from '@contract';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';

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

/** A settings write that refreshes what it changes (a renamed site shows everywhere it is listed). */
export function useSettingsWrite<C extends WriteChannelName>(channel: C, refreshes: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: refreshes }),
  });
}
