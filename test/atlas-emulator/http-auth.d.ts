// Types for the parts of http-auth 4.2.1 the emulator uses (the package ships none).
declare module 'http-auth' {
  import type { IncomingMessage } from 'node:http';

  export interface DigestResult {
    user?: string;
    pass?: boolean;
    stale?: boolean;
  }

  export interface DigestAuth {
    /** [nonce, issuedAtMs, lastNc] for every nonce handed out and not yet expired. */
    nonces: [string, number, number][];
    options: { realm: string; qop: string; algorithm: string };
    isAuthenticated(req: IncomingMessage, callback: (result: DigestResult | Error) => void): void;
    parseAuthorization(header: string): Record<string, string> | undefined;
    askNonce(): string;
    generateHeader(result: DigestResult): string;
  }

  export function digest(
    options: { realm: string; qop?: string; algorithm?: string },
    checker: (username: string, callback: (ha1: string | Error) => void, req: IncomingMessage) => void,
  ): DigestAuth;
}
