import * as l10n from '@vscode/l10n';
import type { PageStrings } from './protocol';

/** The page's own words, translated here because the page has no l10n of its own. */
export function pageStrings(): PageStrings {
  return {
    loading: l10n.t('Loading the restore job…'),
    refresh: l10n.t('Refresh'),
    refreshing: l10n.t('Refreshing…'),
    openInAtlas: l10n.t('Open in Atlas'),
    restoreHistory: l10n.t('Restore History'),
    retry: l10n.t('Retry'),
    errorTitle: l10n.t('Could not load the restore job'),
    summary: l10n.t('Summary'),
    delivery: l10n.t('Delivery'),
    downloadLinks: l10n.t('Download links'),
    privateLinks: l10n.t('Private endpoint links'),
    privateLinksHint: l10n.t('These work only from inside the VPC of the private endpoint.'),
    authHeader: l10n.t('Auth header'),
    copy: l10n.t('Copy'),
    copyAll: l10n.t('Copy all'),
    copyAllLabel: l10n.t('Copy all download links, one per line'),
    copyCommand: l10n.t('Copy curl'),
    download: l10n.t('Download…'),
    downloadAll: l10n.t('Download all…'),
    downloadAllLabel: l10n.t('Download every file of this restore into a folder'),
    copied: l10n.t('Copied'),
    hashes: l10n.t('File hashes'),
    hashFile: l10n.t('File'),
    hashType: l10n.t('Type'),
    hashValue: l10n.t('Hash'),
    hashFilter: l10n.t('Filter by file name or hash'),
    hashFilterLabel: l10n.t('Filter the file hashes by file name or hash'),
    // The page puts the numbers in, formatted for its language; {0} stays as it is here.
    hashCount: l10n.t('{0} files', '{0}'),
    hashCountOne: l10n.t('1 file'),
    hashMatches: l10n.t('{0} of {1} files match', '{0}', '{1}'),
    hashNoMatch: l10n.t('No file name or hash contains “{0}”.', '{0}'),
    copyHash: l10n.t('Copy hash of {0}', '{0}'),
    loadingDocument: l10n.t('Loading the job document…'),
    json: l10n.t('Job document'),
    copyJson: l10n.t('Copy JSON'),
    openJson: l10n.t('Open as JSON document'),
    jobActions: l10n.t('Job actions'),
    keepOpen: l10n.t('Keep Open'),
    keepOpenHint: l10n.t('The next restore job you open from the tree replaces this one. Keep this panel open to give the next job a panel of its own.'),
  };
}
