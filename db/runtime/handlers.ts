/**
 * Every channel's handler, gathered from the domain modules. The mapped type makes tsc fail if a
 * channel in the contract has no handler. Inputs arrive validated; domain functions validate
 * again because they are also called directly (tests, command line).
 */
import { catalogHandlers } from '../catalog/catalog';
import type { CoreChannelName } from '../contract/channel-names';
import { fieldEntryHandlers } from '../field-entries/field-entries';
import { presetHandlers } from '../presets/presets';
import type { Handler } from './operations';
import { systemHandlers } from '../system/system';
// >>> participants (helper A)
import { participantHandlers } from '../participants/participants';
// <<< participants
// >>> catalog, settings, staff, inventory (helper B)
import { inventoryHandlers } from '../inventory/inventory';
import { settingsHandlers } from '../settings/settings';
import { staffHandlers } from '../staff/staff';
// <<< catalog, settings, staff, inventory

export type { CoreContext } from './operations';

export const handlers: { [C in CoreChannelName]: Handler<C> } = {
  ...systemHandlers,
  ...fieldEntryHandlers,
  ...presetHandlers,
  // >>> participants (helper A)
  ...participantHandlers,
  // <<< participants
  // >>> catalog, settings, staff, inventory (helper B)
  ...settingsHandlers,
  ...staffHandlers,
  ...catalogHandlers,
  ...inventoryHandlers,
  // <<< catalog, settings, staff, inventory
};
