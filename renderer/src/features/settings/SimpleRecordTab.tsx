import { Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { StackingTable } from '../../components/StackingTable';
import { useId, useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { checkWith, issuesResolver } from '../../lib/contractResolver';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { nameToSave, useSeededName } from '../../i18n/seededNames';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormButtons, RecordActions, SavedStatus, useRecordToggle } from './settingsParts';
import { showServerErrors } from '../../lib/serverErrors';

/** One row of a settings list that has a name and one choice (a site's type, a staff role, a service kind). */
export interface SimpleRow<Choice extends string = string> {
  id: string;
  name: string;
  choice: Choice;
  active: boolean;
}

export type SimpleTabId = 'sites' | 'staff' | 'services';

/** What the form's inputs hold; the contract's field schemas turn it into SimpleValues. */
type Values = { name: string; choice: string };
export type SimpleValues<Choice extends string> = { name: string; choice: Choice };

/** An edit: the name and choice, or the active flag alone (deactivate, reactivate). */
export type SimpleChange<Choice extends string> = { values: SimpleValues<Choice> } | { active: boolean };

export interface SimpleTabConfig<Choice extends string> {
  id: SimpleTabId;
  /** The contract's names for the two fields, so the core's errors land on them. */
  nameField: string;
  choiceField: string;
  choices: readonly [Choice, ...Choice[]];
  /** What a new record starts with; the first choice unless said. */
  newChoice?: Choice;
  choiceLabel: (choice: Choice) => string;
  /** The contract's own schemas for the two fields: edits are checked by them before they are sent. */
  fields: { name: z.ZodType<string, string>; choice: z.ZodType<Choice, Choice> };
  rows: { isPending: boolean; error: unknown; data: SimpleRow<Choice>[] | undefined };
  create: (values: SimpleValues<Choice>) => Promise<unknown>;
  update: (id: string, change: SimpleChange<Choice>) => Promise<unknown>;
}

function RecordForm<Choice extends string>({
  config,
  editing,
  onSaved,
  onCancel,
}: {
  config: SimpleTabConfig<Choice>;
  editing: SimpleRow<Choice> | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const { id, nameField, choiceField } = config;
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, SimpleValues<Choice>>({
    resolver: issuesResolver((values: Values) =>
      checkWith(z.object({ name: config.fields.name, choice: config.fields.choice }), values),
    ),
    defaultValues: {
      name: editing ? shown(editing.name) : '',
      choice: editing?.choice ?? config.newChoice ?? config.choices[0],
    },
  });
  const errorText = (error: FieldError | undefined) => (error ? t(errorKey(error.message)) : undefined);
  // The core names the fields as the contract does; the form calls them name and choice.
  const formFieldOf = (field: string) => (field === nameField ? 'name' : field === choiceField ? 'choice' : null);

  const save = async (values: SimpleValues<Choice>) => {
    try {
      if (editing) {
        await config.update(editing.id, { values: { ...values, name: nameToSave(values.name, editing.name) } });
        onSaved(t('settings.updated', { name: values.name }));
      } else {
        await config.create(values);
        reset();
        onSaved(t('settings.created', { name: values.name }));
      }
    } catch (error) {
      showServerErrors(error, formFieldOf, setError);
    }
  };

  return (
    <form
      noValidate
      aria-label={
        editing ? t(`settings.${id}.editHeading`, { name: shown(editing.name) }) : t(`settings.${id}.addHeading`)
      }
      onSubmit={(event) => {
        onSaved('');
        void handleSubmit(save)(event);
      }}
    >
      <Stack gap="sm">
        <Title order={3}>
          {editing ? t(`settings.${id}.editHeading`, { name: shown(editing.name) }) : t(`settings.${id}.addHeading`)}
        </Title>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t(`settings.${id}.name`)}
            autoComplete="off"
            error={errorText(errors.name)}
            style={{ flex: 1, minWidth: 200 }}
            {...register('name')}
          />
          <NativeSelect label={t(`settings.${id}.choice`)} error={errorText(errors.choice)} {...register('choice')}>
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

export function SimpleRecordTab<Choice extends string>({ config }: { config: SimpleTabConfig<Choice> }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  const tableId = useId();
  const { id, rows } = config;
  const [editing, setEditing] = useState<SimpleRow<Choice> | null>(null);
  const { message, setMessage, listError, toggle } = useRecordToggle(({ id: recordId, active }) =>
    config.update(recordId, { active }),
  );

  let list;
  if (rows.isPending) list = <Text>{t('app.loading')}</Text>;
  else if (rows.error || !rows.data) list = <ErrorAlert code={errorCodeOf(rows.error)} />;
  else if (rows.data.length === 0) list = <Text>{t(`settings.${id}.empty`)}</Text>;
  else
    list = (
      <StackingTable aria-labelledby={tableId} striped verticalSpacing="xs">
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
              <Table.Td data-label={t(`settings.${id}.name`)}>{shown(row.name)}</Table.Td>
              <Table.Td data-label={t(`settings.${id}.choice`)}>{config.choiceLabel(row.choice)}</Table.Td>
              <Table.Td data-label={t('settings.status')}>
                {row.active ? t('settings.active') : t('settings.inactive')}
              </Table.Td>
              <Table.Td>
                <RecordActions
                  name={shown(row.name)}
                  active={row.active}
                  onEdit={() => {
                    setMessage('');
                    setEditing(row);
                  }}
                  onToggle={() => void toggle({ ...row, name: shown(row.name) })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
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
