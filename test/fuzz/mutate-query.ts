/**
 * Mutations of an AWS query (form) body: wrong values per parameter, hostile JSON inside string
 * parameters, structural key garbage (`A.1.x=`, missing `=`, duplicates, huge or zero indices,
 * deep keys, 10,000 parameters, prototype names), percent garbage and invalid UTF-8, routing
 * trouble (Action/Version).
 */
import type { Rng } from './prng.js';
import { hostileJsonText, hugeString, NUMBER_VALUES, PROTO_KEYS, weirdString } from './values.js';
import { preview, type Mutated } from './mutate-json.js';

export type QueryCategory = 'valid' | 'value' | 'json-in-string' | 'keys' | 'many' | 'encoding' | 'proto' | 'routing';

export const QUERY_CATEGORIES: ReadonlyArray<readonly [QueryCategory, number]> = [
  ['valid', 10], ['value', 20], ['json-in-string', 10], ['keys', 20], ['many', 5], ['encoding', 12], ['proto', 10], ['routing', 6],
];

type Pair = [string, string];
/** Percent-encoding; a lone surrogate goes out as its (invalid UTF-8) CESU-8 bytes. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\s\S]/gu, (c) => {
      const u = c.charCodeAt(0);
      if (c.length === 1 && u >= 0xd800 && u <= 0xdfff) return `%${(0xe0 | (u >> 12)).toString(16)}%${(0x80 | ((u >> 6) & 0x3f)).toString(16)}%${(0x80 | (u & 0x3f)).toString(16)}`;
      return encodeURIComponent(c);
    });
  }
}

function render(pairs: Array<Pair | string>): Buffer {
  return Buffer.from(pairs.map((p) => (typeof p === 'string' ? p : `${enc(p[0])}=${enc(p[1])}`)).join('&'), 'utf8');
}

const JSON_PARAM = /policy|pattern|attribute\.\d+\.value|attributes\.entry\.\d+\.value|message$|body|filter/i;

export function mutateQuery(rng: Rng, body: Buffer, category: QueryCategory): Mutated {
  const pairs: Array<Pair | string> = [...new URLSearchParams(body.toString('utf8'))];
  const members = pairs.map((p, i) => [p, i] as const).filter(([p]) => typeof p !== 'string' && p[0] !== 'Action' && p[0] !== 'Version');
  const pickMember = () => (members.length ? rng.pick(members) : undefined);
  switch (category) {
    case 'valid':
      return { body: render(pairs), label: 'valid input' };
    case 'value': {
      const m = pickMember();
      const v = rng.pick([() => rng.pick(NUMBER_VALUES), () => weirdString(rng), () => hugeString(rng), () => '', () => 'true'])();
      if (m) pairs[m[1]] = [(m[0] as Pair)[0], v];
      else pairs.push(['QueueUrl', v]);
      return { body: render(pairs), label: `value ${preview(v)} for ${m ? (m[0] as Pair)[0] : 'QueueUrl'}` };
    }
    case 'json-in-string': {
      const jsonish = members.filter(([p]) => JSON_PARAM.test((p as Pair)[0]));
      const m = jsonish.length && rng.chance(0.8) ? rng.pick(jsonish) : pickMember();
      const v = hostileJsonText(rng);
      const key = m ? (m[0] as Pair)[0] : 'Attributes.entry.1.value';
      if (m) pairs[m[1]] = [key, v];
      else pairs.push(['Attributes.entry.1.key', 'Policy'], [key, v]);
      return { body: render(pairs), label: `JSON text ${preview(v)} for ${key}` };
    }
    case 'keys': {
      const m = pickMember();
      const key = m ? (m[0] as Pair)[0] : 'Attribute.1.Name';
      const stem = key.replace(/\.\d+(\..*)?$/, '') || key;
      const depth = rng.depth(20_000);
      const garbage = rng.pick<() => [Array<Pair | string>, string]>([
        () => [[`${enc(stem)}.1.x=`], `${stem}.1.x=`],
        () => [[enc(key)], `${key} without =`],
        () => [[`${enc(stem)}.1`], `list item ${stem}.1 without member`],
        () => [[[key, 'dup1'], [key, 'dup2']], `duplicate ${key}`],
        () => [[[`${stem}.0.Name`, 'x'], [`${stem}.0.Value`, 'y']], `${stem}.0`],
        () => [[[`${stem}.-1`, 'x']], `${stem}.-1`],
        () => [[[`${stem}.99999999999999999999.Name`, 'x']], `${stem} huge index`],
        () => [[[`${stem}.4294967296`, 'x']], `${stem}.4294967296`],
        () => [[[`${stem}.1e3`, 'x']], `${stem}.1e3`],
        () => [[[`${stem}..1`, 'x'], [`${stem}.1.`, 'y'], ['.', 'z'], ['', 'e']], 'empty key segments'],
        () => [['=v', '&&&', '=', '&='], 'empty keys'],
        () => [[[`${stem}${'.1.A'.repeat(depth)}`, 'x']], `key ${depth} segments deep`],
        () => [[[`${stem}.member.1.entry.1.key.1`, 'x']], 'mixed list/map segments'],
        () => [[[`${stem}.1.Name`, 'a'], [`${stem}.3.Name`, 'b'], [`${stem}.1000000.Name`, 'c']], 'sparse indices'],
      ])();
      if (m && rng.chance(0.5)) pairs.splice(m[1], 1);
      pairs.push(...garbage[0]);
      return { body: render(pairs), label: garbage[1] };
    }
    case 'many': {
      const n = rng.pick([1000, 10_000, 50_000]);
      const stem = rng.pick(['Tag', 'Attribute', 'Attributes.entry', 'MessageAttribute', 'Tags.member', 'AttributeNames.member', 'X']);
      for (let i = 1; i <= n; i++) pairs.push([`${stem}.${i}.Key`, `k${i}`], [`${stem}.${i}.Value`, 'v']);
      return { body: render(pairs), label: `${2 * n} params ${stem}.N.*` };
    }
    case 'encoding': {
      const text = render(pairs).toString('utf8');
      const junk = rng.pick(['%', '%zz', '%c3%28', '%ed%a0%80', '%ff%fe', '%00', '%u0041', '+%2', '%%%', '%e2%82']);
      const asBytes = rng.chance(0.3);
      const b = asBytes
        ? Buffer.concat([Buffer.from(text + '&QueueName=', 'utf8'), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80])])
        : Buffer.from(rng.chance(0.5) ? `${text}&${junk}=${junk}` : text.replace(/=([^&]*)/, `=${junk}$1`), 'utf8');
      return { body: b, label: asBytes ? 'raw invalid UTF-8 bytes' : `percent garbage ${junk}` };
    }
    case 'proto': {
      const key = rng.pick(PROTO_KEYS);
      const forms: Array<[Array<Pair>, string]> = [
        [[[key, 'x']], `param ${key}`],
        [[['Attributes.entry.1.key', key], ['Attributes.entry.1.value', 'x']], `map key ${key}`],
        [[['Attribute.1.Name', key], ['Attribute.1.Value', 'x']], `attribute ${key}`],
        [[['MessageAttribute.1.Name', key], ['MessageAttribute.1.Value.DataType', 'String'], ['MessageAttribute.1.Value.StringValue', 'x']], `message attribute ${key}`],
        [[['MessageAttributes.entry.1.Name', key], ['MessageAttributes.entry.1.Value.DataType', 'String'], ['MessageAttributes.entry.1.Value.StringValue', 'x']], `SNS message attribute ${key}`],
        [[['Tag.1.Key', key], ['Tag.1.Value', 'x'], ['Tags.member.1.Key', key], ['Tags.member.1.Value', 'x']], `tag ${key}`],
        [[[`${key}.1.Name`, 'x'], [`Attributes.${key}`, 'y'], [`${key}.prototype.x`, 'z']], `${key} as a segment`],
      ];
      const [extra, label] = rng.pick(forms);
      pairs.push(...extra);
      return { body: render(pairs), label };
    }
    case 'routing': {
      const r = rng.int(0, 5);
      if (r === 0) return { body: render([...pairs, ['Action', 'DeleteQueue']]), label: 'two Actions' };
      if (r === 1) return { body: render(pairs.filter((p) => typeof p === 'string' || p[0] !== 'Action')), label: 'no Action' };
      if (r === 2) return { body: render(pairs.map((p) => (typeof p !== 'string' && p[0] === 'Version' ? ['Version', '1999-01-01'] : p))), label: 'wrong Version' };
      if (r === 3) return { body: render(pairs.map((p) => (typeof p !== 'string' && p[0] === 'Action' ? ['Action', rng.pick(['', 'toString', '__proto__', 'constructor', 'Publish', 'SendMessage', 'x'.repeat(10_000)])] : p))), label: 'odd Action' };
      if (r === 4) return { body: render(pairs.filter((p) => typeof p === 'string' || p[0] !== 'Version')), label: 'no Version' };
      return { body: render([['Action', 'ListQueues'], ...pairs]), label: 'Action first, duplicated' };
    }
  }
}
