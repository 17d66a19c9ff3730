import * as vscode from 'vscode';
import { isAtlasError, type NetworkProblem } from '../atlas';
import { MissingSecretError } from '../connections/atlasClients';
import { MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import { errorMessage } from '../format/errorMessage';

export interface FailureContext {
  /** Stable id of the row that stands for the failure. */
  id: string;
  parent: TreeNode | undefined;
  /** What could not be loaded, e.g. "cloud backup restore jobs" — already localized. */
  what: string;
  connectionId: string;
  retry: () => Promise<void> | void;
}

const ROLES_URL = 'https://www.mongodb.com/docs/atlas/reference/user-roles/';
const ACCESS_LIST_URL = 'https://www.mongodb.com/docs/atlas/configure-api-access/';
const NETWORK_SETUP_URL = 'https://code.visualstudio.com/docs/setup/network';

/**
 * Turns any failure into a row that says what happened and offers the way forward. Returns
 * undefined for a cancellation, which is not a failure worth showing.
 */
export function failureNode(error: unknown, ctx: FailureContext): MessageNode | undefined {
  const base = { retry: ctx.retry };
  if (error instanceof MissingSecretError) {
    return new MessageNode(ctx.id, ctx.parent, {
      kind: 'error',
      label: vscode.l10n.t('Secret missing'),
      description: vscode.l10n.t('sign in again'),
      detail: error.message,
      signInConnectionId: ctx.connectionId,
      command: { command: 'atlasRestoreJobs.signInAgain', title: vscode.l10n.t('Sign In Again…'), arguments: [ctx.connectionId] },
    });
  }
  if (!isAtlasError(error)) {
    return new MessageNode(ctx.id, ctx.parent, {
      ...base,
      kind: 'error',
      label: vscode.l10n.t('Could not load {0}', ctx.what),
      description: errorMessage(error),
      detail: errorMessage(error),
    });
  }
  switch (error.kind) {
    case 'cancelled':
      return undefined;
    case 'unauthorized':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t('Atlas rejected the credentials'),
        description: vscode.l10n.t('sign in again'),
        detail: error.message,
        signInConnectionId: ctx.connectionId,
        command: { command: 'atlasRestoreJobs.signInAgain', title: vscode.l10n.t('Sign In Again…'), arguments: [ctx.connectionId] },
      });
    case 'forbidden':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'warning',
        label: vscode.l10n.t('No access to {0}', ctx.what),
        description: error.requiredRole ? vscode.l10n.t('needs the {0} role', error.requiredRole) : vscode.l10n.t('access denied (403)'),
        detail: error.message,
        learnMoreUrl: ROLES_URL,
      });
    case 'ipAccessList':
      // Atlas may say so with a 401: the credentials are fine, the address is not, so no Sign In Again here.
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'warning',
        label: vscode.l10n.t('IP address not on the API access list'),
        description: vscode.l10n.t('add this address in Atlas, then retry'),
        detail: error.message,
        learnMoreUrl: ACCESS_LIST_URL,
      });
    case 'conflict':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'warning',
        label: vscode.l10n.t('Atlas reported a conflicting change'),
        description: vscode.l10n.t('changed meanwhile, retry'),
        detail: error.message,
      });
    case 'gone':
      return new MessageNode(ctx.id, ctx.parent, {
        kind: 'info',
        label: vscode.l10n.t('{0}: retired by Atlas', capitalize(ctx.what)),
        description: vscode.l10n.t('410 Gone'),
        detail: error.message,
      });
    case 'notAcceptable':
      return new MessageNode(ctx.id, ctx.parent, {
        kind: 'error',
        label: vscode.l10n.t('Atlas no longer accepts this API version'),
        description: vscode.l10n.t('update the extension'),
        detail: error.message,
      });
    case 'notFound':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'warning',
        label: vscode.l10n.t('Not found: {0}', ctx.what),
        description: vscode.l10n.t('it may have been deleted'),
        detail: error.message,
      });
    case 'invalidInput':
    case 'badRequest':
      return new MessageNode(ctx.id, ctx.parent, {
        kind: 'error',
        label: vscode.l10n.t('Could not load {0}', ctx.what),
        description: vscode.l10n.t('invalid request'),
        detail: error.message,
      });
    case 'rateLimited':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'warning',
        label: vscode.l10n.t('Atlas rate limit reached'),
        description:
          error.retryAfterSeconds !== undefined
            ? vscode.l10n.t('retry in {0} s', error.retryAfterSeconds)
            : vscode.l10n.t('retry in a minute'),
        detail: error.message,
      });
    case 'timeout':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t('Atlas did not answer in time'),
        description: vscode.l10n.t('retry, or raise the request timeout'),
        detail: error.message,
      });
    case 'network':
      if (error.networkProblem) return networkProblemNode(error.networkProblem, error.message, ctx);
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t('Could not reach Atlas'),
        description: vscode.l10n.t('check the network, then retry'),
        detail: error.message,
      });
    case 'server':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t('Atlas failed to answer'),
        description: error.status ? vscode.l10n.t('server error {0}, retry', error.status) : vscode.l10n.t('retry'),
        detail: error.message,
      });
    case 'badResponse':
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t("Atlas's answer could not be read"),
        description: vscode.l10n.t('retry'),
        detail: error.message,
      });
    default: {
      // A kind added to the client without a row of its own still shows (and fails the type check).
      const unknownKind: never = error.kind;
      return new MessageNode(ctx.id, ctx.parent, {
        ...base,
        kind: 'error',
        label: vscode.l10n.t('Could not load {0}', ctx.what),
        description: String(unknownKind),
        detail: error.message,
      });
    }
  }
}

/** A certificate or proxy failure: what is at fault, the setting that mends it, Retry and the log as for any network failure. */
function networkProblemNode(problem: NetworkProblem, detail: string, ctx: FailureContext): MessageNode {
  const [label, description] = (() => {
    switch (problem) {
      case 'untrustedCertificate':
        return [vscode.l10n.t('Certificate not trusted'), vscode.l10n.t('see http.systemCertificates')];
      case 'invalidCertificate':
        return [vscode.l10n.t('Certificate not valid'), vscode.l10n.t('expired, or for another host')];
      case 'proxyCredentials':
        return [vscode.l10n.t('The proxy asks for credentials'), vscode.l10n.t('check http.proxy')];
      case 'proxyUnreachable':
        return [vscode.l10n.t('Could not reach the proxy'), vscode.l10n.t('check http.proxy, then retry')];
      case 'proxyRefused':
        return [vscode.l10n.t('The proxy refused the connection'), vscode.l10n.t('see http.noProxy')];
    }
  })();
  return new MessageNode(ctx.id, ctx.parent, { retry: ctx.retry, kind: 'error', label, description, detail, learnMoreUrl: NETWORK_SETUP_URL });
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
