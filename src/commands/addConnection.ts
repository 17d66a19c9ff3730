import * as vscode from 'vscode';
import { ATLAS_SITES, isAtlasError, normalizeBaseUrl, type AtlasClient } from '../atlas';
import { checkCredentials, credentialsOf } from '../connections/checkCredentials';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { AtlasSiteId, ConnectionInfo } from '../connections/model';
import { BACK, prompter, type PickItem } from '../ui/prompter';
import type { Log } from '../logging/log';
import { errorMessage } from '../format/errorMessage';

type Kind = ConnectionInfo['kind'];

interface Draft {
  kind?: Kind;
  site?: AtlasSiteId;
  baseUrl?: string;
  publicId?: string;
  secret?: string;
  label?: string;
}

const TOTAL_STEPS = 5;

/** Client ids and public keys carry no spaces; anything else is a paste accident. */
export function validateIdentifier(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Enter a value.');
  if (/\s/.test(v)) return vscode.l10n.t('It cannot contain spaces.');
  return undefined;
}

function validateSecret(value: string): string | undefined {
  if (!value.trim()) return vscode.l10n.t('Enter the secret.');
  if (/\s/.test(value.trim())) return vscode.l10n.t('It cannot contain spaces.');
  return undefined;
}

function validateBaseUrl(value: string): string | undefined {
  try {
    normalizeBaseUrl(value);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}

function defaultLabel(draft: Draft): string {
  const host = (() => {
    try {
      return new URL(draft.baseUrl ?? '').host;
    } catch {
      return draft.baseUrl ?? '';
    }
  })();
  if (draft.site === 'commercial') return vscode.l10n.t('Atlas ({0})', draft.publicId ?? '');
  if (draft.site === 'government') return vscode.l10n.t('Atlas for Government ({0})', draft.publicId ?? '');
  return vscode.l10n.t('Atlas at {0}', host);
}

/**
 * The "Add Atlas Connection" flow: kind, site, identifier, secret, label — then one real request
 * to Atlas before anything is saved. Back goes one step back; Escape cancels without a trace.
 */
export async function addConnection(deps: {
  store: ConnectionStore;
  clients: AtlasClients;
  log: Log;
}): Promise<ConnectionInfo | undefined> {
  const p = prompter();
  const title = vscode.l10n.t('Add Atlas Connection');
  const draft: Draft = {};
  let step = 1;
  for (;;) {
    switch (step) {
      case 1: {
        const kind = await p.pick<Kind>({
          title,
          step: 1,
          totalSteps: TOTAL_STEPS,
          placeholder: vscode.l10n.t('How do you sign in to the Atlas Administration API?'),
          items: [
            {
              label: vscode.l10n.t('Service account'),
              description: vscode.l10n.t('recommended'),
              detail: vscode.l10n.t('OAuth 2.0 client id and secret of an Atlas service account'),
              value: 'serviceAccount',
              picked: draft.kind !== 'apiKey',
            },
            {
              label: vscode.l10n.t('API key'),
              description: vscode.l10n.t('legacy'),
              detail: vscode.l10n.t('Public and private key of a programmatic API key (HTTP Digest)'),
              value: 'apiKey',
              picked: draft.kind === 'apiKey',
            },
          ],
        });
        if (kind === undefined) return undefined;
        if (kind === BACK) continue;
        draft.kind = kind;
        step = 2;
        break;
      }
      case 2: {
        const items: PickItem<AtlasSiteId>[] = [
          { label: vscode.l10n.t('MongoDB Atlas'), description: ATLAS_SITES.commercial, value: 'commercial' },
          { label: vscode.l10n.t('Atlas for Government'), description: ATLAS_SITES.government, value: 'government' },
          {
            label: vscode.l10n.t('Other base URL…'),
            detail: vscode.l10n.t('Another https:// address, or http://127.0.0.1 for a local Atlas emulator'),
            value: 'custom',
          },
        ];
        const site = await p.pick<AtlasSiteId>({
          title,
          step: 2,
          totalSteps: TOTAL_STEPS,
          placeholder: vscode.l10n.t('Which Atlas?'),
          items,
        });
        if (site === undefined) return undefined;
        if (site === BACK) {
          step = 1;
          continue;
        }
        draft.site = site;
        if (site === 'custom') {
          const url = await p.input({
            title,
            step: 2,
            totalSteps: TOTAL_STEPS,
            prompt: vscode.l10n.t('Base URL of the Atlas Administration API (without /api/atlas/v2)'),
            placeholder: 'https://cloud.mongodb.com',
            value: draft.baseUrl,
            validate: validateBaseUrl,
          });
          if (url === undefined) return undefined;
          if (url === BACK) continue;
          draft.baseUrl = normalizeBaseUrl(url);
        } else {
          draft.baseUrl = ATLAS_SITES[site];
        }
        step = 3;
        break;
      }
      case 3: {
        const sa = draft.kind === 'serviceAccount';
        const value = await p.input({
          title,
          step: 3,
          totalSteps: TOTAL_STEPS,
          prompt: sa ? vscode.l10n.t('Client ID of the service account') : vscode.l10n.t('Public key of the API key'),
          placeholder: sa ? 'mdb_sa_id_…' : vscode.l10n.t('e.g. abcdefgh'),
          value: draft.publicId,
          validate: validateIdentifier,
        });
        if (value === undefined) return undefined;
        if (value === BACK) {
          step = 2;
          continue;
        }
        draft.publicId = value.trim();
        step = 4;
        break;
      }
      case 4: {
        const sa = draft.kind === 'serviceAccount';
        const value = await p.input({
          title,
          step: 4,
          totalSteps: TOTAL_STEPS,
          prompt: sa
            ? vscode.l10n.t("Client secret of the service account (kept in VS Code's secret storage)")
            : vscode.l10n.t("Private key of the API key (kept in VS Code's secret storage)"),
          placeholder: sa ? 'mdb_sa_sk_…' : '',
          password: true,
          validate: validateSecret,
        });
        if (value === undefined) return undefined;
        if (value === BACK) {
          step = 3;
          continue;
        }
        draft.secret = value.trim();
        deps.log.addSecret(draft.secret);
        step = 5;
        break;
      }
      case 5: {
        const value = await p.input({
          title,
          step: 5,
          totalSteps: TOTAL_STEPS,
          prompt: vscode.l10n.t('A name for this connection in the Restore Jobs view'),
          value: draft.label ?? defaultLabel(draft),
          validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
        });
        if (value === undefined) return undefined;
        if (value === BACK) {
          step = 4;
          continue;
        }
        draft.label = value.trim();
        const verified = await verify(draft, deps);
        if (typeof verified === 'object') {
          const saved = await deps.store.add(
            { label: draft.label, kind: draft.kind!, site: draft.site!, baseUrl: draft.baseUrl!, publicId: draft.publicId! },
            draft.secret!,
          );
          // The checked client already holds a token (or Digest nonce): the tree starts with it.
          deps.clients.adopt(saved.id, verified.client);
          return saved;
        }
        if (verified === 'cancel') return undefined;
        step = verified;
        break;
      }
    }
  }
}

/** Checks the credentials with a real request; on failure says why and offers to change the step at fault. */
async function verify(
  draft: Draft,
  deps: { clients: AtlasClients; log: Log },
): Promise<{ client: AtlasClient } | 'cancel' | 2 | 3 | 4> {
  try {
    const client = await checkCredentials(deps.clients, draft.baseUrl!, credentialsOf(draft.kind!, draft.publicId!, draft.secret!));
    deps.log.info(`Connection "${draft.label}" verified against ${draft.baseUrl}`);
    return { client };
  } catch (error) {
    if (isAtlasError(error) && error.kind === 'cancelled') return 'cancel';
    deps.log.warn(`Credential check for "${draft.label}" failed: ${errorMessage(error)}`);
    const editSecret = vscode.l10n.t('Edit Credentials');
    const editSite = vscode.l10n.t('Change Atlas Site');
    const message = errorMessage(error);
    const network = isAtlasError(error) && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'notFound');
    const choice = await prompter().warn(
      vscode.l10n.t('The connection was not saved: {0}', message),
      undefined,
      false,
      ...(network ? [editSite, editSecret] : [editSecret, editSite]),
    );
    if (choice === editSecret) return 3;
    if (choice === editSite) return 2;
    return 'cancel';
  }
}
