import { Alert, Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbout, useAllowed } from '../../api/queries';
import { useSwitchDataSet } from './hooks';
import { SaveCopy } from './SaveCopy';
import { VerifyDatabase } from './VerifyDatabase';
import { errorCodeOf } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';

export function AboutScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const about = useAbout();
  const switchDataSet = useSwitchDataSet();
  const mayVerify = useAllowed('system.verify');
  const mayCopy = useAllowed('system.saveCopy');

  let content;
  if (about.isPending) {
    content = <Text>{t('app.loading')}</Text>;
  } else if (about.isError) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(about.error)}`)}</Text>
      </Alert>
    );
  } else {
    const rows = [
      { label: t('about.appVersion'), value: about.data.appVersion },
      { label: t('about.databasePath'), value: <Code fz="sm">{about.data.databasePath}</Code> },
      { label: t('about.schemaVersion'), value: format.number(about.data.schemaVersion) },
      { label: t('about.deviceId'), value: <Code fz="sm">{about.data.deviceId}</Code> },
      { label: t('about.dataSet'), value: about.data.demo ? t('about.dataDemo') : t('about.dataReal') },
    ];
    const demo = about.data.demo;
    content = (
      <Stack gap="lg" maw={900}>
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row" w={260}>
                  {row.label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stack gap="xs" align="flex-start">
          <Button
            variant="default"
            loading={switchDataSet.isPending}
            onClick={() => switchDataSet.mutate({ demo: !demo })}
          >
            {demo ? t('about.leaveDemo') : t('about.tryDemo')}
          </Button>
          {!demo && <Text size="sm">{t('about.tryDemoHint')}</Text>}
          {switchDataSet.isError && (
            <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(switchDataSet.error)}`)}</Text>
          )}
        </Stack>
        {mayVerify && <VerifyDatabase />}
        {mayCopy && <SaveCopy />}
      </Stack>
    );
  }

  return (
    <>
      <Title order={1} mb="md" ref={headingRef} tabIndex={-1}>
        {t('about.heading')}
      </Title>
      {content}
    </>
  );
}
