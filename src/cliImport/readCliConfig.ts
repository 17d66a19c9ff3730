import * as l10n from '@vscode/l10n';
import { readFile, stat } from 'node:fs/promises';
import { CliConfigError, type CliConfig } from './cliProfile';
import { parseCliConfig } from './parseCliConfig';

/** Far more than any CLI configuration (a profile is a few hundred bytes): a file this big was chosen by mistake. */
const MAX_BYTES = 1024 * 1024;

/** Reads and parses a config.toml; every way it can fail is a CliConfigError whose message finishes "Nothing was imported from …: ". */
export async function readCliConfig(file: string): Promise<CliConfig> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliConfigError(l10n.t('it is a folder, not a file.'));
    if (info.size > MAX_BYTES) throw new CliConfigError(l10n.t('at {0} bytes it is too large to be an Atlas CLI configuration.', info.size));
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CliConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliConfigError(l10n.t('there is no such file.'));
    if (code === 'EACCES' || code === 'EPERM') throw new CliConfigError(l10n.t('you are not allowed to read it ({0}).', code));
    throw new CliConfigError(l10n.t('it cannot be read ({0}).', code ?? String(error)));
  }
  return parseCliConfig(text);
}
