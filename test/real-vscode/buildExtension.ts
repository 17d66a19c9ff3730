// Builds the extension and the integration test bundle (scripts/build.mjs) before a real-VS-Code run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { say, seconds } from '../../scripts/real-vscode/log';

export function buildExtension(): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`build failed (scripts/build.mjs exit ${r.status ?? r.signal})`);
  say(`build: extension + test bundle (${seconds(started)})`);
}
