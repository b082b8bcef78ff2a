/**
 * AWS query requests (form-encoded `Action=...&A.1.Name=...`) → plain input objects, by the
 * operation's input shape. Keys are first folded into a tree on `.` so that lists and maps
 * are read in one pass whatever order (or gaps) the client used for their indices.
 */
import { pathSegments, type PathNode, type ServiceModel } from '../service-model.js';
import type { Shape, StructureShape } from '../shape.js';

type Tree = { value?: string; children?: Map<string, Tree> };

export function formParams(body: Buffer | string): URLSearchParams {
  return new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'));
}

function buildTree(params: URLSearchParams): Tree {
  const root: Tree = {};
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = {}));
      node = next;
    }
    node.value = value;
  }
  return root;
}

export function parseQueryParams(model: ServiceModel, shape: StructureShape, params: URLSearchParams): Record<string, unknown> {
  return readStructure(model, shape, buildTree(params), '', undefined);
}

function readStructure(model: ServiceModel, shape: StructureShape, node: Tree, path: string, at: PathNode | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const child = node.children?.get(member.xmlName);
    if (!child) continue;
    const v = readMember(model, member.shape, member.flattened, child, path + member.xmlName, { seg: member.name, parent: at });
    if (v !== undefined) out[member.name] = v;
  }
  for (const name of shape.required) {
    if (out[name] === undefined)
      throw model.validation.missing(path + (shape.byName.get(name)?.xmlName ?? name), pathSegments({ seg: name, parent: at }));
  }
  return out;
}

/** Children whose key is a 1-based index, in index order. */
function indexed(node: Tree | undefined): Array<[number, Tree]> {
  if (!node?.children) return [];
  const out: Array<[number, Tree]> = [];
  for (const [k, v] of node.children) {
    if (/^[1-9]\d*$/.test(k)) out.push([Number(k), v]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function readMember(model: ServiceModel, shape: Shape, flattened: boolean, node: Tree, path: string, at: PathNode): unknown {
  switch (shape.kind) {
    case 'structure':
      return readStructure(model, shape, node, path + '.', at);
    case 'list': {
      const items = flattened ? indexed(node) : indexed(node.children?.get(shape.memberXmlName));
      // `List=` (empty value) is how query clients send an empty list.
      if (!items.length) return node.value === '' ? [] : undefined;
      return items.map(([i, item]) => {
        const v = readMember(model, shape.member, false, item, `${path}.${i}`, { seg: i, parent: at });
        // `Name.1.x=z` gives item 1 sub-keys but no value: the item is missing.
        // unverified text: the service's missing-parameter wording, for the item
        if (v === undefined) throw model.validation.missing(`${path}.${i}`, pathSegments({ seg: i, parent: at }));
        return v;
      });
    }
    case 'map': {
      const entries = flattened ? indexed(node) : indexed(node.children?.get('entry'));
      if (!entries.length) return node.value === '' ? (Object.create(null) as Record<string, unknown>) : undefined;
      // Keys are the user's (attribute names, tag keys): `__proto__` is an ordinary key.
      const out = Object.create(null) as Record<string, unknown>;
      for (const [i, entry] of entries) {
        const k = entry.children?.get(shape.keyXmlName)?.value;
        const v = entry.children?.get(shape.valueXmlName);
        if (k === undefined) throw model.validation.missing(`${path}.${i}.${shape.keyXmlName}`, pathSegments({ seg: i, parent: at }));
        if (!v) throw model.validation.missing(`${path}.${i}.${shape.valueXmlName}`, pathSegments({ seg: { key: k }, parent: at }));
        out[k] = readMember(model, shape.value, false, v, `${path}.${i}.${shape.valueXmlName}`, { seg: { key: k }, parent: at });
      }
      return out;
    }
    default:
      return readScalar(model, shape.kind, node.value, path, at);
  }
}

function readScalar(model: ServiceModel, kind: string, raw: string | undefined, path: string, at: PathNode): unknown {
  if (raw === undefined) return undefined;
  switch (kind) {
    case 'number': {
      if (!/^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(raw)) throw model.validation.invalidValue(path, raw.slice(0, 256), pathSegments(at));
      const n = Number(raw);
      if (!Number.isFinite(n)) throw model.validation.invalidValue(path, raw.slice(0, 256), pathSegments(at));
      return n;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw model.validation.invalidValue(path, raw.slice(0, 256), pathSegments(at));
    case 'blob':
      return Buffer.from(raw, 'base64');
    case 'timestamp': {
      const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      const d = new Date(ms); // NaN outside JavaScript's date range (±8.64e15 ms)
      if (Number.isNaN(d.getTime())) throw model.validation.invalidValue(path, raw.slice(0, 256), pathSegments(at));
      return d;
    }
    default:
      return raw;
  }
}
