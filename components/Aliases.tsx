/**
 * The options page's model aliases: labels a site shows that the catalog does not know, priced as a
 * model the user picked (set from the pill's details, or here). Bad input is refused with the reason
 * and changes nothing.
 */
import { useState } from 'preact/hooks';
import { findModel, type Catalog } from '@/lib/catalog';
import { aliasKey } from '@/lib/models/resolve';
import type { Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';

export function Aliases(props: { settings: Settings; catalog: Catalog; save: (s: Settings) => Promise<void>; onError: (text: string) => void }) {
  const { settings, catalog, save } = props;
  const [draft, setDraft] = useState<{ site: SiteId; label: string; model: string }>({ site: 'chatgpt', label: '', model: '' });
  const sites = Object.values(ADAPTERS);
  const entries = sites.flatMap((a) => Object.entries(settings.sites[a.id].modelAliases).map(([label, model]) => ({ site: a.id, name: a.name, label, model })));
  const setAliases = (site: SiteId, aliases: Record<string, string>) => save({ ...settings, sites: { ...settings.sites, [site]: { ...settings.sites[site], modelAliases: aliases } } });
  const modelName = (id: string) => {
    const match = findModel(catalog, id);
    return match.found ? match.model.name : `${id} (not in the catalog: unpriced)`;
  };
  return (
    <section aria-labelledby="aliases-h">
      <h2 id="aliases-h">Model aliases</h2>
      <p class="muted">
        When a site shows a model name the catalog does not know, its turns are unpriced. An alias prices that name, on that site, as a
        model you pick; such turns count as "you chose" in the popup.
      </p>
      {entries.length > 0 && (
        <ul class="rows" data-testid="aliases">
          {entries.map((e) => (
            <li key={`${e.site}:${e.label}`} data-site={e.site} data-label={e.label}>
              <span class="name">
                {e.name}: "{e.label}"
              </span>
              <span class="figure">→ {modelName(e.model)}</span>
              <button
                type="button"
                onClick={() => {
                  const { [e.label]: _gone, ...rest } = settings.sites[e.site].modelAliases;
                  void setAliases(e.site, rest);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          const label = aliasKey(draft.label);
          if (!label) return props.onError('Not saved: the label is empty');
          const match = findModel(catalog, draft.model);
          if (!match.found) return props.onError(`Not saved: "${draft.model}" is not a model in the catalog`);
          void setAliases(draft.site, { ...settings.sites[draft.site].modelAliases, [label]: match.model.id });
        }}
      >
        <select aria-label="Site" value={draft.site} onChange={(e) => setDraft({ ...draft, site: e.currentTarget.value as SiteId })}>
          {sites.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>{' '}
        <input aria-label="Label the site shows" placeholder="label, e.g. Ultra 7" value={draft.label} onInput={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />{' '}
        <input list="models" aria-label="Price as model" placeholder="model id" value={draft.model} onInput={(e) => setDraft({ ...draft, model: e.currentTarget.value })} />{' '}
        <button type="submit">Add alias</button>
      </form>
    </section>
  );
}
