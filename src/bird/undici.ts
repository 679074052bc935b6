// The parts of undici this action uses: its dispatchers, the connector and a `request` of our own
// for full URLs. undici's own index loads everything it has (fetch, WebSocket, EventSource, the
// mock agents, cache stores, interceptors) when it is first imported: about 30 ms, a fifth of a
// step. Here only these parts load. tsconfig.json's `paths` sends every bundled import of 'undici'
// here too, so that @actions/core's HTTP client (its ProxyAgent, for OIDC tokens the action never
// asks for) does not load the index behind our back. `npm run build` fails if anything but fetch()
// below loads the index, or if a bundled package takes from 'undici' a name not exported here.
import type * as Undici from 'undici/index.js';
import AgentImpl from 'undici/lib/dispatcher/agent.js';
import DispatcherImpl from 'undici/lib/dispatcher/dispatcher.js';
import PoolImpl from 'undici/lib/dispatcher/pool.js';
import ProxyAgentImpl from 'undici/lib/dispatcher/proxy-agent.js';
import connectorImpl from 'undici/lib/core/connect.js';
import { connect, pipeline, request as apiRequest, stream, upgrade } from 'undici/lib/api/index.js';

// What undici's index does once: every dispatcher gets these five methods (named: a namespace of
// this CommonJS file would also carry `default`). ProxyAgent asks its proxy for a tunnel with connect().
Object.assign(DispatcherImpl.prototype, { request: apiRequest, stream, pipeline, upgrade, connect });

export const Agent = AgentImpl;
export type Agent = Undici.Agent;
export const Pool = PoolImpl;
export type Pool = Undici.Pool;
export const ProxyAgent = ProxyAgentImpl;
export type ProxyAgent = Undici.ProxyAgent;
export const buildConnector = connectorImpl;
// eslint-disable-next-line @typescript-eslint/no-namespace -- the type namespace undici declares beside the function
export declare namespace buildConnector {
  type connector = Undici.buildConnector.connector;
}
export type Dispatcher = Undici.Dispatcher;
// eslint-disable-next-line @typescript-eslint/no-namespace -- the types undici declares under Dispatcher
export declare namespace Dispatcher {
  type ConnectOptions = Undici.Dispatcher.ConnectOptions;
  type ConnectData = Undici.Dispatcher.ConnectData;
  type ResponseData = Undici.Dispatcher.ResponseData;
}

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher };

/**
 * undici's `request(url, options)` as this action calls it: an http(s) URL, a method and a
 * dispatcher of our own, always (undici's own also takes a path option, guesses a method and falls
 * back to a global dispatcher, none of which the action wants).
 */
export function request(url: string | URL, { dispatcher, ...options }: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${target.protocol}`);
  return dispatcher.request({ ...options, origin: target.origin, path: `${target.pathname}${target.search}` });
}

/**
 * undici's fetch, for @actions/github (which imports it from 'undici' and only this action's debug
 * logging loads): the whole index then loads, as a chunk of its own, on the first call.
 */
export async function fetch(...args: Parameters<typeof Undici.fetch>): ReturnType<typeof Undici.fetch> {
  const undici = await import('undici/index.js');
  return undici.fetch(...args);
}
