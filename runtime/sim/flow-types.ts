import type { Context } from 'aws-lambda';

/**
 * The types of a flow, as the typed test API (`simulate<F>()` in compiler/testing.ts) reads
 * them: the payload of each topic, queue, bus, stream and table, and the event and result of
 * each function. The generated TypeScript of a flow can declare one; by hand it is a few lines:
 *
 * ```ts
 * interface Shop extends FlowTypes {
 *   topics: { placed: Order };
 *   queues: { receipts: SuccessRecord<Order, Receipt>; payouts: Receipt };
 *   functions: { charge: { event: SNSEvent; result: Receipt } };
 * }
 * ```
 */
export interface FlowTypes {
  readonly topics: object;
  readonly queues: object;
  readonly buses: object;
  readonly streams: object;
  readonly tables: object;
  readonly functions: object;
  /** The routes of its HTTP APIs (a union of `RouteType`s); a flow without apis has none. */
  readonly routes?: RouteType;
}

/**
 * One route of a flow's HTTP APIs, as the generated `Flow` lists them: the requests it takes (a
 * template literal type: `GET /orders/${string}` for `GET /orders/{id}`), the JSON body a
 * request carries (`undefined` on GET, HEAD and OPTIONS), and the response body of a success.
 */
export interface RouteType {
  readonly api: string;
  readonly route: string;
  readonly body: unknown;
  readonly response: unknown;
}

/** The request lines a flow takes: the union of its routes' patterns, any string for a flow typed without routes. */
export type RequestLine<F extends FlowTypes> = [RoutesOf<F>] extends [never] ? string : RoutesOf<F>['route'];

type RoutesOf<F extends FlowTypes> = F extends { readonly routes: infer R extends RouteType } ? R : never;

/** The routes that take the request line `L`. */
type RouteFor<F extends FlowTypes, L> = RoutesOf<F> extends infer R ? (R extends RouteType ? (L extends R['route'] ? R : never) : never) : never;

export type RequestBody<F extends FlowTypes, L> = [RouteFor<F, L>] extends [never] ? unknown : RouteFor<F, L>['body'];
export type ResponseBody<F extends FlowTypes, L> = [RouteFor<F, L>] extends [never] ? unknown : RouteFor<F, L>['response'];

/** Any flow: every name is a string and every payload `unknown`. */
export interface UntypedFlow extends FlowTypes {
  readonly topics: Record<string, unknown>;
  readonly queues: Record<string, unknown>;
  readonly buses: Record<string, unknown>;
  readonly streams: Record<string, unknown>;
  readonly tables: Record<string, Record<string, unknown>>;
  readonly functions: Record<string, { readonly event: unknown; readonly result: unknown }>;
  readonly routes?: RouteType;
}

/** One kind of event on a bus, as the generated `Flow` lists them: its detail-type, source and detail. */
export interface BusEventKind {
  readonly detailType: string;
  readonly source: string;
  readonly detail: unknown;
}

/** A bus of a flow's types: its kinds of events, or (in a `FlowTypes` written by hand) just the detail, of any detail-type. */
export type BusKinds<E> = E extends BusEventKind ? E : { readonly detailType: string; readonly source: string; readonly detail: E };

/** The kinds whose detail-type is any string (the app's own events, events from outside). */
type OpenKinds<K extends BusEventKind> = K extends BusEventKind ? (string extends K['detailType'] ? K : never) : never;

/** The kind of event a detail-type `D` names: the kinds of exactly that detail-type, else the open ones. */
export type BusKindOf<K extends BusEventKind, D extends string> = [Extract<K, { readonly detailType: D }>] extends [never] ? OpenKinds<K> : Extract<K, { readonly detailType: D }>;

type Member<T, K, Fallback> = K extends keyof T ? T[K] : Fallback;

export type EventOf<F extends FlowTypes, Fn> = Member<Member<F['functions'], Fn, unknown>, 'event', unknown>;
export type ResultOf<F extends FlowTypes, Fn> = Member<Member<F['functions'], Fn, unknown>, 'result', unknown>;

/** A handler of function `Fn` of flow `F`, as the simulator calls it. */
export type FlowHandler<F extends FlowTypes, Fn> = (event: EventOf<F, Fn>, context: Context) => ResultOf<F, Fn> | void | Promise<ResultOf<F, Fn> | void>;
