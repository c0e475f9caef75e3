// Types of build-wasm-lib.mjs, for the TypeScript tests.
export declare const KERNEL_SOURCES: string;
export declare const ENTRY: string;
export declare const OUTPUTS: { shared: string; single: string };
export declare function compileKernels(root: string, shared: boolean): Promise<Uint8Array>;
