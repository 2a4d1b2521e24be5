export { createApp, type App, type AppDependencies } from './app.ts';
export { parseEnv, type Env } from './env.ts';
export { connect, type Database } from './db/connection.ts';
export { migrate } from './db/migrate.ts';
