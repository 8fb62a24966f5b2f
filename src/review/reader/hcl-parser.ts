import type { Worker } from 'worker_threads';

/** hcl2json's answer for one text: its JSON form, or its diagnostics as it words them. */
export type HclParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * The parser failed as a program, not on the text's syntax: its runtime exited or overflowed its
 * stack, it threw something that is not a diagnostic, or it did not answer in time. The text is
 * not read; the parser that failed is never asked again.
 */
export class HclParserFault extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'HclParserFault';
  }
}

export interface HclParserOptions {
  /** How long one text may take, from its length; by default 30 s plus 1 s per 100 kB. */
  readonly timeoutMs?: (textLength: number) => number;
}

type WorkerAnswer =
  | { readonly kind: 'parsed'; readonly value: unknown }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'fault'; readonly detail: string; readonly output: string };

/**
 * hcl2json (a Go program compiled to WebAssembly) in a worker thread that can be timed out and
 * replaced. In-process, a text nested deeply enough overflowed the stack the Go runtime shares
 * with JavaScript; from then on its promises never settled, Node's event loop emptied, and the
 * command exited 0 with nothing judged. Here a fault ends that worker, the text is reported as
 * not read, and the next text gets a fresh parser.
 *
 * One text at a time: the Go runtime is single-threaded anyway, and a fault then belongs to
 * exactly one file. An idle worker does not keep the process alive.
 */
export class HclParser {
  private worker?: Worker;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: (textLength: number) => number;

  constructor(options: HclParserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? ((length) => 30_000 + Math.ceil(length / 100_000) * 1_000);
  }

  /** Parses one text; rejects only with HclParserFault. */
  public parse(fileName: string, text: string): Promise<HclParseResult> {
    const answer = this.queue.then(() => this.parseNow(fileName, text));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  /** Ends the worker, if any: for tests and embedders that want no thread left. */
  public async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private parseNow(fileName: string, text: string): Promise<HclParseResult> {
    const worker = this.worker ??= startWorker();
    return new Promise<HclParseResult>((resolve, reject) => {
      const timeout = this.timeoutMs(text.length);
      const finish = (result: HclParseResult | HclParserFault) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (result instanceof HclParserFault) {
          // A parser that failed once may hold a broken runtime: it is never asked again.
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
          reject(result);
        } else {
          worker.unref();
          resolve(result);
        }
      };
      const onMessage = (answer: WorkerAnswer) => {
        if (answer.kind === 'parsed') finish({ ok: true, value: answer.value });
        else if (answer.kind === 'error') finish({ ok: false, message: answer.message });
        else finish(new HclParserFault(describeFault(answer.detail, answer.output)));
      };
      const onError = (error: Error) => finish(new HclParserFault(`it failed: ${error.message}`));
      const onExit = (code: number) => finish(new HclParserFault(`it stopped (exit ${code})`));
      const timer = setTimeout(() => finish(new HclParserFault(`it did not answer within ${describeTimeout(timeout)}`)), timeout);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      // Held open while a text is being parsed, so the process waits for the answer.
      worker.ref();
      worker.postMessage({ fileName, text });
    });
  }
}

function describeTimeout(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** What the parser printed when it failed, first line only: a Go runtime trace is hundreds of lines. */
function describeFault(detail: string, output: string): string {
  const first = output.split('\n').find((line) => line.trim() !== '')?.trim();
  return first === undefined ? detail : `${detail}: ${first.length > 200 ? `${first.slice(0, 200)}…` : first}`;
}

function startWorker(): Worker {
  // Loaded with the first HCL file: a review of JSON alone never pays for worker_threads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker: ParserThread } = require('worker_threads') as typeof import('worker_threads');
  const worker = new ParserThread(`(${parserWorker.toString()})()`, {
    eval: true,
    workerData: {
      wasmExec: require.resolve('@cdktf/hcl2json/wasm/bridge_wasm_exec.js'),
      hcl2json: require.resolve('@cdktf/hcl2json'),
    },
    // Whatever the parser prints is kept by the worker itself; nothing reaches the user's terminal.
    // The streams are left unread: reading them would keep the process alive after the review.
    stdout: true,
    stderr: true,
  });
  worker.unref();
  return worker;
}

/**
 * The worker's whole program, started from its source text: it closes over nothing of this
 * module and reaches hcl2json by the paths it is given. It keeps what the Go runtime writes to
 * standard output and error (a runtime trace), and reports the runtime's exit as a fault, since
 * hcl2json's program never exits on its own.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
function parserWorker(): void {
  const { parentPort, workerData } = require('worker_threads') as typeof import('worker_threads');
  const { wasmExec, hcl2json } = workerData as { wasmExec: string; hcl2json: string };
  const port = parentPort!;
  const global = globalThis as unknown as {
    fs: typeof import('fs');
    Go: new () => { exit: (code: number) => void };
  };
  // Sets globalThis.fs and globalThis.Go, which hcl2json's bridge then uses.
  require(wasmExec);
  const nodeFs = global.fs;
  const decoder = new TextDecoder();
  let output = '';
  const keep = (bytes: Uint8Array) => {
    if (output.length < 4096) output += decoder.decode(bytes);
  };
  global.fs = Object.assign(Object.create(nodeFs) as typeof import('fs'), {
    writeSync(fd: number, bytes: Uint8Array, ...rest: unknown[]): number {
      if (fd !== 1 && fd !== 2) return (nodeFs.writeSync as (...args: unknown[]) => number)(fd, bytes, ...rest);
      keep(bytes);
      return bytes.length;
    },
    write(fd: number, bytes: Uint8Array, offset: number, length: number, position: unknown, callback: (e: Error | null, n?: number) => void): void {
      if (fd !== 1 && fd !== 2) {
        (nodeFs.write as (...args: unknown[]) => void)(fd, bytes, offset, length, position, callback);
        return;
      }
      keep(bytes.subarray(offset, offset + length));
      callback(null, length);
    },
  });
  const GoRuntime = global.Go;
  global.Go = class extends GoRuntime {
    constructor() {
      super();
      this.exit = (code: number) => port.postMessage({ kind: 'fault', detail: `its runtime exited (code ${code})`, output });
    }
  };
  const { parse } = require(hcl2json) as { parse: (fileName: string, text: string) => Promise<unknown> };
  port.on('message', ({ fileName, text }: { fileName: string; text: string }) => {
    parse(fileName, text).then(
      (value) => port.postMessage({ kind: 'parsed', value }),
      (error: unknown) => {
        // The bridge rejects with a plain Error holding the diagnostics; anything else (a
        // RangeError from an overflowed stack) is the runtime failing, not the text.
        if (error instanceof Error && error.constructor === Error) port.postMessage({ kind: 'error', message: error.message });
        else port.postMessage({ kind: 'fault', detail: `it failed: ${error instanceof Error ? error.message : String(error)}`, output });
      },
    );
  });
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The parser the review command uses: one per process, replaced when it faults. */
export const HCL_PARSER = new HclParser();
