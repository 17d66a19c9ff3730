import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import { CLUSTER_KINDS, type ClusterDoc } from './families';
import { readBoolean, readObject, readRaw, readString } from './read';
import type { SummaryRow } from './summaryRows';

/**
 * What a cluster row says about a dedicated cluster, serverless instance or flex cluster, read from a
 * document whose fields may be missing or of any type.
 */

/** The cluster's name, or '' when the document has none. */
export function clusterNameOf(doc: ClusterDoc): string {
  return readString(readObject(doc.cluster)?.name) ?? '';
}

function kindLabel(doc: ClusterDoc): string {
  return Object.prototype.hasOwnProperty.call(CLUSTER_KINDS, doc.kind) ? CLUSTER_KINDS[doc.kind].label() : displayText(doc.kind, 40);
}

/** "Dedicated · sharded · paused · updating": the row's description. */
export function clusterDescription(doc: ClusterDoc): string {
  const c = readObject(doc.cluster) ?? {};
  const parts = [kindLabel(doc)];
  if (doc.kind === 'dedicated') {
    const type = readRaw(c.clusterType);
    if (type === 'SHARDED' || type === 'GEOSHARDED') parts.push(l10n.t('sharded'));
    if (readBoolean(c.paused) === true) parts.push(l10n.t('paused'));
  }
  const state = readRaw(c.stateName);
  if (state && state !== 'IDLE') parts.push(displayText(state, 40).toLowerCase());
  return parts.join(' · ');
}

/** What a cluster's hover lists, as plain text rows. */
export function clusterSummaryRows(doc: ClusterDoc): SummaryRow[] {
  const c = readObject(doc.cluster) ?? {};
  const text = (value: unknown) => displayText(readRaw(value));
  const entries: [string, string][] = [
    [l10n.t('Kind'), clusterDescription(doc)],
    [l10n.t('MongoDB'), text(c.mongoDBVersion)],
    [l10n.t('State'), text(c.stateName)],
  ];
  if (doc.kind === 'dedicated') {
    const backup = readBoolean(c.backupEnabled);
    entries.push(
      [l10n.t('Backup'), backup === undefined ? '' : backup ? l10n.t('cloud backup on') : l10n.t('off')],
      [l10n.t('Continuous backup'), readBoolean(c.pitEnabled) === true ? l10n.t('on') : ''],
    );
  } else {
    const provider = readObject(c.providerSettings);
    entries.push([l10n.t('Provider'), [text(provider?.backingProviderName), text(provider?.regionName)].filter(Boolean).join(' ')]);
  }
  entries.push([l10n.t('Id'), text(c.id)]);
  return entries.filter(([, value]) => value).map(([name, value]) => ({ name, value }));
}
