// Entry point of dist/server.js (`node dist/server.js --stdio`). Kept apart from server.ts so that
// importing startServer (the flokoa-lsp CLI, the VS Code extension's bundle) starts nothing.
import { startServer } from './server.js';

startServer();
