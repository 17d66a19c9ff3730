import * as vscode from 'vscode';
import { prompter, type PickItem } from '../ui/prompter';
import { expiryText } from '../format/expiry';
import { displayText } from '../format/text';
import { shortId } from '../format/time';
import type { TimeZoneMode } from '../format/time';
import { copyAllLinks, copyDownloadCommand, copyLink, type CopyText, type LinkCopyContext } from '../jobs/copyTexts';
import { linkCount, type DeliveryInfo } from '../jobs/delivery';
import { deliveryKindText } from '../jobs/labels';
import type { JobNode } from '../tree/jobNode';

/** The warning's first line: why the link of this job no longer works. */
function expiredMessage(id: string, d: DeliveryInfo, now: Date): string {
  if (d.expiresAt && d.expiresAt.getTime() <= now.getTime()) {
    return vscode.l10n.t('The download link of restore job {0}: {1}.', id, expiryText(d.expiresAt, now));
  }
  if (d.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED') {
    return vscode.l10n.t('The download link of restore job {0} has expired: it was downloaded as often as allowed.', id);
  }
  return vscode.l10n.t('The download link of restore job {0} has expired.', id);
}

/**
 * Copies a job's download link: the only one at once, or the one the user picks among several
 * (or all of them). Legacy links that need a verification header also come as a ready curl
 * command. Says what was copied and when it expires; warns first when it already has.
 */
export async function copyDeliveryUrl(node: Pick<JobNode, 'facts'>, deps: { timeZone: () => TimeZoneMode; now: () => Date }): Promise<void> {
  const f = node.facts;
  const d = f.delivery;
  const id = displayText(shortId(f.id), 40);
  const count = linkCount(d);
  // Private-endpoint links only work inside their VPC: offered when there is nothing else.
  const links = count.public > 0 ? d.links : d.privateLinks;
  if (links.length === 0) {
    const bad = d.invalid[0];
    void vscode.window.showInformationMessage(
      bad
        ? vscode.l10n.t('Restore job {0} has no usable download link: {1} is {2}.', id, bad.path, bad.reason)
        : vscode.l10n.t('Restore job {0} has no download link: its delivery is "{1}".', id, deliveryKindText(f)),
    );
    return;
  }

  const now = deps.now();
  if (d.expired) {
    const copyAnyway = vscode.l10n.t('Copy Anyway');
    const choice = await prompter().warn(
      expiredMessage(id, d, now),
      vscode.l10n.t('Atlas will refuse it. Start a new restore in Atlas to get a fresh link.'),
      false,
      copyAnyway,
    );
    if (choice !== copyAnyway) return;
  }

  const ctx: LinkCopyContext = { delivery: d, now };
  const items: PickItem<CopyText>[] = [];
  for (const [i, link] of links.entries()) {
    const name = displayText(link.name, 100);
    items.push({
      label: `$(link) ${name}`,
      description: link.endpointId
        ? vscode.l10n.t('private endpoint {0}', displayText(link.endpointId, 60))
        : link.replicaSetName
          ? vscode.l10n.t('replica set')
          : undefined,
      detail: links.length > 1 ? vscode.l10n.t('File {0} of {1}', i + 1, links.length) : undefined,
      value: copyLink(ctx, link),
    });
    if (link.authHeader) {
      items.push({
        label: `$(terminal) ${vscode.l10n.t('Download command for {0}', name)}`,
        description: vscode.l10n.t('curl with the {0} header', displayText(link.authHeader.name, 60)),
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
      title: vscode.l10n.t('Copy Delivery URL — restore job {0}', id),
      placeholder: vscode.l10n.t('Which link?'),
      items,
    });
    copied = typeof picked === 'object' ? picked : undefined;
  }
  if (!copied) return;
  await vscode.env.clipboard.writeText(copied.text);
  void vscode.window.showInformationMessage(copied.description);
}
