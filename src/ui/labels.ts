import * as vscode from 'vscode';
import type { RestoreJobFamily } from '../atlas/types';
import type { DeliveryKind } from '../jobs/facts';
import type { JobStatus } from '../jobs/status';

/** Localized names for the job vocabulary, shared by the tree, commands and the details panel. */
export function statusLabel(status: JobStatus): string {
  switch (status) {
    case 'pending':
      return vscode.l10n.t('Pending');
    case 'queued':
      return vscode.l10n.t('Queued');
    case 'inProgress':
      return vscode.l10n.t('In progress');
    case 'completed':
      return vscode.l10n.t('Completed');
    case 'failed':
      return vscode.l10n.t('Failed');
    case 'broken':
      return vscode.l10n.t('Broken');
    case 'cancelled':
      return vscode.l10n.t('Cancelled');
    case 'killed':
      return vscode.l10n.t('Killed');
    case 'expired':
      return vscode.l10n.t('Expired');
  }
}

export function deliveryKindLabel(kind: DeliveryKind): string {
  switch (kind) {
    case 'download':
      return vscode.l10n.t('Download');
    case 'automatedRestore':
      return vscode.l10n.t('Automated restore');
    case 'pointInTime':
      return vscode.l10n.t('Point-in-time restore');
    case 'restore':
      return vscode.l10n.t('Restore');
    case 'http':
      return vscode.l10n.t('HTTP download');
    case 'clientPitHttp':
      return vscode.l10n.t('Point-in-time HTTP download');
    case 'clientPitScp':
      return vscode.l10n.t('Point-in-time SCP');
    case 'scp':
      return vscode.l10n.t('SCP');
    case 'query':
      return vscode.l10n.t('Query');
    case 'thirdPartyCopy':
      return vscode.l10n.t('Third-party copy');
    case 'unknown':
      return vscode.l10n.t('Unknown delivery');
  }
}

export function familyLabel(family: RestoreJobFamily): string {
  switch (family) {
    case 'legacy':
      return vscode.l10n.t('Legacy backup');
    case 'cloudBackup':
      return vscode.l10n.t('Cloud backup');
    case 'serverless':
      return vscode.l10n.t('Serverless backup');
    case 'flex':
      return vscode.l10n.t('Flex backup');
  }
}
