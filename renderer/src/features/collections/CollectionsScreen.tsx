/**
 * Syringes collected where no encounter took them: a kiosk or a drop box emptied, a community
 * sweep. The form logs one; the recent list corrects or voids one (a void asks for a reason and
 * keeps the collection on record, marked void).
 */
import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '@contract/collections';
import { reasonLimit } from '@contract/fields';
import { ContractCallError } from '../../api/client';
import { useSettings, useSites } from '../../api/queries';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { useFormatters } from '../../i18n/format';
import { useSeededName } from '../../i18n/seededNames';
import { CollectionForm } from './CollectionForm';
import { useVoidCollection } from './hooks';
import { RecentCollections } from './RecentCollections';

function VoidCollection({ collection, onDone }: { collection: Collection; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useSeededName();
  const voidCollection = useVoidCollection();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => reasonField.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem('reason_required');
      return;
    }
    try {
      await voidCollection.mutateAsync({ id: collection.id, reason });
      onDone();
    } catch (error) {
      setProblem(error instanceof ContractCallError ? error.error.code : errorCodeOf(error));
    }
  };

  return (
    <Paper withBorder p="md">
      <form noValidate aria-label={t('collections.voidHeading')} onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={2}>{t('collections.voidHeading')}</Title>
          <Text>
            {t('collections.voidWhich', {
              day: format.date(collection.collectedOn),
              site: shown(collection.siteName),
              source: t(`collections.sources.${collection.source}`),
            })}
          </Text>
          <Text size="sm">{t('collections.voidHint')}</Text>
          <LimitedTextarea
            ref={reasonField}
            label={t('collections.voidReason')}
            withAsterisk
            aria-required
            rows={2}
            limit={reasonLimit}
            length={reason.length}
            value={reason}
            error={problem ? t(errorKey(problem)) : undefined}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group>
            <Button type="submit" color="red.9" loading={voidCollection.isPending}>
              {t('collections.confirmVoid')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('collections.cancelVoid')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function CollectionsScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const sites = useSites();
  const settings = useSettings();
  const [correcting, setCorrecting] = useState<Collection | null>(null);
  const [voiding, setVoiding] = useState<Collection | null>(null);
  const failed = [sites, settings].find((query) => query.isError);

  let form;
  if (failed) {
    form = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(failed.error)}`)}</Text>
      </Alert>
    );
  } else if (!sites.data || !settings.data) {
    form = <Text>{t('app.loading')}</Text>;
  } else if (!sites.data.some((site) => site.active)) {
    form = <Text>{t('collections.noSites')}</Text>;
  } else {
    const factors = {
      syringesPerContainer: settings.data.syringesPerContainer,
      syringesPerPound: settings.data.syringesPerPound,
    };
    form = (
      <Stack gap="lg">
        <CollectionForm
          sites={sites.data}
          factors={factors}
          timeZone={settings.data.timeZone}
          shortcutsEnabled={!correcting && !voiding}
        />
        {correcting && (
          <Paper withBorder p="md">
            <Title order={2} mb="sm">
              {t('collections.correctHeading')}
            </Title>
            <CollectionForm
              key={correcting.id}
              sites={sites.data}
              factors={factors}
              timeZone={settings.data.timeZone}
              correcting={correcting}
              onDone={() => setCorrecting(null)}
            />
          </Paper>
        )}
        {voiding && <VoidCollection key={voiding.id} collection={voiding} onDone={() => setVoiding(null)} />}
      </Stack>
    );
  }

  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, xl: 7 }}>
        <Title order={1} mb="xs" ref={headingRef} tabIndex={-1}>
          {t('collections.heading')}
        </Title>
        <Text mb="md">{t('collections.intro')}</Text>
        {form}
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}>
        <RecentCollections
          onCorrect={(collection) => {
            setVoiding(null);
            setCorrecting(collection);
          }}
          onVoid={(collection) => {
            setCorrecting(null);
            setVoiding(collection);
          }}
        />
      </Grid.Col>
    </Grid>
  );
}
