import { build } from 'esbuild';

/**
 * fast-check bundled for the page, as the global `fc`: junk that cannot cross from Node into a
 * page (functions, symbols, proxies, throwing getters) has to be made inside it.
 */
export async function fastCheckForThePage(): Promise<string> {
  const result = await build({
    stdin: { contents: "export * from 'fast-check';", resolveDir: import.meta.dirname },
    bundle: true,
    format: 'iife',
    globalName: 'fc',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'warning',
  });
  const source = result.outputFiles[0]?.text;
  if (source === undefined) throw new Error('esbuild produced no fast-check bundle');
  return source;
}
