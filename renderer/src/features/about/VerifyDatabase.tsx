import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '@contract';
import type { VerifyReport } from '@contract/system';
import { useStartJob, type Job } from '../../api/jobs';
import { ChooseFileButton } from '../../components/ChooseFileButton';
import { JobProgress } from '../../components/JobProgress';
import { errorCodeOf } from '../../i18n/errors';

/** What a finished check found, in words: every problem it counted, or that all is well. */
function VerifyResult({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  if (report.ok)
    return (
      <Alert color="green" variant="outline">
        {t('about.verifyOk')}
      </Alert>
    );
  const rollupMismatches = report.rollups.reduce((sum, check) => sum + check.mismatches, 0);
  const problems = [
    report.integrity !== 'ok' && t('about.verifyIntegrity', { result: report.integrity }),
    report.foreignKeyViolations > 0 && t('about.verifyForeignKeys', { count: report.foreignKeyViolations }),
    report.ledger.mismatches > 0 && t('about.verifyLedger', { count: report.ledger.mismatches }),
    rollupMismatches > 0 && t('about.verifyRollups', { count: rollupMismatches }),
    !report.audit.intact && t('about.verifyAudit', { seq: report.audit.brokenAtSeq ?? 0 }),
  ].filter((problem): problem is string => typeof problem === 'string');
  return (
    <Alert color="red" variant="outline">
      <Text c="var(--mantine-color-error)">{t('about.verifyProblems')}</Text>
      <List>
        {problems.map((problem) => (
          <List.Item key={problem}>{problem}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A check as a job: its start, its progress with Cancel, then what it found. */
function VerifyJob({ running, onStarted }: { running: string | null; onStarted: (jobId: string | null) => void }) {
  const { t } = useTranslation();
  const [ended, setEnded] = useState<Job | null>(null);
  const onEnded = useCallback(
    (job: Job) => {
      setEnded(job);
      onStarted(null);
    },
    [onStarted],
  );
  let outcome = null;
  if (ended?.state === 'done') outcome = <VerifyResult report={contract['system.verify'].result.parse(ended.result)} />;
  else if (ended?.state === 'cancelled') outcome = <Text>{t('jobs.cancelled')}</Text>;
  else if (ended?.error) outcome = <Text c="var(--mantine-color-error)">{t(`errors.${ended.error.code}`)}</Text>;
  return (
    <>
      {running !== null && <JobProgress jobId={running} onEnded={onEnded} />}
      {running === null && outcome}
    </>
  );
}

/**
 * Checks the whole database, or another Outpost database someone chose (a copy from another
 * laptop, a backup), as a job: saving goes on while it runs, and it can be cancelled.
 */
export function VerifyDatabase() {
  const { t } = useTranslation();
  const startHere = useStartJob('system.verify');
  const startFile = useStartJob('system.verifyFile');
  const [jobId, setJobId] = useState<string | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const running = jobId !== null;
  const started = (name: string) => (job: { jobId: string }) => {
    setChecking(name);
    setJobId(job.jobId);
  };
  const refused = startHere.error ?? startFile.error;

  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2}>{t('about.verifyHeading')}</Title>
      <Text size="sm">{t('about.verifyHint')}</Text>
      <Group gap="sm">
        <Button
          variant="default"
          disabled={running}
          loading={startHere.isPending}
          onClick={() => startHere.mutate({}, { onSuccess: started(t('about.verifyThis')) })}
        >
          {t('about.verify')}
        </Button>
        <ChooseFileButton
          kind="outpostDatabase"
          label={t('about.verifyFile')}
          disabled={running}
          onChosen={(file) => startFile.mutate({ file: file.handle }, { onSuccess: started(file.name) })}
        />
      </Group>
      {refused && <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(refused)}`)}</Text>}
      {checking && <Text fw={700}>{t('about.verifyChecking', { name: checking })}</Text>}
      <VerifyJob running={jobId} onStarted={setJobId} />
    </Stack>
  );
}
