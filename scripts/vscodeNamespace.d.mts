import type { Plugin } from 'esbuild';

export const oneVscodeNamespace: Plugin;
