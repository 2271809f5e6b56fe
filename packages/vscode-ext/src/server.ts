// Entry of the language server bundle shipped inside the extension (dist/server.js); the client
// starts it as a Node process and talks LSP over Node IPC.
import { startServer } from '@flokoa/lsp';

startServer();
