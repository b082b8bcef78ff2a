/**
 * HTTP method + path (+ query) → operation, for restJson1 (and any REST protocol). The
 * operations' URI templates are compiled once per model into a trie per method: each node has
 * children by literal segment (a Map lookup), one label child and greedy-label routes. Matching
 * walks the path segments once, trying literal before label before greedy and backtracking only
 * when a branch dead-ends, which is Smithy's precedence (a literal segment beats a label, a
 * label beats a greedy label). Routes ending at the same node are told apart by the literal
 * query parts of their templates (`GET /2018-10-31/layers?find=LayerVersion` before
 * `GET /2018-10-31/layers`): the route with the most matching literals wins.
 * @see https://smithy.io/2.0/spec/http-bindings.html#pattern-validation-and-conflict-avoidance
 */
import type { HttpTrait } from '../schema.js';
import { parseUriTemplate, type TemplateSegment } from './uri-template.js';

export interface Route {
  operation: string;
  http: HttpTrait;
  segments: TemplateSegment[];
  query: Array<[string, string | undefined]>;
}

export interface RouteMatch {
  route: Route;
  /** Label values, percent-decoded (a greedy label keeps its `/`). */
  labels: Record<string, string>;
}

interface GreedyRoute {
  /** Literal segments after the greedy label (Smithy allows `/{Key+}/tagging`). */
  suffix: string[];
  routes: Route[];
}

function greedyName(r: Route): string {
  const g = r.segments.find((s) => s.kind === 'greedy');
  return g ? g.name : '';
}

interface Node {
  literal: Map<string, Node>;
  label: { name: string; node: Node } | undefined;
  greedy: GreedyRoute[];
  routes: Route[];
}

function newNode(): Node {
  return { literal: new Map(), label: undefined, greedy: [], routes: [] };
}

export class RestRouter {
  private readonly byMethod = new Map<string, Node>();

  constructor(operations: Iterable<{ name: string; http?: HttpTrait }>) {
    for (const op of operations) if (op.http) this.add(op.name, op.http);
    // More literal query parts first, so `?find=LayerVersion` is tried before the bare path.
    const sortNode = (n: Node): void => {
      n.routes.sort((a, b) => b.query.length - a.query.length);
      for (const g of n.greedy) g.routes.sort((a, b) => b.query.length - a.query.length);
      // A greedy label with a longer literal tail is the more specific one (`{Key+}/tagging` before `{Key+}`).
      n.greedy.sort((a, b) => b.suffix.length - a.suffix.length);
      for (const c of n.literal.values()) sortNode(c);
      if (n.label) sortNode(n.label.node);
    };
    for (const n of this.byMethod.values()) sortNode(n);
  }

  private add(operation: string, http: HttpTrait): void {
    const { segments, query } = parseUriTemplate(http.uri);
    const route: Route = { operation, http, segments, query };
    const method = http.method.toUpperCase();
    let node = this.byMethod.get(method);
    if (!node) this.byMethod.set(method, (node = newNode()));
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (seg.kind === 'greedy') {
        const suffix = segments.slice(i + 1).map((s) => (s.kind === 'literal' ? s.text : '')); // no label after a greedy one (Smithy)
        const key = suffix.join('/');
        let g = node.greedy.find((x) => x.suffix.join('/') === key);
        if (!g) node.greedy.push((g = { suffix, routes: [] }));
        g.routes.push(route);
        return;
      }
      if (seg.kind === 'literal') {
        let child = node.literal.get(seg.text);
        if (!child) node.literal.set(seg.text, (child = newNode()));
        node = child;
      } else {
        node.label ??= { name: seg.name, node: newNode() };
        node = node.label.node;
      }
    }
    node.routes.push(route);
  }

  /** The operation for a request; undefined when no template matches. */
  match(method: string, path: string, query: URLSearchParams): RouteMatch | undefined {
    const root = this.byMethod.get(method.toUpperCase());
    if (!root) return undefined;
    const raw = splitPath(path);
    if (!raw) return undefined;
    return walk(root, raw, 0, query, []);
  }
}

/** Raw (still percent-encoded) segments; a trailing `/` is ignored as in the templates. */
function splitPath(path: string): string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined; // a malformed escape (`%zz`) matches no label
  }
}

function queryMatches(route: Route, query: URLSearchParams): boolean {
  for (const [k, v] of route.query) {
    if (!query.has(k)) return false;
    if (v !== undefined && !query.getAll(k).includes(v)) return false;
  }
  return true;
}

function pick(routes: Route[], query: URLSearchParams): Route | undefined {
  for (const r of routes) if (queryMatches(r, query)) return r;
  return undefined;
}

type Labels = Array<[string, string]>;

function done(route: Route, labels: Labels): RouteMatch {
  return { route, labels: Object.fromEntries(labels) };
}

function walk(node: Node, raw: string[], i: number, query: URLSearchParams, labels: Labels): RouteMatch | undefined {
  if (i === raw.length) {
    const r = pick(node.routes, query);
    return r ? done(r, labels) : undefined;
  }
  const seg = raw[i]!;
  const text = decode(seg);
  if (text === undefined) return undefined;
  const lit = node.literal.get(text);
  if (lit) {
    const m = walk(lit, raw, i + 1, query, labels);
    if (m) return m;
  }
  if (node.label && text !== '') {
    labels.push([node.label.name, text]);
    const m = walk(node.label.node, raw, i + 1, query, labels);
    if (m) return m;
    labels.pop();
  }
  for (const g of node.greedy) {
    // At least one segment for the greedy label, then the literal suffix exactly.
    const end = raw.length - g.suffix.length;
    if (end <= i) continue;
    if (g.suffix.some((s, k) => decode(raw[end + k]!) !== s)) continue;
    const value = decode(raw.slice(i, end).join('/'));
    if (!value) continue;
    const r = pick(g.routes, query);
    if (r) return done(r, [...labels, [greedyName(r), value]]);
  }
  return undefined;
}
