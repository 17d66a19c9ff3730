/**
 * Looking for what must never reach the disk, for the offline copy's unit tests (test/unit/offline) and its
 * integration test in VS Code alike: what a folder holds, and every secret of the demo data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, KIND_OF_FAMILY, type RunningEmulator } from '../atlas-emulator';

/** Every file under `folder`, as text. */
export function filesUnder(folder: string): { name: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(folder, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [{ name, text: readFileSync(join(folder, name), 'utf8') }];
    } catch {
      return []; // a folder
    }
  });
}

/**
 * Every value of the demo data that must never reach the disk: the credentials, every link of every job of
 * every family (signed or not), every legacy `authValue`, and the emulator's address itself.
 */
export function demoSecrets(emulator: RunningEmulator): string[] {
  const found = new Set<string>([DEMO_SERVICE_ACCOUNT.clientSecret, DEMO_API_KEY.privateKey, emulator.baseUrl, new URL(emulator.baseUrl).host]);
  const walk = (value: unknown, name = ''): void => {
    if (typeof value === 'string') {
      if (value.includes('://') || /^auth(Value)?$/.test(name)) found.add(value);
      for (const m of value.matchAll(/[?&](signature|X-Amz-Signature|X-Amz-Credential|key)=([^&]+)/gi)) found.add(decodeURIComponent(m[2]!));
    } else if (Array.isArray(value)) {
      value.forEach((v) => walk(v, name));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  const store = emulator.store;
  for (const project of store.projects()) {
    for (const family of Object.keys(KIND_OF_FAMILY) as (keyof typeof KIND_OF_FAMILY)[]) {
      for (const cluster of store.clusters(project.id, KIND_OF_FAMILY[family])) walk(store.restoreJobs(project.id, cluster.name, family));
    }
  }
  return [...found];
}
