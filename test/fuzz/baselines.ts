/**
 * Valid-ish requests for every operation of every target: the schema's sample input
 * (test/protocols/sample-values.ts) aimed at the world's resources, serialized by the real client.
 */
import { sampleStructure, type SampleMode } from '../protocols/sample-values.js';
import type { RawRequest } from '../../protocols/index.js';
import { capture, hasCommand, TARGET_INFO, type Target } from './capture.js';
import { aimAtWorld, type World } from './world.js';

export interface Baseline {
  target: Target;
  operation: string;
  mode: SampleMode;
  raw: RawRequest;
}

const MODES: readonly SampleMode[] = ['required', 'full', 'single'];

export async function buildBaselines(w: World, targets: readonly Target[]): Promise<Map<Target, Baseline[]>> {
  const out = new Map<Target, Baseline[]>();
  for (const target of targets) {
    const { model } = TARGET_INFO[target];
    const list: Baseline[] = [];
    for (const [operation, op] of [...model.operations].sort(([a], [b]) => a.localeCompare(b))) {
      if (!hasCommand(target, operation)) continue;
      for (const mode of MODES) {
        for (const fifo of mode === 'required' ? [false] : [false, true]) {
          const input = sampleStructure(op.input, mode);
          aimAtWorld(w, target, op.input, input, fifo);
          const raw = await capture(target, operation, input);
          if (raw) list.push({ target, operation, mode, raw });
        }
      }
    }
    out.set(target, list);
  }
  return out;
}
