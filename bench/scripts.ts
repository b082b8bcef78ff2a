/**
 * Where the bench runs from: `npm run bench` compiles src/ and bench/ with tsc into dist-bench/
 * and runs the JavaScript, so figures measure the code users run (`dist/`), not tsx's on-the-fly
 * transform (its keepNames wrappers alone cost a few percent on hot paths). Run from source
 * (`node --import tsx bench/run.ts`) the same helpers spawn sibling scripts through tsx.
 */
import { fileURLToPath } from 'node:url';

const compiled = import.meta.url.endsWith('.js');

/** The repository root (dist-bench/bench/ → ../.., bench/ → ..). */
export const repoRoot = fileURLToPath(new URL(compiled ? '../..' : '..', import.meta.url));

/** node arguments that run sibling bench script `name` (without extension). */
export function scriptArgs(name: string): string[] {
  const file = fileURLToPath(new URL(`./${name}.${compiled ? 'js' : 'ts'}`, import.meta.url));
  return compiled ? [file] : ['--import', 'tsx', file];
}

/** execArgv for forking this same script kind (compiled: none; source: tsx). */
export const forkExecArgv: string[] = compiled ? [] : ['--import', 'tsx'];
