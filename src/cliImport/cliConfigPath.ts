import * as path from 'node:path';

/**
 * Where the Atlas CLI keeps its config.toml: `<user config dir>/atlascli/config.toml`, the user config dir being
 * Go's os.UserConfigDir, which the CLI asks for. The platform, environment and home are parameters so that every
 * OS's answer can be checked from any OS (the path module of the target OS joins them).
 */
export function cliConfigPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'win32') {
    // Go leaves %AppData% unset as an error; the folder Windows gives it by default is the better guess here.
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'atlascli', 'config.toml');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'atlascli', 'config.toml');
  }
  // Go refuses a relative XDG_CONFIG_HOME (the XDG spec says to ignore it); ~/.config is then the likeliest place.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const configHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(configHome, 'atlascli', 'config.toml');
}
