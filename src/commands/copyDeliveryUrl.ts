import * as vscode from 'vscode';
import { prompter, type PickItem } from '../ui/prompter';
import { formatDateTime, formatRelative, shortId } from '../format/time';
import type { TimeZoneMode } from '../format/time';
import { copyAllLinks, copyDownloadCommand, copyLink, type CopyText, type LinkCopyContext } from '../jobs/copyTexts';
import { deliveryKindLabel } from '../jobs/labels';
import type { JobNode } from '../tree/jobNode';

/**
 * Copies a job's download link: the only one at once, or the one the user picks among several
 * (or all of them). Legacy links that need a verification header also come as a ready curl
 * command. Says what was copied and when it expires; warns first when it already has.
 */
export async function copyDeliveryUrl(node: JobNode, deps: { timeZone: () => TimeZoneMode; now: () => Date }): Promise<void> {
  const f = node.facts;
  const d = f.delivery;
  const links = d.links.length ? d.links : d.privateLinks;
  if (links.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Restore job {0} has no download link: its delivery is "{1}".', shortId(f.id), deliveryKindLabel(f.deliveryKind)),
    );
    return;
  }

  const now = deps.now();
  if (d.expired) {
    const copyAnyway = vscode.l10n.t('Copy Anyway');
    const when = d.expiresAt ? formatRelative(d.expiresAt, now) : undefined;
    const choice = await prompter().warn(
      when
        ? vscode.l10n.t('The download link of restore job {0} expired {1}.', shortId(f.id), when)
        : vscode.l10n.t('The download link of restore job {0} has expired.', shortId(f.id)),
      vscode.l10n.t('Atlas will refuse it. Start a new restore in Atlas to get a fresh link.'),
      false,
      copyAnyway,
    );
    if (choice !== copyAnyway) return;
  }

  const ctx: LinkCopyContext = { jobId: f.id, delivery: d, now, dateTime: (date) => formatDateTime(date, deps.timeZone()) };
  const items: PickItem<CopyText>[] = [];
  for (const [i, link] of links.entries()) {
    items.push({
      label: `$(link) ${link.name}`,
      description: link.endpointId ? vscode.l10n.t('private endpoint {0}', link.endpointId) : link.replicaSetName ? vscode.l10n.t('replica set') : undefined,
      detail: links.length > 1 ? vscode.l10n.t('File {0} of {1}', i + 1, links.length) : undefined,
      value: copyLink(ctx, link),
    });
    if (link.authHeader) {
      items.push({
        label: `$(terminal) ${vscode.l10n.t('Download command for {0}', link.name)}`,
        description: vscode.l10n.t('curl with the {0} header', link.authHeader.name),
        detail: vscode.l10n.t('This link only works when the verification header is sent.'),
        value: copyDownloadCommand(ctx, link),
      });
    }
  }
  if (links.length > 1) {
    items.push({ label: `$(copy) ${vscode.l10n.t('All {0} URLs', links.length)}`, description: vscode.l10n.t('one per line'), value: copyAllLinks(ctx, links) });
  }

  let copied: CopyText | undefined;
  if (items.length === 1) {
    copied = items[0].value;
  } else {
    const picked = await prompter().pick<CopyText>({
      title: vscode.l10n.t('Copy Delivery URL — restore job {0}', shortId(f.id)),
      placeholder: vscode.l10n.t('Which link?'),
      items,
    });
    copied = typeof picked === 'object' ? picked : undefined;
  }
  if (!copied) return;
  await vscode.env.clipboard.writeText(copied.text);
  void vscode.window.showInformationMessage(copied.description);
}
