// Versions and on-disk locations of the "real VS Code" toolchain (code-server + Node 24 + Debian Chromium).
// Everything the setup installs lives under one cache folder so a second run, or a CI cache, can reuse it.
import { join, resolve } from 'node:path';

/** code-server 4.139.1 is VS Code 1.139.1 (server + web workbench). */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139.1 declares `engines.node: 24`; its native modules must be built against that ABI. */
export const NODE_VERSION = '24.21.0';

/** Repository root (this file is scripts/real-vscode/config.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Where setup installs Node 24 and code-server. Override with REAL_VSCODE_CACHE (e.g. a CI cache volume). */
export const CACHE_DIR = process.env.REAL_VSCODE_CACHE
  ? resolve(process.env.REAL_VSCODE_CACHE)
  : join(REPO_ROOT, '.vscode-test', 'real-vscode');

/** Debian Chromium; playwright-core drives it (never `playwright install`: that downloads a browser). */
export const CHROMIUM_PATH = process.env.REAL_VSCODE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that work for headless Debian Chromium as root on these machines (see ../shared/docs/real-vscode.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** npm package that ships a Node binary for this platform (only linux-x64 has been tried). */
export function nodePackageName(): string {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  return `node-linux-${arch}`;
}

export const paths = {
  cacheDir: CACHE_DIR,
  /** Marker written after a complete install; it records the versions so a second run can skip everything. */
  marker: join(CACHE_DIR, 'installed.json'),
  installLog: join(CACHE_DIR, 'install.log'),
  nodePrefix: join(CACHE_DIR, 'node'),
  get nodeHome(): string {
    return join(this.nodePrefix, 'node_modules', nodePackageName());
  },
  get nodeBin(): string {
    return join(this.nodeHome, 'bin', 'node');
  },
  codeServerPrefix: join(CACHE_DIR, 'code-server'),
  get codeServerEntry(): string {
    return join(this.codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  },
};

/**
 * User settings for every code-server instance we start: no welcome page, no AI/chat, no telemetry, no update or
 * trust prompts — so a test or a person sees only the extension.
 */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  // The (empty) secondary side bar would otherwise take a third of every screenshot.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};
