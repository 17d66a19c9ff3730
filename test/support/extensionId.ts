import { name, publisher } from '../../package.json';

/** The id VS Code gives the extension, read from the manifest so that renaming it cannot leave a test behind. */
export const EXTENSION_ID = `${publisher}.${name}`;
