// UI test harness: real VS Code (code-server) in headless Chromium, driven like a person would.
// See test/ui/harness/README.md.
export { launchVsCode, openSessions, type ExtensionUnderTest, type VsCodeOptions, type VsCodeSession } from './session';
export { SCREENSHOT_DIR, Workbench } from './workbench';
export { packageExtension } from './packageExtension';
export { pngInfo, type PngInfo } from './png';
