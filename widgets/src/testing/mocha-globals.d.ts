/*
 * The Mocha globals the widget tests use (web-test-runner runs them with Mocha). Declared here
 * rather than through @types/mocha so the type check needs no extra dependency.
 */
type MochaDone = (error?: unknown) => void;
type MochaCallback = (this: unknown, done: MochaDone) => void | Promise<unknown>;

declare function describe(title: string, body: () => void): void;
/** A test; `.timeout(ms)` gives a slow one more than the configured time. */
declare function it(title: string, body: MochaCallback): { timeout(ms: number): unknown };
declare function before(body: MochaCallback): void;
declare function after(body: MochaCallback): void;
declare function beforeEach(body: MochaCallback): void;
declare function afterEach(body: MochaCallback): void;
