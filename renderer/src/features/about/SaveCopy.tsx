import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '@contract';
import type { ChosenFile } from '@contract/files';
import type { SavedCopy } from '@contract/system';
import { call, deliverFile } from '../../api/client';
import { useStartJob, type Job } from '../../api/jobs';
import { JobProgress } from '../../components/JobProgress';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';

/** Today on this computer, as the date in a copy's name (2026-12-02): copies sort by name. */
const todayHere = () => new Intl.DateTimeFormat('en-CA').format(new Date());

/**
 * Saves a copy of the whole database where the person chooses, as a job: saving goes on while it
 * runs, it can be cancelled, and the copy is checked before it takes its name.
 */
export function SaveCopy() {
  const { t } = useTranslation();
  const format = useFormatters();
  const start = useStartJob('system.saveCopy');
  const [choosing, setChoosing] = useState(false);
  const [target, setTarget] = useState<NonNullable<ChosenFile> | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedCopy | null>(null);
  const [ended, setEnded] = useState<Job | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const choose = async () => {
    setSaved(null);
    setEnded(null);
    setFailure(null);
    setChoosing(true);
    try {
      const file = await call('files.chooseSave', {
        kind: 'outpostDatabase',
        suggestedName: t('about.copyFileName', { date: todayHere() }),
      });
      if (!file) return;
      setTarget(file);
      setJobId((await start.mutateAsync({ file: file.handle })).jobId);
    } catch (error) {
      setFailure(error);
    } finally {
      setChoosing(false);
    }
  };

  const onEnded = useCallback(
    (job: Job) => {
      setJobId(null);
      setEnded(job);
      if (job.state !== 'done' || !target) return;
      const copy = contract['system.saveCopy'].result.parse(job.result);
      deliverFile(target).then(() => setSaved(copy), setFailure);
    },
    [target],
  );

  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2}>{t('about.copyHeading')}</Title>
      <Text size="sm">{t('about.copyHint')}</Text>
      <Button variant="default" disabled={jobId !== null} loading={choosing} onClick={() => void choose()}>
        {t('about.copySave')}
      </Button>
      {jobId !== null && <JobProgress jobId={jobId} onEnded={onEnded} />}
      {saved && (
        <Alert color="green" variant="outline">
          {t('about.copySaved', { name: saved.name, size: format.fileSize(saved.bytes) })}
        </Alert>
      )}
      {ended?.state === 'cancelled' && <Text>{t('jobs.cancelled')}</Text>}
      {ended?.error && ended.state === 'failed' && (
        <Text c="var(--mantine-color-error)">{t(`errors.${ended.error.code}`)}</Text>
      )}
      {failure !== null && <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(failure)}`)}</Text>}
    </Stack>
  );
}
