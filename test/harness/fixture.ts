// The e2e tests' one fixture: the demo call's server, started once per file, and Chromium with the
// built test extension, launched on demand and closed after each test whatever happened in it.
//
//   import { test } from '../harness/fixture';
//   test('…', async ({ demo, launch }) => {
//     const b = await launch();
//     const page = await openDemoCallWatching(b, demo.port, 'talking/x.mp4');
//   });
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { test as base } from 'vitest';
import { launchWithExtension, type ExtensionBrowser, type LaunchOptions } from './browser.mjs';
import { startDemoServer } from './demoServer.mjs';

export type { ExtensionBrowser } from './browser.mjs';

/** The test build of the extension (`npm run build:test`): it carries the hooks the tests read. */
export const DIST = resolve('dist-test');

/** The demo call's server on a free loopback port. */
export interface DemoServer {
  port: number;
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
}

export const test = base
  // vitest reads a fixture's needs from its first parameter's pattern: these need none.
  // eslint-disable-next-line no-empty-pattern
  .extend('demo', { scope: 'file' }, async ({}, { onCleanup }): Promise<DemoServer> => {
    const server = await startDemoServer(0);
    onCleanup(() => {
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    return { port, url: (path: string) => `http://127.0.0.1:${port}${path}` };
  })
  // eslint-disable-next-line no-empty-pattern
  .extend('launch', async ({}, { onCleanup }) => {
    const opened: ExtensionBrowser[] = [];
    onCleanup(async () => {
      for (const b of opened) await b.close();
    });
    return async (opts?: LaunchOptions): Promise<ExtensionBrowser> => {
      const b = await launchWithExtension(DIST, opts);
      opened.push(b);
      return b;
    };
  });

export { describe, expect } from 'vitest';
