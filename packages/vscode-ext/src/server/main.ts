// Entry of the language server bundle shipped inside the extension (dist/server.js): the Flokoa
// language server with the live cluster plugged in as an external resource source. The client
// starts it as a Node process and talks LSP over Node IPC.
import { startServer } from '@flokoa/lsp';
import { clusterSources } from './clusterSource.js';

startServer(undefined, { externalSources: clusterSources });
