/**
 * Long work the core runs as jobs (checking the database today; reports, exports and backups
 * later): start one, follow it until it ends, cancel it. One way for every long task.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ChannelInput, JobChannelName } from '@contract';
import type { Job } from '@contract/jobs';
import { call } from './client';

/** How often a running job is asked where it is. */
const followEveryMs = 300;

export function useStartJob<C extends JobChannelName>(channel: C) {
  return useMutation({ mutationFn: (input: ChannelInput<C>) => call(channel, input) });
}

/**
 * A job as it runs, asked again while it is running. An ended job's result is given once, so it
 * is kept here and never asked for again.
 */
export function useJob(jobId: string | null) {
  return useQuery({
    enabled: jobId !== null,
    queryKey: ['jobs.get', jobId],
    queryFn: () => call('jobs.get', { jobId: jobId ?? '' }),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? followEveryMs : false),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useCancelJob() {
  return useMutation({ mutationFn: (jobId: string) => call('jobs.cancel', { jobId }) });
}

export type { Job };
