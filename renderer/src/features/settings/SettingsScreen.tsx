import { Stack, Tabs, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createServiceTypeInput,
  createSiteInput,
  type CreateServiceTypeInput,
  type CreateSiteInput,
  type UpdateServiceTypeInput,
  type UpdateSiteInput,
} from '../../../../db/contract/catalog';
import { createStaffInput, type CreateStaffInput, type UpdateStaffInput } from '../../../../db/contract/staff';
import { serviceKinds, siteTypes, staffRoles, type ServiceKind, type SiteType, type StaffRole } from '../../../../db/contract/vocabulary';
import { queryKeys, useAllServiceTypes, useAllSites, useAllStaff, useSettingsWrite } from '../../api/hooks';
import { ItemsTab } from './ItemsTab';
import { PresetsTab } from './PresetsTab';
import { ProgramTab } from './ProgramTab';
import { SimpleRecordTab, type SimpleRow, type SimpleTabConfig } from './SimpleRecordTab';

const tabs = ['sites', 'staff', 'services', 'items', 'presets', 'program'] as const;
type Tab = (typeof tabs)[number];

/** The supplies tab keeps its text in its own locale section. */
const tabLabelKey = (tab: Tab) => (tab === 'items' ? 'itemsTab.tab' : (`settings.${tab}.tab` as const));

type Rows = SimpleTabConfig['rows'];
type Schema = SimpleTabConfig['schema'];

/** A list query seen as name/choice rows, without losing its loading and error states. */
function asRows<T>(
  query: { isPending: boolean; error: unknown; data: T[] | undefined },
  toRow: (record: T) => SimpleRow,
): Rows {
  return { isPending: query.isPending, error: query.error, data: query.data?.map(toRow) };
}

function SitesTab() {
  const { t } = useTranslation();
  const sites = useAllSites();
  const create = useSettingsWrite('sites.create', queryKeys.sites);
  const update = useSettingsWrite('sites.update', queryKeys.sites);
  const config: SimpleTabConfig = {
    id: 'sites',
    nameField: 'name',
    choiceField: 'siteType',
    choices: siteTypes,
    choiceLabel: (choice) => t(`siteTypes.${choice as SiteType}`),
    schema: createSiteInput as unknown as Schema,
    rows: asRows(sites, (site) => ({ id: site.id, name: site.name, choice: site.siteType, active: site.active })),
    create: (input) => create.mutateAsync(input as CreateSiteInput),
    update: (input) => update.mutateAsync(input as UpdateSiteInput),
  };
  return <SimpleRecordTab config={config} />;
}

function StaffTab() {
  const { t } = useTranslation();
  const staff = useAllStaff();
  const create = useSettingsWrite('staff.create', queryKeys.staff);
  const update = useSettingsWrite('staff.update', queryKeys.staff);
  const config: SimpleTabConfig = {
    id: 'staff',
    nameField: 'displayName',
    choiceField: 'role',
    choices: staffRoles,
    choiceLabel: (choice) => t(`settings.roles.${choice as StaffRole}`),
    schema: createStaffInput as unknown as Schema,
    rows: asRows(staff, (member) => ({
      id: member.id,
      name: member.displayName,
      choice: member.role,
      active: member.active,
    })),
    create: (input) => create.mutateAsync(input as CreateStaffInput),
    update: (input) => update.mutateAsync(input as UpdateStaffInput),
  };
  return <SimpleRecordTab config={config} />;
}

function ServicesTab() {
  const { t } = useTranslation();
  const services = useAllServiceTypes();
  const create = useSettingsWrite('serviceTypes.create', queryKeys.serviceTypes);
  const update = useSettingsWrite('serviceTypes.update', queryKeys.serviceTypes);
  const config: SimpleTabConfig = {
    id: 'services',
    nameField: 'name',
    choiceField: 'kind',
    choices: serviceKinds,
    choiceLabel: (choice) => t(`settings.kinds.${choice as ServiceKind}`),
    schema: createServiceTypeInput as unknown as Schema,
    rows: asRows(services, (service) => ({
      id: service.id,
      name: service.name,
      choice: service.kind,
      active: service.active,
    })),
    create: (input) => create.mutateAsync(input as CreateServiceTypeInput),
    update: (input) => update.mutateAsync(input as UpdateServiceTypeInput),
  };
  return <SimpleRecordTab config={config} />;
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
