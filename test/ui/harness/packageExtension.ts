// Packages an extension folder into a .vsix with @vscode/vsce (offline), for tests that install it as users do.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../../scripts/real-vscode/config';

/** Runs `vsce package` in `folder` and returns the absolute path of the written .vsix (`outFile`). */
export function packageExtension(folder: string, outFile: string): string {
  const out = resolve(outFile);
  const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
    cwd: folder,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package failed in ${folder}:\n${r.stdout}${r.stderr}`);
  return out;
}
