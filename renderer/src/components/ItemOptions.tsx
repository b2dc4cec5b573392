import { useTranslation } from 'react-i18next';
import type { Item } from '@contract/catalog';
import { itemCategories } from '@contract/vocabulary';
import { useSeededName } from '../i18n/seededNames';

/** Catalog items as <option>s grouped by category, in the catalog's category order (for a NativeSelect). */
export function ItemOptions({ items }: { items: readonly Item[] }) {
  const { t } = useTranslation();
  const shown = useSeededName();
  return itemCategories
    .map((category) => ({ category, items: items.filter((item) => item.category === category) }))
    .filter((group) => group.items.length > 0)
    .map((group) => (
      <optgroup key={group.category} label={t(`categories.${group.category}`)}>
        {group.items.map((item) => (
          <option key={item.id} value={item.id}>
            {shown(item.name)}
          </option>
        ))}
      </optgroup>
    ));
}
