/**
 * Preloaded into the API process to see what it allocates under load: V8's sampling heap
 * profiler with the objects that died young included (what the young-generation collector
 * works for), started HEAP_START_MS after start-up and stopped HEAP_SAMPLE_MS later, written
 * to HEAP_PROFILE (a .heapprofile file Chrome DevTools opens), or at exit if that comes first. With the consent write bench:
 *
 *   HEAP_PROFILE=/tmp/alloc.heapprofile BENCH_API_NODE_OPTIONS="--import ./bench/allocation-sample.mjs" \
 *     BENCH_CPU_REQUESTS=20000 BENCH_CPU_ROUNDS=2 node --conditions=source --import tsx bench/cpu-per-op.ts consent
 *
 * The profile's total `selfSize` over its nodes is the bytes sampled in the window.
 */
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';

const session = new inspector.Session();
session.connect();
const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

// The inspector answers on this thread at once, so the profile can also be written at exit
// (a quick run may end before the window does).
let sampling = false;
const stop = () => {
  if (!sampling) return;
  sampling = false;
  session.post('HeapProfiler.stopSampling', (error, { profile }) => {
    if (!error) writeFileSync(process.env.HEAP_PROFILE ?? 'allocation.heapprofile', JSON.stringify(profile));
  });
};
setTimeout(async () => {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  sampling = true;
  setTimeout(stop, Number(process.env.HEAP_SAMPLE_MS ?? 8_000)).unref();
}, Number(process.env.HEAP_START_MS ?? 15_000)).unref();
process.on('exit', stop);
