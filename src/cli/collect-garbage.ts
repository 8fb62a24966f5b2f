import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * A full garbage collection, now. V8 lets its heap grow to a few times what was alive at its last
 * full collection before it collects again; a command that has just let go of most of what it
 * holds (the audit's graph and reach of a whole tenant) says so, and its peak memory is what is
 * alive, not what was. Node's own way of reaching `gc` without a command-line flag: the flag set
 * now exposes it to contexts made after it.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
