import { useSeededName } from '../i18n/seededNames';

/** Sites as <option>s in the order given, each by its name in the reader's language (for a NativeSelect). */
export function SiteOptions({ sites }: { sites: readonly { id: string; name: string }[] }) {
  const shown = useSeededName();
  return sites.map((site) => (
    <option key={site.id} value={site.id}>
      {shown(site.name)}
    </option>
  ));
}
