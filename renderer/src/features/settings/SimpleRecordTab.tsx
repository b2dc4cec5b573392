import { Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, type FieldError, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { ErrorAlert, FormButtons, RecordActions, SavedStatus, useRecordToggle } from './settingsParts';
import { sameNamedField, showServerErrors } from '../../lib/serverErrors';

/** One row of a settings list that has a name and one choice (a site's type, a staff role, a service kind). */
export interface SimpleRow {
  id: string;
  name: string;
  choice: string;
  active: boolean;
}

export type SimpleTabId = 'sites' | 'staff' | 'services';

export interface SimpleTabConfig {
  id: SimpleTabId;
  /** The contract's names for the two fields, so the core's errors land on them. */
  nameField: string;
  choiceField: string;
  choices: readonly string[];
  choiceLabel: (choice: string) => string;
  /** The contract's create schema: also checks edits before they are sent. */
  schema: z.ZodType<Record<string, unknown>, Record<string, string>>;
  rows: { isPending: boolean; error: unknown; data: SimpleRow[] | undefined };
  create: (input: Record<string, unknown>) => Promise<unknown>;
  update: (input: Record<string, unknown>) => Promise<unknown>;
}

type Values = Record<string, string>;

function RecordForm({
  config,
  editing,
  onSaved,
  onCancel,
}: {
  config: SimpleTabConfig;
  editing: SimpleRow | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { id, nameField, choiceField } = config;
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Record<string, unknown>>({
    resolver: zodResolver(config.schema) as Resolver<Values, unknown, Record<string, unknown>>,
    defaultValues: {
      [nameField]: editing?.name ?? '',
      [choiceField]: editing?.choice ?? config.choices[0] ?? '',
    },
  });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);
  const isField = (field: string) => field === nameField || field === choiceField;

  const save = async (output: Record<string, unknown>) => {
    const name = String(output[nameField]);
    try {
      if (editing) {
        await config.update({ id: editing.id, [nameField]: output[nameField], [choiceField]: output[choiceField] });
        onSaved(t('settings.updated', { name }));
      } else {
        await config.create(output);
        reset();
        onSaved(t('settings.created', { name }));
      }
    } catch (error) {
      showServerErrors(error, sameNamedField(isField), setError);
    }
  };

  return (
    <form
      noValidate
      aria-label={editing ? t(`settings.${id}.editHeading`, { name: editing.name }) : t(`settings.${id}.addHeading`)}
      onSubmit={(event) => {
        onSaved('');
        void handleSubmit(save)(event);
      }}
    >
      <Stack gap="sm">
        <Title order={3}>
          {editing ? t(`settings.${id}.editHeading`, { name: editing.name }) : t(`settings.${id}.addHeading`)}
        </Title>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t(`settings.${id}.name`)}
            autoComplete="off"
            error={errorText(errors[nameField])}
            style={{ flex: 1, minWidth: 200 }}
            {...register(nameField)}
          />
          <NativeSelect
            label={t(`settings.${id}.choice`)}
            error={errorText(errors[choiceField])}
            {...register(choiceField)}
          >
            {config.choices.map((choice) => (
              <option key={choice} value={choice}>
                {config.choiceLabel(choice)}
              </option>
            ))}
          </NativeSelect>
        </Group>
        <ErrorAlert code={errors.root?.server?.message} />
        <FormButtons
          submitting={isSubmitting}
          editing={editing !== null}
          addLabel={t(`settings.${id}.add`)}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

export function SimpleRecordTab({ config }: { config: SimpleTabConfig }) {
  const { t } = useTranslation();
  const tableId = useId();
  const { id, rows } = config;
  const [editing, setEditing] = useState<SimpleRow | null>(null);
  const { message, setMessage, listError, toggle } = useRecordToggle(config.update);

  let list;
  if (rows.isPending) list = <Text>{t('app.loading')}</Text>;
  else if (rows.error || !rows.data) list = <ErrorAlert code={errorCodeOf(rows.error)} />;
  else if (rows.data.length === 0) list = <Text>{t(`settings.${id}.empty`)}</Text>;
  else
    list = (
      <Table aria-labelledby={tableId} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`settings.${id}.name`)}</Table.Th>
            <Table.Th>{t(`settings.${id}.choice`)}</Table.Th>
            <Table.Th>{t('settings.status')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.data.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.name}</Table.Td>
              <Table.Td>{config.choiceLabel(row.choice)}</Table.Td>
              <Table.Td>{row.active ? t('settings.active') : t('settings.inactive')}</Table.Td>
              <Table.Td>
                <RecordActions
                  name={row.name}
                  active={row.active}
                  onEdit={() => {
                    setMessage('');
                    setEditing(row);
                  }}
                  onToggle={() => void toggle(row)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack gap="md">
      <Title order={2} id={tableId}>
        {t(`settings.${id}.heading`)}
      </Title>
      <SavedStatus message={message} />
      <ErrorAlert code={listError} />
      {list}
      <RecordForm
        key={editing?.id ?? 'new'}
        config={config}
        editing={editing}
        onSaved={(text) => {
          setMessage(text);
          if (text && editing) setEditing(null);
        }}
        onCancel={() => setEditing(null)}
      />
    </Stack>
  );
}
