import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
// tsx by its resolved URL: a bare `tsx` would be looked up from the child's folder (see `cwd`).
const NODE_ARGS = ['--conditions=source', '--import', import.meta.resolve('tsx'), CLI];

/** Runs `porttask <args>` to completion, as a user would from a shell (in `cwd`, if given). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the API's URL once it logs that it listens. */
  url: Promise<string>;
  /** Everything it printed so far (its JSON log lines are on stderr). */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `porttask serve --port 0`, logging at info level. */
export function startServeProcess(env: NodeJS.ProcessEnv): ServeProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"(http:\/\/[^"]+)","name":"api","msg":"listening"/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take); // logs are on stderr
    void exited.then((code) => reject(new Error(`porttask serve exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}
