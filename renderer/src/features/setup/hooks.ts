/** Whether the program still has to be set up, and the one write that sets it up. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import { call } from '../../api/client';

export const setupStatusKey = ['system.setupStatus'] as const;

export function useSetupStatus() {
  return useQuery({ queryKey: setupStatusKey, queryFn: () => call('system.setupStatus', {}) });
}

/** Sets the program up; every read is then asked again, since before setup most were refused. */
export function useSetUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'system.setup'>) => call('system.setup', input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
