import { Stack, Tabs, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { createServiceTypeInput, createSiteInput } from '@contract/catalog';
import { newStaffRole } from '@contract/access';
import { createStaffInput } from '@contract/staff';
import { serviceKinds, siteTypes, staffRoles } from '@contract/vocabulary';
import { queryKeys } from '../../api/queries';
import { useAllServiceTypes, useAllSites, useAllStaff, useSettingsWrite } from './hooks';
import { ItemsTab } from './ItemsTab';
import { PresetsTab } from './PresetsTab';
import { ProgramTab } from './ProgramTab';
import { SimpleRecordTab, type SimpleRow, type SimpleTabConfig } from './SimpleRecordTab';

const tabs = ['sites', 'staff', 'services', 'items', 'presets', 'program'] as const;
type Tab = (typeof tabs)[number];

/** The supplies tab keeps its text in its own locale section. */
const tabLabelKey = (tab: Tab) => (tab === 'items' ? 'itemsTab.tab' : (`settings.${tab}.tab` as const));

/** A list query seen as name/choice rows, without losing its loading and error states. */
function asRows<T, Choice extends string>(
  query: { isPending: boolean; error: unknown; data: T[] | undefined },
  toRow: (record: T) => SimpleRow<Choice>,
): SimpleTabConfig<Choice>['rows'] {
  return { isPending: query.isPending, error: query.error, data: query.data?.map(toRow) };
}

function SitesTab() {
  const { t } = useTranslation();
  const sites = useAllSites();
  const create = useSettingsWrite('sites.create', queryKeys.sites);
  const update = useSettingsWrite('sites.update', queryKeys.sites);
  return (
    <SimpleRecordTab
      config={{
        id: 'sites',
        nameField: 'name',
        choiceField: 'siteType',
        choices: siteTypes,
        choiceLabel: (choice) => t(`siteTypes.${choice}`),
        fields: { name: createSiteInput.shape.name, choice: createSiteInput.shape.siteType },
        rows: asRows(sites, (site) => ({ id: site.id, name: site.name, choice: site.siteType, active: site.active })),
        create: ({ name, choice }) => create.mutateAsync({ name, siteType: choice }),
        update: (id, change) =>
          update.mutateAsync(
            'active' in change
              ? { id, active: change.active }
              : { id, name: change.values.name, siteType: change.values.choice },
          ),
      }}
    />
  );
}

function StaffTab() {
  const { t } = useTranslation();
  const staff = useAllStaff();
  const create = useSettingsWrite('staff.create', queryKeys.staff);
  const update = useSettingsWrite('staff.update', queryKeys.staff);
  return (
    <SimpleRecordTab
      config={{
        id: 'staff',
        nameField: 'displayName',
        choiceField: 'role',
        choices: staffRoles,
        newChoice: newStaffRole,
        choiceLabel: (choice) => t(`settings.roles.${choice}`),
        fields: { name: createStaffInput.shape.displayName, choice: createStaffInput.shape.role },
        rows: asRows(staff, (member) => ({
          id: member.id,
          name: member.displayName,
          choice: member.role,
          active: member.active,
        })),
        create: ({ name, choice }) => create.mutateAsync({ displayName: name, role: choice }),
        update: (id, change) =>
          update.mutateAsync(
            'active' in change
              ? { id, active: change.active }
              : { id, displayName: change.values.name, role: change.values.choice },
          ),
      }}
    />
  );
}

function ServicesTab() {
  const { t } = useTranslation();
  const services = useAllServiceTypes();
  const create = useSettingsWrite('serviceTypes.create', queryKeys.serviceTypes);
  const update = useSettingsWrite('serviceTypes.update', queryKeys.serviceTypes);
  return (
    <SimpleRecordTab
      config={{
        id: 'services',
        nameField: 'name',
        choiceField: 'kind',
        choices: serviceKinds,
        choiceLabel: (choice) => t(`settings.kinds.${choice}`),
        fields: { name: createServiceTypeInput.shape.name, choice: createServiceTypeInput.shape.kind },
        rows: asRows(services, (service) => ({
          id: service.id,
          name: service.name,
          choice: service.kind,
          active: service.active,
        })),
        create: ({ name, choice }) => create.mutateAsync({ name, kind: choice }),
        update: (id, change) =>
          update.mutateAsync(
            'active' in change
              ? { id, active: change.active }
              : { id, name: change.values.name, kind: change.values.choice },
          ),
      }}
    />
  );
}

export function SettingsScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('settings.heading')}
      </Title>
      <Tabs defaultValue="sites" keepMounted={false}>
        <Tabs.List aria-label={t('settings.tabs')}>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(tabLabelKey(tab))}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="sites" pt="md">
          <SitesTab />
        </Tabs.Panel>
        <Tabs.Panel value="staff" pt="md">
          <StaffTab />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <ServicesTab />
        </Tabs.Panel>
        <Tabs.Panel value="items" pt="md">
          <ItemsTab />
        </Tabs.Panel>
        <Tabs.Panel value="presets" pt="md">
          <PresetsTab />
        </Tabs.Panel>
        <Tabs.Panel value="program" pt="md">
          <ProgramTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
