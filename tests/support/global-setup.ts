import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Compiles src/ to lib/ so that tests run the same CLI a user runs. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
