/**
 * Reads several features share (who is acting, the sites, the catalog, the program's settings) and
 * the query keys every feature's writes refresh, through TanStack Query.
 */
import { useQuery } from '@tanstack/react-query';
import { contract, type ChannelName } from '@contract';
import { accessFor } from '@contract/access';
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

export function useAbout() {
  return useQuery({ queryKey: queryKeys.about, queryFn: () => call('system.about', {}) });
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => call('session.current', {}) });
}

/**
 * Whether the person acting may use `channel` at all, by the contract's rule for their role: a
 * screen leaves out what would only be refused. (The core checks again on every call.)
 */
export function useAllowed(channel: ChannelName): boolean {
  const role = useSession().data?.role;
  return role !== undefined && accessFor(contract[channel].access, role) !== 'none';
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
