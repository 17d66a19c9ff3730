import * as l10n from '@vscode/l10n';
import type { HistoryStrings } from './historyProtocol';

/** The history page's own words, translated here because the page has no l10n of its own. */
export function historyStrings(): HistoryStrings {
  return {
    refresh: l10n.t('Refresh'),
    refreshing: l10n.t('Refreshing…'),
    copyNote: l10n.t('Copy as Incident Note'),
    changeWindow: l10n.t('Change Window…'),
    actions: l10n.t('History actions'),
    chartLabel: l10n.t('Timeline'),
    chartHelp: l10n.t('One mark per restore, at its request time, as tall as its time to ready. Arrow keys move between marks; Enter opens one.'),
    chartRole: l10n.t('timeline'),
    tickMinutes: l10n.t('{0} min'),
    tickHours: l10n.t('{0} h'),
    tickDays: l10n.t('{0} d'),
    slowest: l10n.t('slowest'),
    problemsTitle: l10n.t('Some lists could not be loaded; the history shows the rest.'),
    axisTimeToReady: l10n.t('Time to ready'),
    legend: l10n.t('Legend'),
    figures: l10n.t('The numbers'),
    table: l10n.t('Restores'),
    tableCaption: l10n.t('Every restore of the window, newest first'),
    columnRequested: l10n.t('Requested'),
    columnCluster: l10n.t('Cluster'),
    columnStatus: l10n.t('Status'),
    columnDuration: l10n.t('Time to ready'),
    columnJob: l10n.t('Job'),
    openJob: l10n.t('Open the job details'),
    loading: l10n.t('Loading the restore history…'),
    retry: l10n.t('Retry'),
  };
}
