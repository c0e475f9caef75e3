// Types of server.mjs, for the TypeScript tests.
export interface Mount {
  /** URL path prefix ending in '/', e.g. '/data/'. */
  prefix: string;
  dir: string;
  /** Send COOP/COEP/CORP so the page is cross-origin isolated. */
  isolated: boolean;
}
export declare function startServer(mounts: Mount[]): Promise<{ origin: string; close(): Promise<void> }>;
