import * as vscode from 'vscode';
import { ATLAS_SITES, isAtlasError, normalizeBaseUrl, type AtlasClient } from '../atlas';
import { credentialsOf, type AtlasSiteId, type ConnectionInfo } from '../connections/model';
import { validateBaseUrl, validateLabel, validateSecret } from '../connections/validateInput';
import { MultiStepInput, type Step } from '../ui/multiStepInput';
import { prompter } from '../ui/prompter';
import { errorMessage } from '../format/errorMessage';
import type { ConnectionDeps } from './connectionCommands';
import { checkInStep, identifierQuestion } from './credentialSteps';

type Kind = ConnectionInfo['kind'];

/** What the steps have gathered; it outlives Back, so a step shown again offers what was entered. */
interface Draft {
  readonly deps: ConnectionDeps;
  kind?: Kind;
  site?: AtlasSiteId;
  baseUrl?: string;
  publicId?: string;
  secret?: string;
  label?: string;
  /** The client that passed the check: the tree starts with its token (or Digest nonce). */
  client?: AtlasClient;
}

const TOTAL_STEPS = 5;

/**
 * The "Add Atlas Connection" flow: kind, site, identifier, secret, label — then one real request
 * to Atlas before anything is saved. Back goes one step back; Escape cancels without a trace.
 */
export async function addConnection(deps: ConnectionDeps): Promise<ConnectionInfo | undefined> {
  const draft: Draft = { deps };
  const title = vscode.l10n.t('Add Atlas Connection');
  if (!(await MultiStepInput.run(prompter(), { title, totalSteps: TOTAL_STEPS }, chooseKind, draft))) return undefined;
  const saved = await deps.store.add(
    { label: draft.label!, kind: draft.kind!, site: draft.site!, baseUrl: draft.baseUrl!, publicId: draft.publicId! },
    draft.secret!,
  );
  deps.clients.adopt(saved.id, draft.client!);
  return saved;
}

async function chooseKind(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  draft.kind = await input.pick<Kind>(1, {
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
  return chooseSite;
}

async function chooseSite(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  draft.site = await input.pick<AtlasSiteId>(2, {
    placeholder: vscode.l10n.t('Which Atlas?'),
    items: [
      { label: vscode.l10n.t('MongoDB Atlas'), description: ATLAS_SITES.commercial, value: 'commercial' },
      { label: vscode.l10n.t('Atlas for Government'), description: ATLAS_SITES.government, value: 'government' },
      {
        label: vscode.l10n.t('Other base URL…'),
        detail: vscode.l10n.t('Another https:// address, or http://127.0.0.1 for a local Atlas emulator'),
        value: 'custom',
      },
    ],
  });
  if (draft.site === 'custom') return enterBaseUrl;
  draft.baseUrl = ATLAS_SITES[draft.site];
  return enterIdentifier;
}

/** Still step 2: Back from it returns to the choice of site, and Back from step 3 skips it. */
async function enterBaseUrl(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  const url = await input.input(2, {
    prompt: vscode.l10n.t('Base URL of the Atlas Administration API (without /api/atlas/v2)'),
    placeholder: 'https://cloud.mongodb.com',
    value: draft.baseUrl,
    validate: validateBaseUrl,
  });
  draft.baseUrl = normalizeBaseUrl(url);
  return enterIdentifier;
}

async function enterIdentifier(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  const sa = draft.kind === 'serviceAccount';
  const id = await input.input(3, {
    ...identifierQuestion(draft.kind!, draft.publicId),
    placeholder: sa ? 'mdb_sa_id_…' : vscode.l10n.t('e.g. abcdefgh'),
  });
  draft.publicId = id.trim();
  return enterSecret;
}

async function enterSecret(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  const sa = draft.kind === 'serviceAccount';
  const secret = await input.input(4, {
    prompt: sa
      ? vscode.l10n.t("Client secret of the service account (kept in VS Code's secret storage)")
      : vscode.l10n.t("Private key of the API key (kept in VS Code's secret storage)"),
    placeholder: sa ? 'mdb_sa_sk_…' : '',
    password: true,
    validate: validateSecret,
  });
  draft.secret = secret.trim();
  draft.deps.log.addSecret(draft.secret);
  return enterLabel;
}

async function enterLabel(input: MultiStepInput, draft: Draft): Promise<Step<Draft>> {
  const label = await input.input(5, {
    prompt: vscode.l10n.t('A name for this connection in the Restore Jobs view'),
    value: draft.label ?? defaultLabel(draft),
    validate: validateLabel,
  });
  draft.label = label.trim();
  return checkWithAtlas;
}

/** Checks the credentials with a real request; on failure says why and offers to change the step at fault. */
async function checkWithAtlas(input: MultiStepInput, draft: Draft): Promise<Step<Draft> | undefined> {
  const { clients, log } = draft.deps;
  const checked = await checkInStep(input, clients, draft.baseUrl!, credentialsOf(draft.kind!, draft.publicId!, draft.secret!));
  if ('client' in checked) {
    log.info(`Connection "${draft.label}" verified against ${draft.baseUrl}`);
    draft.client = checked.client;
    return undefined;
  }
  const { error } = checked;
  log.warn(`Credential check for "${draft.label}" failed: ${errorMessage(error)}`);
  const editSecret = vscode.l10n.t('Edit Credentials');
  const editSite = vscode.l10n.t('Change Atlas Site');
  const tryAgain = vscode.l10n.t('Try Again');
  // When Atlas could not be reached, the site is the likelier culprit: offer it first. When the address is
  // not on the access list, the credentials are fine: the user adds the address in Atlas and tries again.
  const network = isAtlasError(error) && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'notFound');
  const accessList = isAtlasError(error) && error.kind === 'ipAccessList';
  const choice = await prompter().warn(
    vscode.l10n.t('The connection was not saved: {0}', errorMessage(error)),
    undefined,
    false,
    ...(accessList ? [tryAgain, editSecret, editSite] : network ? [editSite, editSecret] : [editSecret, editSite]),
  );
  if (choice === tryAgain) return checkWithAtlas;
  if (choice === editSecret) input.backTo(enterIdentifier);
  if (choice === editSite) input.backTo(chooseSite);
  input.cancel();
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
