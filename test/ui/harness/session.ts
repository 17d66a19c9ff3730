// A real VS Code for a UI test: code-server with the extension (as under development, or installed from a VSIX
// the way users install it) and headless Chromium showing its workbench.
import { launchChromium, type Chromium } from '../../../scripts/real-vscode/browser';
import { startCodeServer, type CodeServer } from '../../../scripts/real-vscode/codeServer';
import { REPO_ROOT } from '../../../scripts/real-vscode/config';
import { say, seconds } from '../../../scripts/real-vscode/log';
import { Workbench } from './workbench';

export type ExtensionUnderTest =
  /** Load the unpackaged extension from this folder (default: the repository, built into dist/). */
  | { developmentPath: string; environment?: Record<string, string> }
  /** Install this .vsix with `code-server --install-extension` before start. */
  | { vsix: string }
  /** Symlink this built folder into the extensions folder: loaded as installed, no smoke-test driver needed. */
  | { linkedPath: string }
  /** Only VS Code's built-in extensions. */
  | null;

export interface VsCodeOptions {
  extension?: ExtensionUnderTest;
  /** Folder to open; default a fresh empty one. */
  workspace?: string;
  /**
   * Environment of code-server and so of the extension host, e.g. MONGODB_ATLAS_* for a connection from the
   * environment. MONGODB_ATLAS_* of this process are removed first, so a developer's credentials never leak in.
   */
  env?: Record<string, string | undefined>;
  /** User settings on top of the defaults (no welcome page, no telemetry, …). */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /**
   * code-server's smoke-test driver; default: on for a development-path extension (which needs it), off otherwise.
   * While it is on the workbench shows no notification toasts (the Workbench helpers read the notification center).
   */
  smokeTestDriver?: boolean;
  /** More built extension folders, symlinked into the extensions folder beside the one under test. */
  alsoLinked?: string[];
}

export interface VsCodeSession {
  server: CodeServer;
  browser: Chromium;
  workbench: Workbench;
  /** Closes the browser and stops code-server with its whole process tree. */
  close(): Promise<void>;
}

/** Sessions not yet closed — the UI runner screenshots them when a test fails. */
export const openSessions = new Set<VsCodeSession>();

function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('MONGODB_ATLAS_')) env[k] = undefined;
  return { ...env, ...extra };
}

/** Starts code-server + Chromium and waits until the workbench is visible. */
export async function launchVsCode(options: VsCodeOptions = {}): Promise<VsCodeSession> {
  const started = Date.now();
  const extension = options.extension === undefined ? { developmentPath: REPO_ROOT } : options.extension;
  const server = await startCodeServer({
    workspace: options.workspace,
    env: cleanEnv(options.env),
    settings: options.settings,
    installExtensions: extension && 'vsix' in extension ? [extension.vsix] : undefined,
    linkExtensions: [...(extension && 'linkedPath' in extension ? [extension.linkedPath] : []), ...(options.alsoLinked ?? [])],
    smokeTestDriver: options.smokeTestDriver ?? Boolean(extension && 'developmentPath' in extension),
  });
  let browser: Chromium | undefined;
  try {
    browser = await launchChromium({ viewport: options.viewport });
    const url =
      extension && 'developmentPath' in extension
        ? server.workbenchUrl({
            extensionDevelopmentPath: extension.developmentPath,
            extensionEnvironment: extension.environment,
          })
        : server.workbenchUrl();
    const workbench = new Workbench(browser.page);
    await browser.page.goto(url);
    await workbench.ready();
    const b = browser;
    const session: VsCodeSession = {
      server,
      browser: b,
      workbench,
      async close() {
        openSessions.delete(session);
        await b.close();
        await server.stop();
      },
    };
    openSessions.add(session);
    say(`ui: workbench visible at ${server.url} (${seconds(started)})`);
    return session;
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}
