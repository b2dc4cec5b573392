/** The About screen's one write: opening the demo database, or going back to the program's. */
import { useMutation } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import { call } from '../../api/client';
import { reloadPage } from '../../lib/page';

/** Opens the demo database (or goes back to the program's); the page then starts afresh on it. */
export function useSwitchDataSet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'system.switchDataSet'>) => call('system.switchDataSet', input),
    onSuccess: () => reloadPage(),
  });
}
