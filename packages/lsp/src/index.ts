// @flokoa/lsp: the Flokoa language server. `startServer` runs it on a connection; the protocol
// module is what clients (the VS Code extension, tests) share with it.
export { startServer, type ServerOptions } from './server.js';
export * from './protocol.js';
export { readServerSettings, type ServerSettings, type ClusterSettings } from './settings.js';
export type { ExternalResourceSource, ExternalSink, ExternalSourceFactory } from './externalSources.js';
