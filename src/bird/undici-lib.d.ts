// Types for the parts of undici src/bird/undici.ts loads by path: undici declares its types for
// the index only, and each of these files exports the thing the index re-exports under its name.
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: typeof import('undici/index.js').Agent;
  export = Agent;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  const Dispatcher: typeof import('undici/index.js').Dispatcher;
  export = Dispatcher;
}
declare module 'undici/lib/dispatcher/pool.js' {
  const Pool: typeof import('undici/index.js').Pool;
  export = Pool;
}
declare module 'undici/lib/dispatcher/proxy-agent.js' {
  const ProxyAgent: typeof import('undici/index.js').ProxyAgent;
  export = ProxyAgent;
}
declare module 'undici/lib/core/connect.js' {
  const buildConnector: typeof import('undici/index.js').buildConnector;
  export = buildConnector;
}
declare module 'undici/lib/api/index.js' {
  type Api = Pick<import('undici/index.js').Dispatcher, 'request' | 'stream' | 'pipeline' | 'upgrade' | 'connect'>;
  export const request: Api['request'];
  export const stream: Api['stream'];
  export const pipeline: Api['pipeline'];
  export const upgrade: Api['upgrade'];
  export const connect: Api['connect'];
}
