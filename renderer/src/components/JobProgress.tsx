import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCancelJob, useJob, type Job } from '../api/jobs';
import { errorCodeOf } from '../i18n/errors';
import { useFormatters } from '../i18n/format';

/**
 * A running job's progress: a bar, the step it is on in words, and Cancel. Every long task shows
 * this one component; `onEnded` gets the job once it has ended, done, failed or cancelled.
 */
export function JobProgress({ jobId, onEnded }: { jobId: string; onEnded: (job: Job) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const job = useJob(jobId);
  const cancel = useCancelJob();
  const ended = job.data && job.data.state !== 'running' ? job.data : null;

  useEffect(() => {
    if (ended) onEnded(ended);
  }, [ended, onEnded]);

  if (job.isError) return <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(job.error)}`)}</Text>;
  if (ended) return null;
  const progress = job.data?.progress ?? null;
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <Stack gap="xs" maw={600}>
      <Text role="status" aria-live="polite">
        {progress ? t(`jobs.phases.${progress.phase}`) : t('jobs.starting')}
      </Text>
      <Progress value={percent} size="lg" aria-label={t('jobs.progressLabel')} />
      <Group justify="space-between">
        <Text size="sm">
          {progress
            ? t('jobs.progress', { done: format.number(progress.done), total: format.number(progress.total) })
            : ''}
        </Text>
        <Button variant="default" loading={cancel.isPending} onClick={() => cancel.mutate(jobId)}>
          {t('jobs.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
