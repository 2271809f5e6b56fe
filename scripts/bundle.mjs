// One esbuild script bundles every shipped executable: each package lists its entry points
// in package.json under "flokoa.bundles" as { "entry": "out/src/x.js", "outfile": "dist/x.js", "format": "esm"|"cjs", "banner": "..." }.
import { build } from 'esbuild';
import { readdirSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const jobs = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const bundles = JSON.parse(readFileSync(manifest, 'utf8')).flokoa?.bundles ?? [];
  for (const b of bundles) {
    const outfile = join(dir, b.outfile);
    jobs.push(
      build({
        entryPoints: [join(dir, b.entry)],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: b.format ?? 'esm',
        external: b.external ?? [],
        sourcemap: 'linked',
        legalComments: 'none',
        logLevel: 'warning',
        banner:
          b.format === 'cjs'
            ? b.banner
              ? { js: b.banner }
              : undefined
            : {
                // Bundled CommonJS dependencies may call require(); give ESM bundles one.
                js: `${b.banner ? b.banner + '\n' : ''}import { createRequire as __flokoaCreateRequire } from 'node:module'; const require = __flokoaCreateRequire(import.meta.url);`,
              },
      }).then(() => {
        if (b.executable) chmodSync(outfile, 0o755);
      }),
    );
  }
}
await Promise.all(jobs);
