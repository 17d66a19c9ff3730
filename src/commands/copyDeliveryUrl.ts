import * as vscode from 'vscode';
import { prompter, type PickItem } from '../ui/prompter';
import { formatDateTime, formatRelative, shortId } from '../format/time';
import { downloadCommand, type DeliveryLink } from '../jobs/delivery';
import type { TimeZoneMode } from '../format/time';
import { deliveryKindLabel } from '../jobs/labels';
import type { JobNode } from '../tree/jobNode';

type Choice = { kind: 'url'; link: DeliveryLink } | { kind: 'command'; link: DeliveryLink } | { kind: 'all'; links: DeliveryLink[] };

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

  const items: PickItem<Choice>[] = [];
  for (const [i, link] of links.entries()) {
    items.push({
      label: `$(link) ${link.name}`,
      description: link.endpointId ? vscode.l10n.t('private endpoint {0}', link.endpointId) : link.replicaSetName ? vscode.l10n.t('replica set') : undefined,
      detail: links.length > 1 ? vscode.l10n.t('File {0} of {1}', i + 1, links.length) : undefined,
      value: { kind: 'url', link },
    });
    if (link.authHeader) {
      items.push({
        label: `$(terminal) ${vscode.l10n.t('Download command for {0}', link.name)}`,
        description: vscode.l10n.t('curl with the {0} header', link.authHeader.name),
        detail: vscode.l10n.t('This link only works when the verification header is sent.'),
        value: { kind: 'command', link },
      });
    }
  }
  if (links.length > 1) {
    items.push({ label: `$(copy) ${vscode.l10n.t('All {0} URLs', links.length)}`, description: vscode.l10n.t('one per line'), value: { kind: 'all', links } });
  }

  let choice: Choice | undefined;
  if (items.length === 1) {
    choice = items[0].value;
  } else {
    const picked = await prompter().pick<Choice>({
      title: vscode.l10n.t('Copy Delivery URL — restore job {0}', shortId(f.id)),
      placeholder: vscode.l10n.t('Which link?'),
      items,
    });
    choice = typeof picked === 'object' ? picked : undefined;
  }
  if (!choice) return;

  const expiry = d.expiresAt
    ? d.expired
      ? vscode.l10n.t('It expired {0} ({1}).', formatRelative(d.expiresAt, now), formatDateTime(d.expiresAt, deps.timeZone()))
      : vscode.l10n.t('It expires {0} ({1}).', formatRelative(d.expiresAt, now), formatDateTime(d.expiresAt, deps.timeZone()))
    : vscode.l10n.t('Atlas does not say when it expires.');
  const downloads = d.maxDownloads !== undefined ? ` ${vscode.l10n.t('Atlas allows {0} downloads.', d.maxDownloads)}` : '';

  switch (choice.kind) {
    case 'url':
      await vscode.env.clipboard.writeText(choice.link.url);
      void vscode.window.showInformationMessage(
        `${vscode.l10n.t('Copied the download URL of restore job {0} ({1}).', shortId(f.id), choice.link.name)} ${expiry}${downloads}`,
      );
      return;
    case 'command':
      await vscode.env.clipboard.writeText(downloadCommand(choice.link));
      void vscode.window.showInformationMessage(
        `${vscode.l10n.t('Copied a curl command that downloads {0} with its {1} header.', choice.link.name, choice.link.authHeader?.name ?? '')} ${expiry}`,
      );
      return;
    case 'all':
      await vscode.env.clipboard.writeText(choice.links.map((l) => l.url).join('\n'));
      void vscode.window.showInformationMessage(
        `${vscode.l10n.t('Copied {0} download URLs of restore job {1}, one per line.', choice.links.length, shortId(f.id))} ${expiry}`,
      );
      return;
  }
}
